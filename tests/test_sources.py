"""Sources, excerpts and excerpt cards: verbatim quotes, a bibliography entry per source, safe HTML."""
from __future__ import annotations

import pandas as pd
import pytest
from pybtex.database import parse_file

from conftest import ROOT, SHARED_SOURCES
from usrussia import data, sources


def test_every_source_has_a_bibliography_entry_and_back():
    keys = set(parse_file(ROOT / "references.bib").entries)
    ids = set(data.load().sources.index)
    assert ids - keys == set(), "rows of sources.csv without an entry in references.bib"
    assert keys - ids == set(), "entries of references.bib without a row in sources.csv"


@pytest.mark.skipif(not SHARED_SOURCES.is_dir(),
                    reason=f"the source texts are not beside the repository ({SHARED_SOURCES} is absent)")
def test_every_excerpt_is_verbatim_in_its_source():
    course = data.load()
    for ex in course.excerpts.itertuples():
        text = (SHARED_SOURCES / course.sources.loc[ex.source_id, "file"]).read_text(encoding="utf-8")
        assert ex.text in text, f"{ex.excerpt_id} is not found word for word in {ex.source_id}"


def test_seed_rows_point_at_the_five_documents():
    seeds = data.load().sources.query("kind == 'seed'")
    assert len(seeds) == 5
    assert sorted(seeds["file"].str[:3]) == ["000", "001", "002", "003", "004"]


def test_lookups_name_the_missing_id():
    with pytest.raises(KeyError, match="no excerpt with id 'nope'"):
        sources.excerpt("nope")
    with pytest.raises(KeyError, match="no source with id 'nope'"):
        sources.source("nope")


def test_card_shows_quote_source_and_fact_check():
    course = data.load()
    false_id = course.excerpts.query("verdict == 'false'").index[0]
    card = sources.excerpt_card(false_id)
    html = card.html()
    row = course.excerpts.loc[false_id]
    assert "Fact check: false." in html and 'role="note"' in html
    for source_id in row["note_sources"]:
        assert sources.citation_html(course.sources.loc[source_id]) in html
    assert card.text().startswith("“") and "Fact check: false" in card.text()
    assert "Fact check" not in card.html(check=False)
    assert "The claim:" in html and "The claim:" not in card.html(claim=False)


def test_undated_source_is_cited_as_no_date():
    row = data.load().sources.loc["washingtonmorning"]
    assert "(n.d.)" in sources.citation_text(row)


def test_markup_in_data_is_shown_as_text():
    evil = "<script>alert('x')</script> & <b>bold</b>"
    excerpt = pd.Series({"excerpt_id": "x", "source_id": evil, "text": evil, "claim": evil, "verdict": "false",
                         "note": evil, "note_sources": []})
    source = pd.Series({"title": evil, "author": evil, "publisher": evil, "date": "2025", "genre": evil,
                        "url": 'https://example.org/"><script>'})
    html = sources.ExcerptCard(excerpt, source, (source,)).html()
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in html


def test_no_card_title_differs_from_the_bibliography():
    """The title a card cites is the title the bibliography page prints for the same key: pybtex's ``plain``
    style (the book's ``bibtex_default_style``) formats the parsed .bib entry, as sphinxcontrib-bibtex does."""
    from html import unescape

    from pybtex.plugin import find_plugin

    bib = parse_file(ROOT / "references.bib")
    style = find_plugin("pybtex.style.formatting", "plain")()
    text = find_plugin("pybtex.backends", "text")()
    printed = {entry.key: entry.text.render(text) for entry in style.format_entries(bib.entries.values())}
    course = data.load()
    differ = []
    for key, entry in bib.entries.items():
        card = sources.citation_html(course.sources.loc[key])
        shown = unescape(card.split("<cite>", 1)[1].split("</cite>", 1)[0])
        title = (style.format_btitle if entry.type == "book" else style.format_title)(entry, "title", as_sentence=False)
        expected = title.format_data({"entry": entry, "style": style, "bib_data": bib}).render(text)
        if shown != expected or shown not in printed[key]:
            differ.append(f"{key}: card {shown!r}, bibliography {expected!r}")
    assert len(printed) == len(course.sources) > 250  # every source, each once
    assert not differ, f"{len(differ)} titles differ:\n" + "\n".join(differ)


def test_a_card_cites_the_bibliography_entry():
    course = data.load()
    assert sources.citation_text(course.sources.loc["kahneman1979prospect"]) == (
        "Daniel Kahneman; Amos Tversky (1979), Prospect theory: an analysis of decision under risk. "
        "Econometrica, vol. 47, no. 2, pp. 263–291.")
    assert 'href="https://doi.org/10.2307/1914185"' in sources.citation_html(course.sources.loc["kahneman1979prospect"])
    assert sources.citation_text(course.sources.loc["lansing2025"]).startswith("Unsigned (2025), ")  # authortype anon
    treisman = sources.citation_text(course.sources.loc["treisman2018newautocracy"])
    assert treisman.startswith("Daniel Treisman (ed.) (2018)")
    # an entry that names no publisher is cited without one
    assert sources.citation_text(course.sources.loc["treaty2002sort"]).endswith("(Moscow Treaty, SORT).")
