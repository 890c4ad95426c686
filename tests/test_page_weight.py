"""First-visit weight of every page, served gzipped, within its budget (issue 13, DESIGN "Budgets").

A page's first-visit weight is what a reader's browser downloads on opening it with an empty cache:
the page and every script, stylesheet, icon and image it loads, following stylesheets' @import and
url(), each file counted at its ``gzip -6`` size, as a static host serves it. Fonts are counted as a
browser fetches them: only faces of a family that some rule of the page's stylesheets applies to an
element of the page (with ``var()`` resolved; pseudo-elements and states such as :hover count as
their element), the first source of each face (every current browser takes woff2), and only the
last face declared for one family, weight and style. Fonts and images are counted as they are (already
compressed formats gain little, and gzip says so). A page over its budget fails, and so does a page
that loads something missing or something from the internet.

``python tests/test_page_weight.py [BUILT_HTML_DIR]`` prints every page's weight and its heaviest files.
"""
from __future__ import annotations

import gzip
import random
import re
import sys
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

KB = 1000
MB = 1000 * KB
BUDGET = {"chapters": 1.0 * MB, "exercises": 1.0 * MB, "text": 0.4 * MB}
FIGURE_MARK = 'class="usr-figure-spec"'
PLOTLY = "_static/vendor/plotly/plotly-basic.min.js"  # fetched by usrussia-figures.js on pages with a figure
SITE = "http://book.invalid/"  # stands for the site's root while resolving relative URLs


def budget_of(page: str) -> float:
    return BUDGET.get(page.split("/")[0], BUDGET["text"])


@cache
def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def _local(root: Path, url: str) -> Path | str:
    """The built file a site URL names, or the URL itself when it leaves the site."""
    if not url.startswith(SITE):
        return url
    return root / unquote(urlsplit(url).path[len(urlsplit(SITE).path):])


FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.S)
URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?['"]?([^'")\s;]+)""")


def _descriptor(block: str, name: str, default: str) -> str:
    found = re.search(rf"{name}\s*:\s*([^;]+)", block)
    return re.sub(r"[\s'\"\\]", "", found.group(1)).lower() if found else default


COMMENT = re.compile(r"/\*.*?\*/", re.S)
RULE = re.compile(r"([^{}]+){([^{}]*)}")
VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,([^()]*))?\)")
STATE = re.compile(r"::?(?:before|after|marker|placeholder|selection|first-line|first-letter|hover|focus|focus-visible"
                   r"|focus-within|active|visited|target|-webkit-[\w-]+|-moz-[\w-]+)(?![\w-])")


def _family(name: str) -> str:
    return re.sub(r"[\s'\"\\]", "", name).lower()


def css_requests(css: str, url: str) -> tuple[list[str], dict[tuple, str]]:
    """What a stylesheet makes the browser fetch: its imports and images, and its font faces
    ((family, weight, style) -> URL of the first source), fetched only where used (``used_fonts``)."""
    css = COMMENT.sub("", css)
    faces = {}
    for block in FONT_FACE.findall(css):
        key = (_descriptor(block, "font-family", ""), _descriptor(block, "font-weight", "400"),
               _descriptor(block, "font-style", "normal"))
        sources = URL.findall(block)
        if sources:
            faces[key] = urljoin(url, sources[0][1])  # the last face declared for this key wins
    rest = FONT_FACE.sub("", css)
    fetched = [urljoin(url, target) for target in IMPORT.findall(rest)]
    fetched += [urljoin(url, target) for _, target in URL.findall(rest) if not target.startswith(("data:", "#"))]
    return fetched, faces


def _split_selectors(selectors: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in selectors:
        depth += (char in "([") - (char in ")]")
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [part.strip() for part in parts + [current] if part.strip()]


def used_fonts(stylesheets: list[str], soup: BeautifulSoup) -> set[str]:
    """The font and font-family values (var() resolved, spaces and quotes dropped, lower case) of the
    rules of the stylesheets that apply to an element of the page."""
    rules = [(selector.strip(), body) for css in stylesheets for selector, body in RULE.findall(COMMENT.sub("", css))
             if not selector.strip().startswith("@")]
    variables = {}
    for _, body in rules:
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if name.strip().startswith("--"):
                variables[name.strip()] = value

    def resolve(value: str) -> str:
        for _ in range(5):
            value = VAR.sub(lambda m: variables.get(m.group(1), m.group(2) or ""), value)
        return value

    used = set()
    for selectors, body in rules:
        fonts = [resolve(value) for name, _, value in (d.partition(":") for d in body.split(";"))
                 if name.strip() in ("font", "font-family")]
        if not fonts:
            continue
        for selector in _split_selectors(selectors):
            try:
                matched = soup.select_one(STATE.sub("", selector) or "*") is not None
            except Exception:  # a selector the matcher cannot read: count it as used
                matched = True
            if matched:
                used |= {_family(font) for font in fonts}
                break
    return used


def page_requests(html: str, url: str) -> list[str]:
    """The URLs a page makes the browser fetch as it loads (not links a reader may follow)."""
    soup = BeautifulSoup(html, "html.parser")
    found = [tag["src"] for tag in soup.find_all(["script", "img", "iframe"], src=True)]
    for link in soup.find_all("link", href=True):
        rel = {value.lower() for value in link.get("rel", [])}
        if rel & {"stylesheet", "icon", "preload", "modulepreload"}:
            found.append(link["href"])
    return [urljoin(url, target) for target in found if not target.startswith("data:")]


def first_visit(root: Path, page: str) -> dict[str, int]:
    """Every file a first visit to ``page`` downloads (path relative to the site, or external URL) -> gzipped bytes.

    External URLs and missing files are listed with size -1.
    """
    start = SITE + page
    queue, weights, stylesheets, faces, soup = [start], {}, [], {}, None

    def fetch(url: str) -> Path | None:
        target = _local(root, url)
        key = target if isinstance(target, str) else target.relative_to(root).as_posix()
        if key in weights:
            return None
        if isinstance(target, str) or not target.is_file():
            weights[key] = -1
            return None
        weights[key] = gzipped_size(target)
        return target

    while queue:
        url = queue.pop(0)
        target = fetch(url)
        if target is None:
            continue
        if url == start:
            html = target.read_text(encoding="utf-8")
            soup = BeautifulSoup(html, "html.parser")
            queue += page_requests(html, url)
            if FIGURE_MARK in html:  # a reader who scrolls to the figures also gets plotly.js (fetched then)
                queue.append(urljoin(url, soup.html.get("data-content_root", "") + PLOTLY))
            found = [(style.get_text(), url) for style in soup.find_all("style")]
        elif target.suffix == ".css":
            found = [(target.read_text(encoding="utf-8"), url)]
        else:
            continue
        for css, base in found:
            stylesheets.append(css)
            requests, declared = css_requests(css, base)
            queue += requests
            faces.update(declared)
    used = used_fonts(stylesheets, soup) if soup is not None else set()
    for (family, _, _), url in faces.items():
        if any(family and family in font for font in used):
            fetch(url)
    return weights


def pages(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not p.relative_to(root).as_posix().startswith(("_static/", "_sources/"))
                  and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000].lower())  # redirects


# --- the tests -------------------------------------------------------------------------------------

def test_pages_are_found(built):
    found = pages(built)
    assert {"intro.html", "glossary.html", "search.html", "chapters/01-personal-diplomacy.html",
            "exercises/01-personal-diplomacy.html"} <= set(found)


def test_every_page_is_within_its_first_visit_budget(built):
    check_budgets(built, pages(built))


def test_every_instructor_guide_page_is_within_its_first_visit_budget(instructor_built):
    check_budgets(instructor_built, [page for page in pages(instructor_built) if page.startswith("instructors/")])


def check_budgets(built: Path, names: list[str]) -> None:
    report, over = [], []
    for page in names:
        weights = first_visit(built, page)
        broken = sorted(name for name, size in weights.items() if size < 0)
        assert not broken, f"{page} loads files that are missing or outside the site: {broken}"
        total, budget = sum(weights.values()), budget_of(page)
        report.append(f"{page}: {total / KB:,.0f} KB of {budget / KB:,.0f} KB")
        if total > budget:
            heaviest = sorted(weights.items(), key=lambda item: -item[1])[:5]
            over.append(f"{page}: {total / KB:,.0f} KB > {budget / KB:,.0f} KB; heaviest: "
                        + ", ".join(f"{name} {size / KB:,.0f} KB" for name, size in heaviest))
    assert not over, "first visit over budget (gzipped):\n" + "\n".join(over)
    print("\n".join(report))


def test_no_script_is_served_under_two_urls(built):
    """A second page must reuse what the first loaded: each script and stylesheet under one URL only."""
    urls: dict[str, set[str]] = {}
    for page in pages(built):
        soup = BeautifulSoup((built / page).read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href")):
            for element in soup.find_all(tag, **{attribute: True}):
                if tag == "link" and not {"stylesheet", "preload"} & set(element.get("rel", [])):
                    continue
                absolute = urljoin(SITE + page, element[attribute])
                urls.setdefault(urlsplit(absolute).path, set()).add(absolute)
    twice = {path: sorted(found) for path, found in urls.items() if len(found) > 1}
    assert not twice, twice


def test_plotly_is_fetched_only_where_a_figure_is_drawn_and_never_blocks_the_first_paint(built):
    """No page loads plotly.js by a script tag; pages with a figure load the small deferred script that
    fetches it when a figure nears the viewport (or at the reader's first scroll, tap or key)."""
    for page in pages(built):
        html = (built / page).read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        assert not [s for s in soup.find_all("script", src=True) if "plotly" in s["src"]], page
        drawers = [s for s in soup.find_all("script", src=True) if "usrussia-figures.js" in s["src"]]
        if FIGURE_MARK in html:
            assert len(drawers) == 1 and drawers[0].has_attr("defer"), page
            assert (built / "_static" / "vendor" / "plotly" / "plotly-basic.min.js").is_file()
        else:
            assert not drawers, page


BLOCKING_LIMIT = 50 * KB


def test_no_large_script_blocks_the_first_paint(built):
    """A script in <head> without defer, async or type=module holds back the first paint."""
    for page in pages(built):
        soup = BeautifulSoup((built / page).read_text(encoding="utf-8"), "html.parser")
        for script in (soup.head or soup).find_all("script", src=True):
            if script.has_attr("defer") or script.has_attr("async") or script.get("type") == "module":
                continue
            target = _local(built, urljoin(SITE + page, script["src"]))
            assert not isinstance(target, str), f"{page} blocks on {script['src']}"
            weight = gzipped_size(target)
            assert weight <= BLOCKING_LIMIT, (f"{page}: {script['src']} blocks the first paint with "
                                              f"{weight / KB:,.0f} KB gzipped")


def test_every_page_waits_for_one_stylesheet_of_its_own_site(built):
    """Sphinx links eleven stylesheets (and the theme's first imports a twelfth): on a phone each is a
    round trip before the first paint. The build joins them into one (usrussia/stylesheets.py), whose
    ``?v=`` changes with its content so that a returning reader never keeps an old copy."""
    for page in pages(built):
        soup = BeautifulSoup((built / page).read_text(encoding="utf-8"), "html.parser")
        links = soup.find_all("link", rel="stylesheet")
        assert len(links) == 1, f"{page} links {len(links)} stylesheets"
        href = links[0]["href"]
        target = _local(built, urljoin(SITE + page, href))
        assert not isinstance(target, str) and target.is_file(), f"{page}: {href} is missing"
        assert "@import" not in target.read_text(encoding="utf-8"), f"{href} imports another stylesheet"
        assert re.search(r"\?v=\w+$", href), f"{page}: {href} has no version"


def test_the_weight_counts_what_a_page_loads():
    """The measure itself: a made-up page with a script, a stylesheet importing another, a font and an image."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "_static").mkdir()
        (root / "_static/big.js").write_bytes(random.Random(0).randbytes(500_000))  # does not compress
        (root / "_static/a.css").write_text('@import "b.css"; '
                                            '@font-face{font-family:"Icon X";'
                                            'src:url(f.woff2) format("woff2"),url(f.ttf)}'
                                            '@font-face{font-family:Unused;src:url(u.woff2)} '
                                            ':root{--icon:normal 900 1em/1 "Icon X"}')
        (root / "_static/b.css").write_text(".x{background:url(i.png)} p.icon:before{font:var(--icon)} "
                                            ".nowhere{font-family:Unused}")
        (root / "_static/f.woff2").write_bytes(b"\x00" * 10)
        (root / "_static/f.ttf").write_bytes(b"\x00" * 10_000)
        (root / "_static/i.png").write_bytes(b"\x00" * 10)
        (root / "p.html").write_text('<html><head><link rel="stylesheet" href="_static/a.css?v=1">'
                                     '<script defer src="_static/big.js?v=2"></script></head><body>'
                                     '<p class="icon">!</p><a href="other.html">a link is not loaded</a></body></html>')
        weights = first_visit(root, "p.html")
        assert set(weights) == {"p.html", "_static/a.css", "_static/b.css", "_static/f.woff2", "_static/i.png",
                                "_static/big.js"}
        assert sum(weights.values()) > BUDGET["text"]  # so the budget test can fail
        (root / "p.html").write_text('<script src="https://cdn.example.org/x.js"></script><img src="missing.png">')
        assert sorted(size for size in first_visit(root, "p.html").values())[:2] == [-1, -1]


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "_build/html")
    for page in pages(root):
        weights = first_visit(root, page)
        heaviest = sorted(weights.items(), key=lambda item: -item[1])[:4]
        print(f"{page:45} {sum(weights.values()) / KB:7,.0f} KB (budget {budget_of(page) / KB:,.0f})  "
              + ", ".join(f"{Path(name).name} {size / KB:,.0f}" for name, size in heaviest))
