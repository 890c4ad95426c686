"""One light stylesheet per page of the built book (issue 13).

Every page waits for its stylesheets before its first paint. As Sphinx writes it, a page links eleven
(the theme's, Sphinx's and each extension's), and the theme's first one imports a twelfth; on a phone's
connection each is a round trip. Most of what they hold is never used here: pydata-sphinx-theme.css
carries all of Bootstrap and a rule for each of Font Awesome's ~1,900 icons; sphinx-design.min.css
styles grids, cards and badges this book does not draw.

Once the build is done, ``bundle_site`` puts each page's stylesheets, in their order, into one file
(``_static/usrussia-styles-<list>.css``, one per distinct list, with ``?v=`` its content's hash) and
links that instead; the files Sphinx copied stay as they are. Rules no page can use are left out of
the bundle. The test a rule must pass is PurgeCSS's (its default extractor): every class and id its
selector names must occur as a word somewhere in the built pages or in a script they load, including
classes a script only adds later (``show``, ``active``, a widget's ``usr-...``); a name a script builds
from a template, such as Bootstrap's ```bs-${NAME}-auto``` (the tooltip's arrow), matches any word in
place of the ``${...}``. What it cannot judge it keeps: at-rules other than @media, @supports, @layer
and @container; selectors with escapes; names inside ``:not(...)`` and ``:is(...)``.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Container
from pathlib import Path

import tinycss2

#: A word as the extractor takes it from pages and scripts: a candidate class or id.
WORD = re.compile(r"-?[A-Za-z_][\w-]*")
#: The classes and ids a selector names.
NAME = re.compile(r"[.#](-?[A-Za-z_][\w-]*)")
#: Arguments of functional pseudo-classes (``:not(.x)``, ``:is(.a,.b)``, ``:nth-child(2n)``).
ARGUMENTS = re.compile(r"\([^()]*\)")
#: A class name a script builds at run time: ``bs-${this.constructor.NAME}-auto``.
TEMPLATE_NAME = re.compile(r"([A-Za-z_][\w-]*)\$\{[^{}]*\}([\w-]*)")
SCRIPT_SRC = re.compile(r'<script[^>]*\ssrc="([^"]+)"')
#: At-rules whose content is a list of rules, filtered like the top level.
GROUPING = {"media", "supports", "layer", "container"}
#: A page's stylesheet link (with the line break after it).
STYLESHEET_LINK = re.compile(r'[ \t]*<link[^>]*\brel="stylesheet"[^>]*>\n?')
HREF = re.compile(r'\bhref="([^"?#]+)[^"]*"')
#: A stylesheet of the site importing another of its files (the theme's theme.css imports basic.css).
LOCAL_IMPORT = re.compile(r'@import\s+(?:url\()?"([^":]+)"\)?\s*;')
#: A file a stylesheet refers to (a font, an image), unless absolute, a data URL or within the page.
RELATIVE_URL = re.compile(r"""url\(\s*(['"]?)(?![a-z][\w+.-]*:|/|#)([^'")]+)\1\s*\)""")
CHARSET = re.compile(r'@charset\s+"[^"]*"\s*;')
BUNDLE = "usrussia-styles-{}.css"
BUNDLE_LINK = re.compile(r'(usrussia-styles-\w+\.css)(\?v=\w+)?')
#: First line of a bundle: the files it is made of, so that any later build can make it again.
HEADER = "/* usrussia.stylesheets: {} */\n"
HEADER_LIST = re.compile(r"^/\* usrussia\.stylesheets: (.*) \*/\n")


class UsedNames:
    """The words of the built pages and of the local scripts they load, and the names those scripts build."""

    def __init__(self, site: Path):
        self.words, scripts, built = set(), set(), set()
        for page in site.rglob("*.html"):
            html = page.read_text(encoding="utf-8", errors="ignore")
            self.words.update(WORD.findall(html))
            scripts.update((page.parent / src.split("?")[0]).resolve()
                           for src in SCRIPT_SRC.findall(html) if "://" not in src)
        for script in scripts:
            text = script.read_text(encoding="utf-8", errors="ignore") if script.is_file() else ""
            self.words.update(WORD.findall(text))
            built.update(TEMPLATE_NAME.findall(text))
        self.built = [re.compile(re.escape(head) + r"[\w-]+" + re.escape(tail)) for head, tail in sorted(built)]

    def __contains__(self, name: str) -> bool:
        return name in self.words or any(pattern.fullmatch(name) for pattern in self.built)


def selector_may_match(selector: str, words: Container[str]) -> bool:
    """Whether a page could hold what ``selector`` (one of a comma-separated list) selects."""
    if "\\" in selector:
        return True
    while ARGUMENTS.search(selector):
        selector = ARGUMENTS.sub("", selector)
    return all(name in words for name in NAME.findall(selector))


def _kept(rules, words: Container[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = tinycss2.serialize(rule.prelude).split(",")
            if any(selector_may_match(s.strip(), words) for s in selectors):
                kept.append(tinycss2.serialize([rule]))
        elif rule.type == "at-rule" and rule.lower_at_keyword in GROUPING and rule.content is not None:
            inner = _kept(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), words)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
    return kept


def purge(css: str, words: Container[str]) -> str:
    """The stylesheet ``css`` without the rules whose every selector names a class or id not in ``words``
    (and without comments)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_kept(rules, words))


def _as_if_in(css: Path, folder: Path) -> str:
    """The text of ``css`` as it would read from a file in ``folder``: the files its ``url(...)``s name
    reached from there, each stylesheet it imports from the site put in place of the import."""
    def moved(match: re.Match) -> str:
        target = os.path.relpath(css.parent / match.group(2), folder)
        return f"url({match.group(1)}{Path(target).as_posix()}{match.group(1)})"

    parts = LOCAL_IMPORT.split(css.read_text(encoding="utf-8"))  # text, imported file, text, ...
    return "".join(
        RELATIVE_URL.sub(moved, part) if i % 2 == 0
        else _as_if_in(css.parent / part, folder) if (css.parent / part).is_file() else f'@import "{part}";'
        for i, part in enumerate(parts))


def bundle(static: Path, sheets: list[str], words: Container[str]) -> str:
    """The stylesheets ``sheets`` (paths in ``static``), in order, as one file in ``static``, without the
    unused rules. Each is parsed on its own, as a browser does, so an unclosed block in one cannot
    swallow the next."""
    return HEADER.format(" ".join(sheets)) + '@charset "UTF-8";' + "\n".join(
        purge(CHARSET.sub("", _as_if_in(static / sheet, static)), words) for sheet in sheets)


def _sheet(page: Path, link: str, static: Path) -> str | None:
    """The stylesheet in ``static`` that the ``<link>`` tag on ``page`` names, unless it has a media query."""
    href = HREF.search(link)
    if not href or "://" in href.group(1) or "media=" in link:
        return None
    target = (page.parent / href.group(1)).resolve()
    return target.relative_to(static).as_posix() if target.is_relative_to(static) and target.is_file() else None


def _linking_one(page: Path, html: str, static: Path, link: str) -> str:
    """``html`` with ``link`` in place of the first stylesheet link that ``_sheet`` takes, the others gone."""
    links = iter([link])
    return STYLESHEET_LINK.sub(lambda match: next(links, "") if _sheet(page, match.group(0), static)
                               else match.group(0), html)


def bundle_site(site: Path) -> dict[str, list[str]]:
    """Give every page of the built ``site`` one bundled stylesheet in place of the ones it links.

    Pages written by an earlier build already link their bundle: those bundles are made again (their
    first line names their files) and their links get the new ``?v=``. Returns each bundle's file list.
    """
    static = (site / "_static").resolve()
    words = UsedNames(site)
    pages, lists = {}, {}
    for bundled in static.glob(BUNDLE.format("*")):
        if header := HEADER_LIST.match(bundled.read_text(encoding="utf-8")):
            lists[bundled.name] = header.group(1).split()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        sheets = [sheet for link in STYLESHEET_LINK.findall(html) if (sheet := _sheet(page, link, static))]
        if len(sheets) > 1:
            name = BUNDLE.format(hashlib.sha256(" ".join(sheets).encode()).hexdigest()[:10])
            lists[name] = sheets
            up = "../" * (len(page.relative_to(site).parts) - 1)
            html = _linking_one(page, html, static, f'  <link rel="stylesheet" href="{up}_static/{name}" />\n')
        if BUNDLE_LINK.search(html):
            pages[page] = html
    versions = {}
    for name, sheets in lists.items():
        if all((static / sheet).is_file() for sheet in sheets):
            text = bundle(static, sheets, words)
            (static / name).write_text(text, encoding="utf-8")
            versions[name] = hashlib.sha256(text.encode()).hexdigest()[:10]
    for page, html in pages.items():
        html = BUNDLE_LINK.sub(lambda m: m.group(1) + (f"?v={versions[m.group(1)]}" if m.group(1) in versions
                                                       else m.group(2) or ""), html)
        if html != page.read_text(encoding="utf-8"):
            page.write_text(html, encoding="utf-8")
    return lists
