"""Hooks into the book build (myst-nb).

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
