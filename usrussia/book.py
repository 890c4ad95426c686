"""Hooks into the book build: a myst-nb mime renderer and a small Sphinx extension.

Figures are displayed with two representations (see ``figures.FigureView``): plotly's JSON, which
Jupyter draws, and HTML, which the book uses. This plugin tells myst-nb that the JSON needs no
rendering of its own, so the build neither embeds it nor warns about an unknown mime type.
"""
from __future__ import annotations

PLOTLY_MIME = "application/vnd.plotly.v1+json"


class PlotlyJsonInBook:
    """myst-nb mime renderer: plotly's JSON renders to nothing; the HTML beside it draws the figure."""

    mime_priority_overrides = [("*", PLOTLY_MIME, None)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        """Render plotly's JSON as nothing; leave every other mime type to myst-nb."""
        return [] if data.mime_type == PLOTLY_MIME else None


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


def setup(app):
    """Sphinx extension (listed in _config.yml): the page fixes above."""
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    app.connect("html-page-context", fix_citation_roles, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
