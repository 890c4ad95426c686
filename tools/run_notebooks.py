"""Execute the book's notebooks in place, the way they are committed.

    python tools/run_notebooks.py                 # every notebook in chapters/ and exercises/
    python tools/run_notebooks.py chapters/01-*.ipynb

Each notebook runs top to bottom in a fresh kernel from its own folder, with a throw-away answers
folder (so no student's answers leak into the stored outputs). Widget state is stored in the
notebook's metadata, which the book needs to draw the widgets (unset layout properties are left
out, to keep pages light). Widget model ids, which Jupyter
draws at random, are then renumbered in order of appearance, so that re-running an unchanged
notebook gives an identical file.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")  # also inside "IPY_MODEL_<id>"


def _widget_state(notebook) -> dict:
    return notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})


def stable_model_ids(notebook, salt: str) -> str:
    """The notebook as text, its widget model ids renumbered in a canonical order.

    Models are visited depth first from the widgets the cells display, in cell order, following
    references between models; the ids are then derived from that order, so that re-running an
    unchanged notebook gives an identical file.
    """
    state, order, seen = _widget_state(notebook), [], set()

    def visit(model_id: str) -> None:
        if model_id in seen or model_id not in state:
            return
        seen.add(model_id)
        order.append(model_id)
        for ref in re.findall(r"IPY_MODEL_([0-9a-f]{32})", json.dumps(state[model_id], sort_keys=True)):
            visit(ref)

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            view = output.get("data", {}).get("application/vnd.jupyter.widget-view+json")
            if view:
                visit(view["model_id"])
    for model_id in sorted(state, key=lambda k: json.dumps(state[k], sort_keys=True)):
        visit(model_id)  # models no displayed widget refers to
    mapping = {old: hashlib.sha256(f"{salt}:{i}".encode()).hexdigest()[:32] for i, old in enumerate(order)}
    renumbered = MODEL_ID.sub(lambda m: mapping.get(m.group(0), m.group(0)), nbformat.writes(notebook))
    # written again so that the state is sorted by the new ids, not the random old ones
    return nbformat.writes(nbformat.reads(renumbered, as_version=4)) + "\n"


def slim_widget_state(notebook) -> None:
    """Drop layout properties that are unset (null): the widget manager's defaults are null too."""
    for model in _widget_state(notebook).values():
        if model.get("model_name") == "LayoutModel":
            model["state"] = {k: v for k, v in model["state"].items() if v is not None}


def run(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as answers:
        os.environ["USRUSSIA_ANSWERS_DIR"] = answers
        NotebookClient(notebook, timeout=300, kernel_name="python3", store_widget_state=True,
                       resources={"metadata": {"path": str(path.parent)}}).execute()
    slim_widget_state(notebook)
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    path.write_text(stable_model_ids(notebook, path.stem), encoding="utf-8")
    print(f"executed {path.relative_to(ROOT)}")


def main(paths: list[str]) -> int:
    targets = [Path(p).resolve() for p in paths] or sorted(
        [*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("exercises/*.ipynb")])
    for path in targets:
        run(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
