"""The book builds with warnings as errors, and its pages show what a reader needs."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT

CHAPTER_PAGES = sorted(p.relative_to(ROOT).with_suffix(".html") for p in (ROOT / "chapters").glob("*.ipynb"))
EXERCISE_PAGES = sorted(p.relative_to(ROOT).with_suffix(".html") for p in (ROOT / "exercises").glob("*.ipynb"))
MAX_PAGE_BYTES = 300_000


def page(built: Path, name) -> str:
    return (built / name).read_text(encoding="utf-8")


def test_every_toc_page_is_built(built):
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    files = re.findall(r"file:\s*(\S+)", toc) + ["intro"]
    for name in files:
        assert (built / f"{name}.html").is_file(), name


@pytest.mark.parametrize("name", CHAPTER_PAGES, ids=str)
def test_chapter_pages_are_light(built, name):
    size = (built / name).stat().st_size
    assert size < MAX_PAGE_BYTES, f"{name} is {size:,} bytes"


@pytest.mark.parametrize("name", CHAPTER_PAGES + EXERCISE_PAGES, ids=str)
def test_no_page_loads_anything_from_the_internet(built, name):
    html = page(built, name)
    external = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "plotly-basic.min.js" in html  # the one vendored copy, loaded as a static file
    assert "Plotly.newPlot" not in html or html.count("<script") < 200
    assert not re.search(r"/\*! For license information please see plotly", html)


@pytest.mark.parametrize("name", CHAPTER_PAGES, ids=str)
def test_chapter_shows_cards_beside_figures_and_widgets(built, name):
    html = page(built, name)
    outputs = [chunk.split('<div class="cell ')[0] for chunk in html.split('<div class="cell_output')[1:]]
    beside = [chunk for chunk in outputs if "usr-beside" in chunk]
    assert sum(chunk.count('<aside class="usr-card') for chunk in beside) >= 3
    assert len(beside) >= 3
    for chunk in beside:
        assert any(view in chunk for view in ("plotly-graph-div", "application/vnd.jupyter.widget-view+json", "usr-table"))
    assert sum("plotly-graph-div" in chunk for chunk in beside) >= 1
    assert sum("widget-view+json" in chunk for chunk in beside) >= 1
    cited = {m for chunk in beside for m in re.findall(r'<aside class="usr-card[^>]* data-source="([^"]+)"', chunk)}
    assert len(cited) >= 2, cited  # cards from at least two different sources (three in chapter 1)
    assert 'type="application/vnd.jupyter.widget-state+json"' in html
    assert "_static/vendor/@jupyter-widgets/html-manager/dist/embed-amd.js" in html
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


@pytest.mark.parametrize("name", CHAPTER_PAGES + EXERCISE_PAGES, ids=str)
def test_every_notebook_can_be_downloaded_from_its_page(built, name):
    source = f"_sources/{name.with_suffix('.ipynb').as_posix()}"
    assert source in page(built, name)
    assert (built / source).is_file()
