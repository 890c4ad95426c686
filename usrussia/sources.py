"""Sources and excerpts: look-up by id, citation text and the excerpt card.

Every string that comes from a data file is HTML-escaped before it is put into markup.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

from . import data

VERDICT_LABELS = {
    "supported": "Checked: supported by the record",
    "interpretation": "An argument, not a checkable fact",
    "disputed": "Fact check: disputed",
    "misleading": "Fact check: misleading",
    "outdated": "Fact check: outdated",
    "false": "Fact check: false",
}


def source(source_id: str, course: data.CourseData | None = None) -> pd.Series:
    """The row of sources.csv with this id (KeyError naming the id if there is none)."""
    course = course or data.load()
    if source_id not in course.sources.index:
        raise KeyError(f"no source with id {source_id!r} in sources.csv")
    return course.sources.loc[source_id]


def excerpt(excerpt_id: str, course: data.CourseData | None = None) -> pd.Series:
    """The row of excerpts.csv with this id (KeyError naming the id if there is none)."""
    course = course or data.load()
    if excerpt_id not in course.excerpts.index:
        raise KeyError(f"no excerpt with id {excerpt_id!r} in excerpts.csv")
    return course.excerpts.loc[excerpt_id]


def year_of(date: str) -> str:
    """The year of an ISO date string ('2025-08-15' -> '2025'; '' -> 'n.d.', no date)."""
    return date[:4] or "n.d."


# A source's title, author, publisher, date and url come from its entry in references.bib, as the
# bibliography page prints them (``usrussia.bibliography``; ``data.load`` joins them to sources.csv).

def citation_text(row: pd.Series) -> str:
    """Plain-text citation of a source row: 'Author (year), Title. Publisher.' (no publisher if none)."""
    publisher = f" {row['publisher']}." if row["publisher"] else ""
    return f"{row['author']} ({year_of(row['date'])}), {row['title']}.{publisher}"


def citation_html(row: pd.Series) -> str:
    """The citation as escaped HTML, the title linked when the entry has a URL (or a DOI)."""
    title = f"<cite>{escape(row['title'])}</cite>"
    if row["url"]:
        title = f'<a href="{escape(row["url"])}">{title}</a>'
    publisher = f" {escape(row['publisher'])}." if row["publisher"] else ""
    return f"{escape(row['author'])} ({escape(year_of(row['date']))}), {title}.{publisher}"


def _label(src: pd.Series, attribution: bool) -> str:
    return f"Excerpt from {src['title']}" if attribution else "Excerpt from an unnamed source"


def _opening(text: str, words: int = 8) -> str:
    """The first words of a quote, to tell its card apart from others from the same source."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def profile_link(row: pd.Series) -> str:
    """A link to the profile page of a seed document (chapters and exercises sit one folder down).

    It names the page's source file, ``sources/<id>.md``, which Jupyter opens; the book's build turns it
    into the page (``book.link_pages``)."""
    if row.get("kind") != "seed":
        return ""
    return f' <a class="usr-profile" href="../sources/{escape(row["source_id"])}.md">About this source</a>'


@dataclass(frozen=True)
class ExcerptCard:
    """A verbatim quote with its source, the claim it makes and any fact-check note.

    Shown as HTML in the book and in Jupyter, and as plain text where HTML is not available.
    """

    excerpt: pd.Series
    source: pd.Series
    note_sources: tuple

    def html(self, extra_class: str = "", check: bool = True, claim: bool = True, attribution: bool = True) -> str:
        """The card as HTML; ``check=False`` leaves out the verdict, ``claim=False`` our summary of the
        claim and ``attribution=False`` the source (so that a question about the passage does not give
        its answer away)."""
        ex, src = self.excerpt, self.source
        verdict = ex["verdict"]
        classes = " ".join(c for c in ("usr-card", f"usr-verdict-{verdict}", extra_class) if c)
        # only the full card is a link target, so a page showing a passage twice has unique ids
        anchor = f' id="excerpt-{escape(ex["excerpt_id"])}"' if check and claim and attribution else ""
        source_attribute = f' data-source="{escape(ex["source_id"])}"' if attribution else ""
        # a passage shown again in a question is labelled as such, so each landmark's name is unique
        label = _label(src, attribution) if check else ("Passage to check" if claim else "Passage to classify")
        parts = [
            f'<aside class="{classes}"{anchor}{source_attribute} '
            f'aria-label="{escape(label)}: {escape(_opening(ex["text"]))}">',
            f'<blockquote class="usr-quote"><p>{escape(ex["text"])}</p></blockquote>',
        ]
        if attribution:
            parts.append(f'<p class="usr-attribution">— {citation_html(src)} '
                         f'<span class="usr-genre">{escape(src["genre"])}</span>{profile_link(src)}</p>')
        if claim:
            parts.append(f'<p class="usr-claim"><strong>The claim:</strong> {escape(ex["claim"])}</p>')
        if check:
            parts.append(self._check_html())
        parts.append("</aside>")
        return "".join(parts)

    def _check_html(self) -> str:
        """The verdict, the note and the records behind it."""
        ex, verdict = self.excerpt, self.excerpt["verdict"]
        label = f"<strong>{escape(VERDICT_LABELS[verdict])}.</strong>"
        if verdict == "interpretation" and not ex["note"]:
            return f'<p class="usr-check usr-check-interpretation">{label}</p>'
        note = f" {escape(ex['note'])}" if ex["note"] else ""
        sources = "".join(f"<li>{citation_html(s)}</li>" for s in self.note_sources)
        role = ' role="note"' if verdict in data.VERDICTS_NEEDING_NOTE else ""
        return (f'<div class="usr-check usr-check-{verdict}"{role}><p>{label}{note}</p>'
                + (f'<ul class="usr-check-sources">{sources}</ul>' if sources else "") + "</div>")

    def text(self) -> str:
        ex = self.excerpt
        lines = [f"“{ex['text']}”", f"— {citation_text(self.source)}", f"The claim: {ex['claim']}",
                 VERDICT_LABELS[ex["verdict"]] + (f": {ex['note']}" if ex["note"] else "")]
        lines += [f"  - {citation_text(s)}" for s in self.note_sources]
        return "\n".join(lines)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self.html(), "text/plain": self.text()}


def excerpt_card(excerpt_id: str, course: data.CourseData | None = None) -> ExcerptCard:
    """The card for one excerpt of excerpts.csv."""
    course = course or data.load()
    ex = excerpt(excerpt_id, course)
    return ExcerptCard(ex, source(ex["source_id"], course),
                       tuple(source(s, course) for s in ex["note_sources"]))
