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
    """One student's answers to one exercise, saved on every change.

    Several notebooks may keep books on the same file open at once (a student rarely shuts a kernel
    down): every save re-reads the file and replaces only this exercise's section, so no notebook
    overwrites another's answers with an old copy.
    """

    def __init__(self, exercise: str, path: Path | str | None = None):
        self.exercise = exercise
        self.path = Path(path) if path else default_path()
        self._new_student: str | None = None  # a name given in this notebook, not yet saved
        self._content = self._read()
        self._section = self._content["exercises"].setdefault(exercise, {})

    def _read(self) -> dict:
        if self.path.exists():
            return read_answers_file(self.path)
        return {"format": FORMAT, "version": VERSION, "student": "", "exercises": {}}

    @property
    def answers(self) -> dict:
        """This exercise's answers (a copy)."""
        return dict(self._section)

    @property
    def student(self) -> str:
        return self._new_student if self._new_student is not None else self._content.get("student", "")

    def set_student(self, name: str) -> None:
        self._new_student = name.strip()
        self._save()

    def get(self, key: str, default=None):
        return self._section.get(key, default)

    def set(self, key: str, value) -> None:
        """Record one answer and save the file; if the save fails, memory keeps the old value too."""
        missing = object()
        old = self._section.get(key, missing)
        self._section[key] = value
        try:
            self._save()
        except (OSError, AnswersFileError) as err:
            if old is missing:
                del self._section[key]
            else:
                self._section[key] = old
            if isinstance(err, AnswersFileError):
                raise
            raise AnswersFileError(f"Could not save to {self.path.name}: {err.strerror or err}. "
                                   "Your earlier answers are still in the file.") from err

    def _merged(self) -> dict:
        """The file as it is now, with this exercise's section (and a name given here) put in."""
        content = self._read()
        content["exercises"][self.exercise] = self._section
        if self._new_student is not None:
            content["student"] = self._new_student
        return content

    def _save(self) -> None:
        content = self._merged()
        write_json_atomically(self.path, content)
        self._content, self._new_student = content, None

    def export(self, folder: Path | str = ".") -> tuple[Path, Path]:
        """Write the submission: answers-<student>.json and a readable answers-<student>.md."""
        if not self.student:
            raise AnswersFileError("Enter your name first: the submission file is named after you.")
        folder = Path(folder)
        stem = f"answers-{slug(self.student)}"
        submission = {"format": FORMAT, "version": VERSION, "student": self.student,
                      "exported": date.today().isoformat(), "exercises": self._merged()["exercises"]}
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
