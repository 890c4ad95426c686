"""``references.bib``, the one source of every work's title, authors, publisher, date and address.

The entries are read with pybtex and turned into plain text the way the book's bibliography page prints
them (sphinxcontrib-bibtex with pybtex's ``plain`` style): the title is the style's own formatting of
the field, so an article's title is in sentence case there and on a card alike. ``sources.csv`` holds
only what the course adds (kind, genre, file, trust note); ``data.load`` joins the two by key.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pybtex.database import Entry, PybtexError, parse_file
from pybtex.plugin import find_plugin
from pybtex.richtext import Text

BIB_FILE = Path(__file__).resolve().parent.parent / "references.bib"

#: The style of the bibliography page (``bibtex_default_style`` in _config.yml).
STYLE = find_plugin("pybtex.style.formatting", "plain")()
#: Plain-text output (looked up once: ``render_as`` looks the plugin up on every call, which is slow).
TEXT = find_plugin("pybtex.backends", "text")()

#: Entry types whose title the style prints as a book title (as is), not in sentence case.
BOOK_TITLE_TYPES = {"book", "inbook", "manual", "phdthesis", "proceedings"}

#: ``authortype = {anon}`` (biblatex's field) marks an unsigned work: the author field names the body that
#: put it out, for the author–year citation, and a card says "Unsigned".
ANONYMOUS = "anon"

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def plain(latex: str) -> str:
    """A field's LaTeX as the text the bibliography prints (braces dropped, ``--`` as an en dash ...)."""
    return Text.from_latex(latex).render(TEXT)


def title(entry: Entry) -> str:
    """The title as the bibliography page prints it."""
    template = (STYLE.format_btitle if entry.type in BOOK_TITLE_TYPES else STYLE.format_title)(
        entry, "title", as_sentence=False)
    return template.format_data({"entry": entry, "style": STYLE, "bib_data": None}).render(TEXT)


def _name(person) -> str:
    return plain(" ".join(person.first_names + person.middle_names + person.prelast_names + person.last_names
                          + person.lineage_names))


def author(entry: Entry) -> str:
    """'First Last; First Last', the editors marked '(ed.)' where there is no author, 'Unsigned' for an
    unsigned work, '' for neither."""
    if entry.fields.get("authortype", "").strip() == ANONYMOUS:
        return "Unsigned"
    if entry.persons.get("author"):
        return "; ".join(_name(p) for p in entry.persons["author"])
    editors = entry.persons.get("editor", [])
    if editors:
        return "; ".join(_name(p) for p in editors) + (" (ed.)" if len(editors) == 1 else " (eds.)")
    return ""


def publisher(entry: Entry) -> str:
    """Where the work appeared: the journal with volume, number and pages; the publisher or institution;
    or ``howpublished``; '' when the entry names none."""
    wanted = ("journal", "volume", "number", "pages", "institution", "type", "publisher", "address", "howpublished")
    f = {name: plain(entry.fields[name]) for name in wanted if entry.fields.get(name)}
    if entry.type == "article":
        parts = [f.get("journal", "")]
        parts += [f"{label} {f[name]}" for name, label in (("volume", "vol."), ("number", "no."),
                                                            ("pages", "pp.")) if f.get(name)]
    elif entry.type == "techreport":
        parts = [f.get("institution", ""), f.get("type", ""), f.get("number", "")]
    elif entry.type == "book":
        parts = [f.get("publisher", ""), f.get("address", "")]
    else:
        parts = [f.get("howpublished", "") or f.get("publisher", "") or f.get("institution", "")]
    return ", ".join(p for p in parts if p)


def date(entry: Entry) -> str:
    """'YYYY-MM' or 'YYYY' (ISO), '' for an undated work."""
    year = entry.fields.get("year", "").strip()
    month = entry.fields.get("month", "").strip().lower()[:3]
    if year and month in MONTHS:
        return f"{year}-{MONTHS.index(month) + 1:02d}"
    return year


def url(entry: Entry) -> str:
    """The entry's url, or its DOI as a link; '' for neither."""
    if entry.fields.get("url"):
        return entry.fields["url"].strip()
    if entry.fields.get("doi"):
        return "https://doi.org/" + entry.fields["doi"].strip()
    return ""


@dataclass(frozen=True)
class Work:
    """What a card cites of one entry, as plain text."""

    key: str
    line: int  # the line of references.bib where the entry starts
    title: str
    author: str
    publisher: str
    date: str
    url: str


def _lines(path: Path) -> dict[str, int]:
    """The line on which each entry starts, by key (as pybtex keeps no positions)."""
    lines = {}
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = text.lstrip()
        if stripped.startswith("@") and "{" in stripped:
            lines.setdefault(stripped.split("{", 1)[1].split(",", 1)[0].strip(), number)
    return lines


def read(path: Path | str | None = None) -> dict[str, Work]:
    """Every entry of the .bib file, by key (pybtex's PybtexError or OSError if it cannot be read)."""
    path = Path(path or BIB_FILE)
    entries = parse_file(str(path), bib_format="bibtex").entries
    lines = _lines(path)
    return {key: Work(key, lines.get(key, 0), title(e), author(e), publisher(e), date(e), url(e))
            for key, e in entries.items()}


__all__ = ["BIB_FILE", "PybtexError", "Work", "read", "title", "author", "publisher", "date", "url", "plain"]
