"""Exercise notebooks run top to bottom in a fresh kernel and bring back a student's saved answers."""
from __future__ import annotations

import json
import os

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT
from usrussia import course as manifest
from usrussia.answers import AnswerBook

EXERCISES = sorted(ROOT.glob("exercises/*.ipynb"))


def run(path, answers_dir):
    notebook = nbformat.read(path, as_version=4)
    old = os.environ.get("USRUSSIA_ANSWERS_DIR")
    os.environ["USRUSSIA_ANSWERS_DIR"] = str(answers_dir)
    try:
        NotebookClient(notebook, timeout=120, kernel_name="python3", store_widget_state=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    finally:
        os.environ["USRUSSIA_ANSWERS_DIR"] = old or ""
    return notebook


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_saved_answers_come_back_in_a_fresh_kernel(path, tmp_path):
    exercise = manifest.exercise(path.stem)
    written = next(p.key for part in exercise.parts for p in part.pieces if p.kind == "written")
    book = AnswerBook(path.stem, tmp_path / "my-answers.json")  # a student's earlier session
    book.set(written, "Structure sets the limits; leaders choose the timing.")
    book.set_student("Ada Lovelace")
    notebook = run(path, tmp_path)
    state = json.dumps(notebook.metadata["widgets"], ensure_ascii=False)
    assert "1 answer(s) from an earlier session restored" in state  # the line at the top
    assert "Structure sets the limits; leaders choose the timing." in state
    assert "Ada Lovelace" in state
    assert json.loads((tmp_path / "my-answers.json").read_text())["student"] == "Ada Lovelace"
