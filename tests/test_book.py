"""The book builds with warnings as errors, and its pages show what a reader needs."""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest

from conftest import ROOT, toc_pages

CHAPTER_PAGES = sorted(p.relative_to(ROOT).with_suffix(".html") for p in (ROOT / "chapters").glob("*.ipynb"))
EXERCISE_PAGES = sorted(p.relative_to(ROOT).with_suffix(".html") for p in (ROOT / "exercises").glob("*.ipynb"))
MAX_PAGE_BYTES = 300_000


def page(built: Path, name) -> str:
    return (built / name).read_text(encoding="utf-8")


def test_every_toc_page_is_built(built):
    for name in toc_pages():  # the instructor guide is in the instructor edition only (tests/test_editions.py)
        assert (built / f"{name}.html").is_file() != name.startswith("instructors/"), name


@pytest.mark.parametrize("name", CHAPTER_PAGES, ids=str)
def test_chapter_pages_are_light(built, name):
    size = (built / name).stat().st_size
    assert size < MAX_PAGE_BYTES, f"{name} is {size:,} bytes"


@pytest.mark.parametrize("name", CHAPTER_PAGES + EXERCISE_PAGES, ids=str)
def test_no_page_loads_anything_from_the_internet(built, name):
    html = page(built, name)
    external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    if "usr-figure-spec" in html:  # the one vendored copy, loaded as a static file, deferred
        assert re.search(r'<script defer="defer" src="[./]*_static/usrussia-figures\.js\?v=\w+">', html)
        assert "plotly-basic.min.js" not in html  # fetched by that script when a figure nears the viewport
    else:  # no figure, no plotly.js
        assert "plotly-basic.min.js" not in html
    assert "Plotly.newPlot" not in html or html.count("<script") < 200
    assert not re.search(r"/\*! For license information please see plotly", html)


@pytest.mark.parametrize("name", CHAPTER_PAGES, ids=str)
def test_chapter_shows_cards_beside_figures_and_widgets(built, name):
    html = page(built, name)
    outputs = [chunk.split('<div class="cell ')[0] for chunk in html.split('<div class="cell_output')[1:]]
    beside = [chunk for chunk in outputs if "usr-beside" in chunk]
    assert sum(chunk.count('<aside class="usr-card') for chunk in beside) >= 3
    assert len(beside) >= 2
    for chunk in beside:
        views = ("plotly-graph-div", "application/vnd.jupyter.widget-view+json", "usr-table")
        assert any(view in chunk for view in views)
    assert sum("plotly-graph-div" in chunk for chunk in beside) >= 1
    assert sum("widget-view+json" in chunk for chunk in beside) >= 1
    cited = {m for chunk in beside for m in re.findall(r'<aside class="usr-card[^>]* data-source="([^"]+)"', chunk)}
    assert len(cited) >= 2, cited  # cards from at least two different sources (three in chapter 1)
    assert 'type="application/vnd.jupyter.widget-state+json"' in html
    assert "_static/usrussia-widgets.js" in html  # our loader draws the widgets from that state
    assert "embed-amd.js" not in html and "require.js" not in html  # no ipywidgets HTML manager
    assert "unknown mime type" not in html


def test_figures_carry_a_text_description(built):
    for name in CHAPTER_PAGES:
        html = page(built, name)
        for fid in re.findall(r'<div id="([^"]+)" class="plotly-graph-div', html):
            caption = re.search(rf'<figcaption id="{re.escape(fid)}-desc"[^>]*>([^<]+)</figcaption>', html)
            assert caption and len(caption.group(1)) > 40, fid


def test_every_citation_resolves(built):
    for name in CHAPTER_PAGES + [Path("intro.html")]:
        html = page(built, name)
        assert "bibliography.html#id" in html or name.name == "intro.html"
        assert "??" not in re.sub(r"<script.*?</script>", "", html, flags=re.S)


def test_every_title_on_a_card_is_the_title_the_bibliography_prints(built):
    """Cards and the bibliography page cite the same entry of references.bib: 0 titles differ."""
    from html import unescape

    def words(html: str) -> str:
        return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())

    text = words(page(built, "bibliography.html"))
    shown, differ = set(), []
    for name in CHAPTER_PAGES + EXERCISE_PAGES:
        html = re.sub(r"<script.*?</script>", "", page(built, name), flags=re.S)  # not the widgets' saved state
        for cite in re.findall(r"<cite>(.*?)</cite>", html):
            title = words(cite)
            shown.add(title)
            if title not in text:
                differ.append(f"{name}: {title}")
    assert len(shown) > 40
    assert not differ, f"{len(differ)} card titles the bibliography does not print:\n" + "\n".join(differ)


@pytest.mark.parametrize("name", CHAPTER_PAGES + EXERCISE_PAGES, ids=str)
def test_every_notebook_can_be_downloaded_from_its_page(built, name):
    source = f"_sources/{name.with_suffix('.ipynb').as_posix()}"
    assert source in page(built, name)
    assert (built / source).is_file()


def test_every_excerpt_card_links_to_the_profile_of_its_source(built):
    seeds = {p.stem for p in (ROOT / "sources").glob("*.md")}
    assert len(seeds) == 5
    for name in CHAPTER_PAGES + EXERCISE_PAGES:
        html = page(built, name)
        for aside in re.findall(r'<aside class="usr-card[^>]*data-source=[^>]*>.*?</aside>', html, re.S):
            source = re.search(r'data-source="([^"]+)"', aside).group(1)
            assert f'href="../sources/{source}.html"' in aside, (name, source)
            assert (built / "sources" / f"{source}.html").is_file()


def test_every_checked_excerpt_shows_its_verdict_note_and_records(built):
    from usrussia import data, sources

    course = data.load()
    shown = 0
    for name in CHAPTER_PAGES + EXERCISE_PAGES:
        html = page(built, name)
        for excerpt_id in re.findall(r'<aside class="usr-card[^>]* id="excerpt-([^"]+)"', html):
            row = course.excerpts.loc[excerpt_id]
            if row["verdict"] in ("supported", "interpretation"):
                continue
            shown += 1
            aside = re.search(rf'<aside[^>]* id="excerpt-{excerpt_id}".*?</aside>', html, re.S).group(0)
            assert f"{sources.VERDICT_LABELS[row['verdict']]}." in aside
            assert 'role="note"' in aside and escape(row["note"]) in aside
            for source_id in row["note_sources"]:
                assert sources.citation_html(course.sources.loc[source_id]) in aside, (name, excerpt_id, source_id)
    assert shown >= 10


def test_glossary_and_chapter_key_terms_match(built):
    glossary = (ROOT / "glossary.md").read_text(encoding="utf-8").split("```{glossary}", 1)[1]
    defined = {line.strip() for line in glossary.splitlines() if line and not line.startswith((" ", "`"))}
    used = set()
    for path in (ROOT / "chapters").glob("*.ipynb"):
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"\{term\}`([^`]+)`", text))
        assert not re.search(r"^- \*\*[^*]+\*\*:", json_markdown(path), re.M), \
            f"{path.name}: a key term not linked to the glossary"
    assert used == defined, (used ^ defined)
    html = page(built, "glossary.html")
    for name in CHAPTER_PAGES:
        assert 'href="../glossary.html#term-' in page(built, name)
    assert html.count('<dt id="term-') == len(defined)


def json_markdown(path) -> str:
    import json
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


@pytest.mark.parametrize("name", ["exercises/01-personal-diplomacy.html", "chapters/03-threat-perception.html"])
def test_a_page_carries_each_widget_module_once(built, name):
    """Ten items on a page share one copy of their code (the loader resolves ``usr_shared``)."""
    import json

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page(built, name), "html.parser")
    content = json.loads(soup.select_one('script[type="application/vnd.jupyter.widget-state+json"]').string)
    codes = [m["state"]["_esm"] for m in content["state"].values() if m["model_module"] == "anywidget"]
    assert codes and all(set(c) == {"usr_shared"} for c in codes)
    assert len(content["usr_shared"]) == len(set(content["usr_shared"]))  # each module's code once
