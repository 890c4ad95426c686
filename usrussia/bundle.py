"""The course as a download: what a student needs to do the exercises in Jupyter, in one zip.

Every exercise page of the book links to it. It holds the exercise notebooks, the chapters they point
to, the source profiles the excerpt cards link to, the data, this package and ``requirements-student.txt``
(only what the exercises need), with a README giving the commands. It leaves out the tests, the tools,
the book's configuration and the instructor guide.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "personalities-or-structures-course"
INCLUDE = ["exercises/*.ipynb", "chapters/*.ipynb", "sources/*.md", "data/*.csv", "references.bib", "usrussia/*.py",
           "usrussia/answers.schema.json", "usrussia/static/*.js", "usrussia/static/*.css",
           "requirements-student.txt", "pyproject.toml", "LICENSE", "LICENSE-CONTENT.md"]
README = """# Personalities or Structures? US–Russia relations since 1991 — the exercises

This folder is the course's exercises with everything they need to run in Jupyter on your computer.
You need Python 3.11 or newer.

1. Open a terminal in this folder (the one holding this README).
2. Once: `python -m venv .venv`, then activate it (`source .venv/bin/activate`; on Windows
   `.venv\\Scripts\\activate`), then `pip install -r requirements-student.txt`.
3. Each time: activate it again, run `jupyter lab exercises/`, open an exercise and choose
   *Run › Run All Cells*.

Your answers are saved as you go in `exercises/my-answers.json` and come back whenever you run an
exercise again. At the end of an exercise, enter your name and press *Export my answers*: hand in
`answers-<your-name>.json`; `answers-<your-name>.md` is a copy you can read. Both hold every exercise
you have answered so far.

The same exercises also work on the course's web pages with nothing installed; answers given there
are kept in that browser, not in this folder.
"""


def files(root: Path = ROOT) -> list[Path]:
    """The files the zip holds, in a stable order."""
    found = {path for pattern in INCLUDE for path in root.glob(pattern) if path.is_file()}
    return sorted(found)


def course_zip(target: Path, root: Path = ROOT) -> Path:
    """Write the course zip to ``target`` (a folder): ``<target>/<NAME>.zip``, everything under ``<NAME>/``."""
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{NAME}.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo(f"{NAME}/README.md", date_time=(2026, 1, 1, 0, 0, 0)), README)
        for file in files(root):
            info = zipfile.ZipInfo(f"{NAME}/{file.relative_to(root).as_posix()}", date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, file.read_bytes())
    return path
