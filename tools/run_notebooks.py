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
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
MODEL_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])")  # also inside "IPY_MODEL_<id>"


def stable_model_ids(text: str, salt: str) -> str:
    """Replace every 32-hex-digit widget model id by one derived from its order of appearance."""
    mapping: dict[str, str] = {}

    def new_id(match: re.Match) -> str:
        old = match.group(0)
        if old not in mapping:
            mapping[old] = hashlib.sha256(f"{salt}:{len(mapping)}".encode()).hexdigest()[:32]
        return mapping[old]

    return MODEL_ID.sub(new_id, text)


def slim_widget_state(notebook) -> None:
    """Drop layout properties that are unset (null): the widget manager's defaults are null too."""
    state = notebook.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
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
    text = nbformat.writes(notebook) + "\n"
    path.write_text(stable_model_ids(text, path.stem), encoding="utf-8")
    print(f"executed {path.relative_to(ROOT)}")


def main(paths: list[str]) -> int:
    targets = [Path(p).resolve() for p in paths] or sorted(
        [*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("exercises/*.ipynb")])
    for path in targets:
        run(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
