"""The committed notebooks: saved widget state the book can draw, and outputs free of machine details."""
from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT, toc_pages

NOTEBOOKS = sorted([*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("exercises/*.ipynb")])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_widgets_have_their_saved_state(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    views = [output["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]
             for cell in notebook["cells"] if cell["cell_type"] == "code"
             for output in cell["outputs"] if "application/vnd.jupyter.widget-view+json" in output.get("data", {})]
    if not views:
        return
    state = notebook["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert set(views) <= set(state), "a displayed widget has no saved state: re-run tools/run_notebooks.py"
    refs = set(re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state)))
    assert refs <= set(state), "a widget refers to a model missing from the saved state"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_outputs_carry_no_machine_details(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    outputs = json.dumps([cell.get("outputs", []) for cell in notebook["cells"]])
    assert not re.search(r"/(home|root|tmp|work|Users)/", outputs), "an absolute path is stored in an output"
    assert "Traceback" not in outputs and '"output_type": "error"' not in outputs
    assert all(cell.get("execution_count") for cell in notebook["cells"] if cell["cell_type"] == "code"), \
        "a code cell was not executed"


def test_every_chapter_has_an_exercise_and_both_are_in_the_toc():
    toc = toc_pages()
    chapters = sorted(p.stem for p in ROOT.glob("chapters/*.ipynb"))
    assert chapters, "no chapter notebooks"
    for stem in chapters:
        assert (ROOT / "exercises" / f"{stem}.ipynb").is_file(), f"chapter {stem} has no exercise"
        assert f"chapters/{stem}" in toc and f"exercises/{stem}" in toc
