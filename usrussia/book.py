"""Hooks into the book build: a myst-nb mime renderer and a small Sphinx extension.

Figures are displayed with two representations (see ``figures.FigureView``): plotly's JSON, which
Jupyter draws, and HTML, which the book uses. This plugin tells myst-nb that the JSON needs no
rendering of its own, so the build neither embeds it nor warns about an unknown mime type.

The extension also keeps pages light (issue 13): plotly.js and the script that draws the figures load
only on pages that draw a figure, deferred so they never block the first paint; sphinx-thebe (which
nothing uses) is taken off every page; small scripts are deferred; the page layout in ``templates/``
drops the theme's fontawesome.js and, off the search page, the search index; and the stylesheets lose
the rules no page can use, each page's joined into one (``stylesheets``).
"""
from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from . import bundle, stylesheets

PLOTLY_MIME = "application/vnd.plotly.v1+json"
#: Our script that draws the figures; it fetches the vendored plotly.js (assets/vendor/README.md) when a
#: figure nears the viewport or the reader first scrolls, taps or presses a key.
FIGURE_SCRIPTS = ("usrussia-figures.js",)
#: What marks a page that draws a figure (``figures.FigureView.html``).
FIGURE_MARK = 'class="usr-figure-spec"'
#: Small scripts of Sphinx and its extensions that only set up handlers for when the page is loaded
#: (or define functions for later clicks): deferred, so that none holds back the first paint. Not
#: deferred: documentation_options.js and doctools.js, which inline scripts and the search page's
#: scripts use at once, and the widget manager's scripts.
DEFERRABLE = {"sphinx_highlight.js", "clipboard.min.js", "copybutton.js", "scripts/sphinx-book-theme.js",
              "togglebutton.js", "design-tabs.js", "usrussia.js"}
TEMPLATES = Path(__file__).parent / "templates"


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
    """Load the figure script (deferred) on pages that draw a figure, sphinx-thebe nowhere, and the small
    scripts of ``DEFERRABLE`` deferred.

    Deferred scripts run in document order once the page is parsed, before DOMContentLoaded, so
    plotly.js is there when ``usrussia-figures.js`` draws; neither delays the first paint.
    """
    if FIGURE_MARK in context.get("body", ""):
        for filename in FIGURE_SCRIPTS:
            app.add_js_file(filename, priority=800, defer="defer")
    context["script_files"] = [
        _deferred(script) if _name(script).removeprefix("_static/") in DEFERRABLE else script
        for script in context.get("script_files", [])
        if "sphinx-thebe" not in _name(script)
        and "THEBE_JS_URL" not in (getattr(script, "attributes", {}) or {}).get("body", "")
    ]
    context["css_files"] = [css for css in context.get("css_files", []) if "sphinx-thebe" not in _name(css)]


def bundle_stylesheets(app, exception) -> None:
    """One stylesheet per page, without the rules no page uses (``stylesheets.bundle_site``).

    Runs once the build is done, after sphinx-exercise copies its stylesheet. Measured on this book:
    the eleven stylesheets of a page (75 KB gzipped, twelve requests) become one of 29 KB.
    """
    if not exception and app.builder.format == "html":
        stylesheets.bundle_site(Path(app.outdir))


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


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"


def share_widget_code(app, pagename, templatename, context, doctree) -> None:
    """Each front-end widget carries its module's code (``_esm``, ``_css``) in the saved widget state: on a
    page with ten exercise items that is ten copies. Keep one copy of each in the page's widget state
    (``usr_shared``), referred to by number; our loader (``assets/usrussia-widgets.js``) resolves them."""
    for script in context.get("script_files", []):
        attributes = getattr(script, "attributes", {})
        if attributes.get("type") != WIDGET_STATE or "body" not in attributes:
            continue
        content, shared = json.loads(attributes["body"]), []
        for model in content.get("state", {}).values():
            state = model.get("state", {})
            for name in ("_esm", "_css"):
                if isinstance(state.get(name), str):
                    if state[name] not in shared:
                        shared.append(state[name])
                    state[name] = {"usr_shared": shared.index(state[name])}
        content["usr_shared"] = shared
        attributes["body"] = json.dumps(content, ensure_ascii=False).replace("</", "<\\/")


SOURCE_LINK = re.compile(r'href="((?:\.\./)?sources/[a-z0-9-]+)\.md"')


def link_pages(app, pagename, templatename, context, doctree) -> None:
    """Links that notebooks' outputs make to a page's source file (``../sources/x.md``, which Jupyter
    opens) point to the built page in the book."""
    body = context.get("body")
    if body and ".md" in body:
        context["body"] = SOURCE_LINK.sub(r'href="\1.html"', body)


LAUNCH_BUTTONS = {"binderhub_url": "https://mybinder.org", "colab_url": "https://colab.research.google.com",
                  "notebook_interface": "jupyterlab"}
REPOSITORY_BUTTONS = ("use_repository_button", "use_edit_page_button", "use_issues_button")


def repository_buttons(app, config) -> None:
    """One setting, ``repository: url:`` in _config.yml, turns on the Binder and Colab launch buttons and
    the repository, edit and issue links; without it none of them shows (no dead buttons)."""
    theme = config.html_theme_options
    url = (theme.get("repository_url") or "").strip()
    theme.update(dict.fromkeys(REPOSITORY_BUTTONS, bool(url)))
    theme["launch_buttons"] = dict(LAUNCH_BUTTONS) if url else {}
    if url:
        theme.setdefault("repository_branch", "main")
        theme.setdefault("path_to_docs", "")


def write_course_zip(app) -> None:
    """Build the course download into the site (``_downloads/``) before its pages are written."""
    if app.builder.format == "html":
        bundle.course_zip(Path(app.outdir) / "_downloads")


def download_the_course(app, pagename, templatename, context, doctree) -> None:
    """On every exercise page, below its title: work here, or download the course to work in Jupyter."""
    body, path = context.get("body"), Path(app.outdir) / "_downloads" / f"{bundle.NAME}.zip"
    if not pagename.startswith("exercises/") or not body or not path.exists():
        return
    size = f"{path.stat().st_size / 1e6:.1f} MB"
    note = (f'<div class="usr-download admonition tip"><p class="admonition-title">Work here, or in Jupyter</p>'
            f"<p>Everything on this page works in your browser, with nothing installed; your answers are kept in "
            f'this browser. To work in Jupyter instead, <a href="../_downloads/{escape(path.name)}" download>'
            f"download the course</a> (a zip, {size}), unzip it, and in its folder run "
            f"<code>pip install -r requirements-student.txt</code>, then <code>jupyter lab exercises/</code> "
            f"(its README says more).</p></div>")
    context["body"] = body.replace("</h1>", "</h1>" + note, 1)


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
    """Sphinx extension (listed in _config.yml): the page layout, the page fixes above, the repository
    buttons and the course download."""
    app.connect("config-inited", add_templates)
    app.connect("config-inited", repository_buttons, priority=900)
    app.connect("builder-inited", write_course_zip)
    app.connect("html-page-context", page_assets, priority=850)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("build-finished", bundle_stylesheets, priority=900)
    app.connect("html-page-context", fix_citation_roles, priority=900)
    app.connect("html-page-context", link_pages, priority=900)
    app.connect("html-page-context", share_widget_code, priority=900)
    app.connect("html-page-context", download_the_course, priority=900)
    app.connect("html-page-context", name_toggles_by_their_text, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
