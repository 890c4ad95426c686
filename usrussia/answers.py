"""A student's answers: saved as they are given, reloaded on re-run, exported for submission.

All of one student's answers live in one JSON file (``my-answers.json`` in the folder the
notebook runs in, or in ``$USRUSSIA_ANSWERS_DIR``), one section per exercise. Every save writes
a temporary file beside it and renames it over the old one, so a crash or a full disk mid-save
leaves the answers saved before intact. A file that is not valid JSON, or not an answers file,
is never overwritten: the student is told what is wrong and what to do.
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import date
from pathlib import Path

FORMAT = "usrussia-answers"
VERSION = 1
FILE_NAME = "my-answers.json"
DIR_VARIABLE = "USRUSSIA_ANSWERS_DIR"


class AnswersFileError(Exception):
    """The answers file cannot be read or written; the message says why and what to do."""


def default_path() -> Path:
    """Where answers are kept: $USRUSSIA_ANSWERS_DIR/my-answers.json, else ./my-answers.json."""
    return Path(os.environ.get(DIR_VARIABLE) or ".") / FILE_NAME


def write_json_atomically(path: Path, content: dict) -> None:
    """Write ``content`` to ``path`` so that the file is either the old one or the new one, whole."""
    path = Path(path)
    handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp", delete=False)
    try:
        with handle:
            json.dump(content, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def read_answers_file(path: Path) -> dict:
    """The content of an answers file, checked; AnswersFileError if it is damaged or foreign."""
    path = Path(path)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise AnswersFileError(f"{path.name} is not a text file. Rename or move it, then run this cell again.") from None
    except json.JSONDecodeError as err:
        raise AnswersFileError(
            f"{path.name} is damaged (not valid JSON: {err.msg}, line {err.lineno}). It was left untouched: "
            "rename it (for example to my-answers-damaged.json) and run this cell again, or ask your instructor."
        ) from None
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise AnswersFileError(
            f"{path.name} is not an answers file of this course. It was left untouched: move it elsewhere "
            "and run this cell again."
        )
    if content.get("version") != VERSION:
        raise AnswersFileError(f"{path.name} was written by another version of this course "
                               f"(version {content.get('version')!r}, expected {VERSION}).")
    if not isinstance(content.get("exercises"), dict):
        raise AnswersFileError(f"{path.name} has no 'exercises' section; it was left untouched.")
    return content


def slug(text: str) -> str:
    """A file-name-safe form of a name ('Ada Lovelace' -> 'ada-lovelace')."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "student"


class AnswerBook:
    """One student's answers to one exercise, saved on every change."""

    def __init__(self, exercise: str, path: Path | str | None = None):
        self.exercise = exercise
        self.path = Path(path) if path else default_path()
        if self.path.exists():
            self._content = read_answers_file(self.path)
        else:
            self._content = {"format": FORMAT, "version": VERSION, "student": "", "exercises": {}}
        self._content["exercises"].setdefault(exercise, {})

    @property
    def answers(self) -> dict:
        """This exercise's answers (a copy)."""
        return dict(self._content["exercises"][self.exercise])

    @property
    def student(self) -> str:
        return self._content.get("student", "")

    def set_student(self, name: str) -> None:
        self._content["student"] = name.strip()
        self._save()

    def get(self, key: str, default=None):
        return self._content["exercises"][self.exercise].get(key, default)

    def set(self, key: str, value) -> None:
        """Record one answer and save the file; on a failed save, memory keeps the old value too."""
        section = self._content["exercises"][self.exercise]
        missing = object()
        old = section.get(key, missing)
        section[key] = value
        try:
            self._save()
        except OSError as err:
            if old is missing:
                del section[key]
            else:
                section[key] = old
            raise AnswersFileError(f"Could not save to {self.path.name}: {err.strerror or err}. "
                                   "Your earlier answers are still in the file.") from err

    def _save(self) -> None:
        write_json_atomically(self.path, self._content)

    def export(self, folder: Path | str = ".") -> tuple[Path, Path]:
        """Write the submission: answers-<student>.json and a readable answers-<student>.md."""
        if not self.student:
            raise AnswersFileError("Enter your name first: the submission file is named after you.")
        folder = Path(folder)
        stem = f"answers-{slug(self.student)}"
        submission = {"format": FORMAT, "version": VERSION, "student": self.student,
                      "exported": date.today().isoformat(), "exercises": self._content["exercises"]}
        json_path, md_path = folder / f"{stem}.json", folder / f"{stem}.md"
        write_json_atomically(json_path, submission)
        md_path.write_text(as_markdown(submission), encoding="utf-8")
        return json_path, md_path


def _format_value(value) -> str:
    if isinstance(value, dict):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def as_markdown(submission: dict) -> str:
    """A readable copy of a submission, one section per exercise."""
    lines = [f"# Answers of {submission['student']}", "", f"Exported {submission.get('exported', '')}.", ""]
    for exercise, answers in sorted(submission["exercises"].items()):
        lines += [f"## Exercise {exercise}", ""]
        for key, value in sorted(answers.items()):
            text = _format_value(value)
            if "\n" in text or len(text) > 80:
                lines += [f"**{key}**", "", text, ""]
            else:
                lines.append(f"- **{key}**: {text}")
        lines.append("")
    return "\n".join(lines)
