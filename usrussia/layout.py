"""Placing an excerpt card beside the figure or widget that tests its claim.

``beside`` displays two outputs in one cell: the card, marked with the class ``usr-beside``,
then the view. The book's stylesheet (``_static/usrussia.css``) sets such a cell's outputs
side by side on wide screens and one above the other on narrow ones; Jupyter shows them
one above the other.
"""
from __future__ import annotations

from IPython.display import display

from .sources import ExcerptCard


def beside(cards: ExcerptCard | list[ExcerptCard], view) -> None:
    """Show one card, or a column of cards, and beside it ``view`` (a FigureView or a widget)."""
    cards = [cards] if isinstance(cards, ExcerptCard) else list(cards)
    display({"text/html": "".join(card.html(extra_class="usr-beside") for card in cards),
             "text/plain": "\n\n".join(card.text() for card in cards)}, raw=True)
    display(view)

