"""Placing an excerpt card beside the figure or widget that tests its claim.

``beside`` displays two outputs in one cell: the card, marked with the class ``usr-beside``,
then the view. The book's stylesheet (``_static/usrussia.css``) sets such a cell's outputs
side by side on wide screens and one above the other on narrow ones; Jupyter shows them
one above the other.
"""
from __future__ import annotations

from IPython.display import display

from .sources import ExcerptCard


def beside(card: ExcerptCard, view) -> None:
    """Show ``card`` and, beside it, ``view`` (a FigureView or a widget)."""
    display({"text/html": card.html(extra_class="usr-beside"), "text/plain": card.text()}, raw=True)
    display(view)

