"""Hooks into the book build: a myst-nb mime renderer and a small Sphinx extension.

Figures are displayed with two representations (see ``figures.FigureView``): plotly's JSON, which
Jupyter draws, and HTML, which the book uses. This plugin tells myst-nb that the JSON needs no
rendering of its own, so the build neither embeds it nor warns about an unknown mime type.

The extension also keeps pages light (issue 13): plotly.js and the script that draws the figures load
only on pages that draw a figure, deferred so they never block the first paint; sphinx-thebe (which
nothing uses) is taken off every page; small scripts are deferred; the page layout in ``templates/``
drops the theme's fontawesome.js and, off the search page, the search index; and the theme's
stylesheet loses the rules of icons no page uses.
"""
from __future__ import annotations

import re
from pathlib import Path

PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: The vendored plotly.js (assets/vendor/README.md) and our script that draws the figures with it.
FIGURE_SCRIPTS = ("vendor/plotly/plotly-basic.min.js", "usrussia-figures.js")
#: What marks a page that draws a figure (``figures.FigureView.html``).
FIGURE_MARK = 'class="usr-figure-spec"'
#: What marks a figure written by an older figures.py, whose inline script draws it at once.
LEGACY_FIGURE_MARK = "Plotly.newPlot(el,a[0],a[1],a[2])"
#: Small scripts of Sphinx and its extensions that only set up handlers for when the page is loaded
#: (or define functions for later clicks): deferred, so that none holds back the first paint. Not
#: deferred: documentation_options.js and doctools.js, which inline scripts and the search page's
#: scripts use at once, and the widget manager's scripts.
DEFERRABLE = {"sphinx_highlight.js", "clipboard.min.js", "copybutton.js", "scripts/sphinx-book-theme.js",
              "togglebutton.js", "design-tabs.js", "usrussia.js"}
TEMPLATES = Path(__file__).parent / "templates"
HIDE_AMD = "window.usrussiaAmd = window.define; window.define = undefined;"
RESTORE_AMD = "window.define = window.usrussiaAmd; delete window.usrussiaAmd;"


class PlotlyJsonInBook:
    """myst-nb mime renderer: plotly's JSON renders to nothing; the HTML beside it draws the figure."""

    mime_priority_overrides = [("*", PLOTLY_MIME, None)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        """Render plotly's JSON as nothing; leave every other mime type to myst-nb."""
        return [] if data.mime_type == PLOTLY_MIME else None


def _name(asset) -> str:
    return getattr(asset, "filename", None) or str(asset)


def _deferred(script):
    """The same script tag with ``defer``: fetched alongside the page, run once it is parsed, in order."""
    return type(script)(script.filename, priority=script.priority, **{**script.attributes, "defer": "defer"})


def page_assets(app, pagename, templatename, context, doctree) -> None:
    """Load the figure scripts (deferred, in order) on pages that draw a figure, sphinx-thebe nowhere,
    and the small scripts of ``DEFERRABLE`` deferred.

    Deferred scripts run in document order once the page is parsed, before DOMContentLoaded, so
    plotly.js is there when ``usrussia-figures.js`` draws; neither delays the first paint.
    """
    if FIGURE_MARK in context.get("body", ""):
        for filename in FIGURE_SCRIPTS:
            app.add_js_file(filename, priority=800, defer="defer")
    elif LEGACY_FIGURE_MARK in context.get("body", ""):
        # A notebook executed before figures carried their data as JSON: its inline scripts draw at
        # once, so plotly.js must load before them (and before require.js), blocking. Re-running the
        # notebook (tools/run_notebooks.py) moves it to the route above.
        app.add_js_file(FIGURE_SCRIPTS[0], priority=100)
    context["script_files"] = [
        _deferred(script) if _name(script).removeprefix("_static/") in DEFERRABLE else script
        for script in context.get("script_files", [])
        if "sphinx-thebe" not in _name(script) and "THEBE_JS_URL" not in (getattr(script, "attributes", {}) or {}).get("body", "")
    ]
    context["css_files"] = [css for css in context.get("css_files", []) if "sphinx-thebe" not in _name(css)]
    scripts = context["script_files"]
    if any("require" in _name(script) for script in scripts) and any("defer" in script.attributes for script in scripts):
        # Where require.js is on the page (the widget manager), a deferred script with a UMD wrapper
        # (plotly.js, clipboard.min.js) would register as an anonymous AMD module (a require.js error,
        # and no window.Plotly). Inline module scripts run in order with the deferred ones: the first
        # hides require.js's `define` from them, the last gives it back.
        module = type(scripts[0])
        context["script_files"] = [module(None, priority=0, type="module", body=HIDE_AMD), *scripts,
                                   module(None, priority=1000, type="module", body=RESTORE_AMD)]


ICON_RULE = re.compile(r'((?:\.fa-[\w-]+:before,?)+)\{content:"[^"]*"\}')
ICON_CLASS = re.compile(r"fa-[\w-]+")
ICON_RULE_IN_JS = re.compile(r'\.fa-[\w-]+:before\{content:')
SCRIPT_SRC = re.compile(r'<script[^>]*\ssrc="([^"]+)"')


def drop_unused_icon_rules(app, exception) -> None:
    """Take out of the theme's stylesheet the rules for Font Awesome icons that no page or script uses.

    pydata-sphinx-theme.css carries a ``.fa-NAME:before{content:...}`` rule for each of Font Awesome's
    ~1,900 icons: a fifth of the stylesheet every page waits for before its first paint (20 of its 66 KB
    gzipped). Icons a page or a script it loads names (``fa-...`` in a built page or such a script) keep
    their rule; the file keeps its name and its place.
    """
    if exception or app.builder.format != "html":
        return
    out = Path(app.outdir)
    css = out / "_static" / "styles" / "pydata-sphinx-theme.css"
    if not css.is_file():
        return
    used, scripts = set(), set()
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="ignore")
        used |= set(ICON_CLASS.findall(html))
        scripts |= {(page.parent / src.split("?")[0]).resolve() for src in SCRIPT_SRC.findall(html) if "://" not in src}
    for script in scripts:  # the scripts pages load (not, say, the unused fontawesome.js)
        text = script.read_text(encoding="utf-8", errors="ignore") if script.is_file() else ""
        if not ICON_RULE_IN_JS.search(text):  # a script with icon rules of its own (the widget manager) needs none of these
            used |= set(ICON_CLASS.findall(text))

    def keep(rule: re.Match) -> str:
        names = set(ICON_CLASS.findall(rule.group(1)))
        return rule.group(0) if names & used else ""

    css.write_text(ICON_RULE.sub(keep, css.read_text(encoding="utf-8")), encoding="utf-8")


def add_templates(app, config) -> None:
    """Put our page layout (templates/layout.html) before the theme's."""
    config.templates_path = [str(TEMPLATES), *config.templates_path]


def drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep one copy of each script on a page.

    Jupyter Book 1 loads sphinx-thebe in a way that adds its inline configuration script twice, and
    the second ``const THEBE_JS_URL`` is a script error in every browser.
    """
    seen, unique = set(), []
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {})
        key = (getattr(script, "filename", str(script)) or "", tuple(sorted(attributes.items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def fix_citation_roles(app, pagename, templatename, context, doctree) -> None:
    """Drop the ARIA roles docutils gives bibliography entries.

    docutils marks the list of citations ``role="list"`` and each entry ``role="doc-biblioentry"``, a
    combination screen readers reject (a list must contain list items; axe-core: critical).
    """
    body = context.get("body")
    if body and "citation-list" in body:
        context["body"] = (body.replace('<div role="list" class="citation-list">', '<div class="citation-list">')
                           .replace(' role="doc-biblioentry"', ""))


def name_toggles_by_their_text(app, pagename, templatename, context, doctree) -> None:
    """Let the "Show code cell source" toggles be named by what they show.

    myst-nb labels each toggle ``aria-label="Toggle hidden content"``, a name that differs from its
    visible text, so a reader using speech input cannot say what they see (WCAG 2.5.3, Lighthouse
    label-content-name-mismatch); without it the visible text ("Show code cell source") is the name.
    """
    body = context.get("body")
    if body and 'aria-label="Toggle hidden content"' in body:
        context["body"] = body.replace('<summary aria-label="Toggle hidden content">', "<summary>")


def setup(app):
    """Sphinx extension (listed in _config.yml): the page layout and the page fixes above."""
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", page_assets, priority=850)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("build-finished", drop_unused_icon_rules)
    app.connect("html-page-context", fix_citation_roles, priority=900)
    app.connect("html-page-context", name_toggles_by_their_text, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
