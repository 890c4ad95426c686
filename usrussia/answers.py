"""A student's answers: saved as they are given, reloaded on re-run, exported for submission.

All of one student's answers live in one JSON file (``my-answers.json`` in the folder the notebook
runs in, or in ``$USRUSSIA_ANSWERS_DIR``), one section per exercise, with each answer's readable form
beside it. ``answers.schema.json`` describes the file; the published pages export the same format,
and ``read_answers`` is the one reader (the instructor's summary uses it too).

Every save writes a temporary file beside it and renames it over the old one, so a crash or a full
disk mid-save leaves the answers saved before intact. A file that is not valid JSON, or not an
answers file, is never overwritten: the student is told, the answers given meanwhile are kept in
memory, and ``set_damaged_aside`` renames the file and saves them in a new one.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from functools import cache
from pathlib import Path

import jsonschema

from . import scoring

FORMAT = "usrussia-answers"
VERSION = 1
FILE_NAME = "my-answers.json"
DIR_VARIABLE = "USRUSSIA_ANSWERS_DIR"
SCHEMA_FILE = Path(__file__).with_name("answers.schema.json")
slug = scoring.slug


class AnswersFileError(Exception):
    """An answers file cannot be read or written; the message says why (and, for a student, what to do)."""


@cache
def schema() -> dict:
    """The JSON Schema of an answers file (``answers.schema.json``)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


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


def check_answers(content) -> dict:
    """``content`` if it is an answers file of this course; AnswersFileError saying what is wrong."""
    if not isinstance(content, dict) or content.get("format") != FORMAT:
        raise AnswersFileError("not an answers file of this course")
    if content.get("version") != VERSION:
        raise AnswersFileError(f"written by another version of the course (version {content.get('version')!r}, "
                               f"expected {VERSION})")
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema()).iter_errors(content))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the file"
        raise AnswersFileError(f"malformed at {where}: {error.message}")
    return content


def read_answers(path: Path | str) -> dict:
    """The content of an answers file (saved or exported), checked against the schema."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AnswersFileError("no such file") from None
    except UnicodeDecodeError:
        raise AnswersFileError("not a text file") from None
    try:
        content = json.loads(text)
    except json.JSONDecodeError as err:
        raise AnswersFileError(f"damaged: not valid JSON ({err.msg}, line {err.lineno})") from None
    return check_answers(content)


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "student": "", "exercises": {}, "readable": {}}


class AnswerBook:
    """One student's answers to one exercise, saved on every change.

    Several notebooks may keep books on the same file open at once (a student rarely shuts a kernel
    down): every save re-reads the file and replaces only this exercise's section, so no notebook
    overwrites another's answers with an old copy. ``listeners`` (the exercise's widgets) hear of
    every successful save: their ``problem`` is cleared and their ``refresh()`` called, if they have one.
    """

    def __init__(self, exercise: str, path: Path | str | None = None):
        self.exercise = exercise
        self.path = Path(path) if path else default_path()
        self.listeners: list = []
        self.damaged = ""  # why the file cannot be used, while it cannot
        self._new_student: str | None = None  # a name given in this notebook, not yet saved
        try:
            self._content = self._read()
        except AnswersFileError as err:
            self.damaged, self._content = str(err), _empty()
        self._section = dict(self._content["exercises"].get(exercise, {}))
        self._readable = dict(self._content.get("readable", {}).get(exercise, {}))

    def _read(self) -> dict:
        if not self.path.exists():
            return _empty()
        try:
            return read_answers(self.path)
        except AnswersFileError as err:
            raise AnswersFileError(f"{self.path.name} cannot be used ({err}). It was left untouched.") from None

    @property
    def answers(self) -> dict:
        """This exercise's answers (a copy)."""
        return dict(self._section)

    def all_exercises(self) -> dict:
        """Every exercise's answers as the file holds them, this one's as they are now."""
        return {**self._content["exercises"], self.exercise: dict(self._section)}

    @property
    def student(self) -> str:
        return self._new_student if self._new_student is not None else self._content.get("student", "")

    def set_student(self, name: str) -> None:
        self._new_student = name.strip()
        self._save()

    def get(self, key: str, default=None):
        return self._section.get(key, default)

    def set(self, key: str, value, readable: dict | None = None) -> None:
        """Record one answer (and its readable form) and save the file. If the save fails, the answer is
        kept here, to be saved with the next one; AnswersFileError says what went wrong."""
        self._section[key] = value
        if readable is not None:
            self._readable[key] = readable
        self._save()

    def _merged(self) -> dict:
        """The file as it is now, with this exercise's section (and a name given here) put in."""
        content = self._read()
        content["exercises"][self.exercise] = dict(self._section)
        content.setdefault("readable", {})[self.exercise] = dict(self._readable)
        if self._new_student is not None:
            content["student"] = self._new_student
        return content

    def _save(self) -> None:
        if self.damaged:
            raise AnswersFileError(f"Not saved: {self.damaged} Your answer is kept while this notebook runs; "
                                   "use the button at the top of the exercise to save it in a new file.")
        try:
            content = self._merged()
            write_json_atomically(self.path, content)
        except AnswersFileError as err:
            self.damaged = str(err)
            self._tell_listeners()
            raise AnswersFileError(f"Not saved: {err} Your answer is kept while this notebook runs; use the "
                                   "button at the top of the exercise to save it in a new file.") from None
        except OSError as err:
            raise AnswersFileError(f"Could not save to {self.path.name}: {err.strerror or err}. "
                                   "Your earlier answers are still in the file.") from err
        self._content, self._new_student = content, None
        self._tell_listeners()

    def _tell_listeners(self) -> None:
        for listener in self.listeners:
            if not self.damaged:
                listener.problem = ""
            if hasattr(listener, "refresh"):
                listener.refresh()

    def set_damaged_aside(self) -> Path:
        """Rename a damaged answers file (to my-answers-damaged-N.json) and save this exercise's answers
        in a new one; the renamed file's path."""
        stem, n = self.path.stem, 1
        while (target := self.path.with_name(f"{stem}-damaged-{n}{self.path.suffix}")).exists():
            n += 1
        if self.path.exists():
            os.replace(self.path, target)
        self.damaged = ""
        self._save()
        return target

    def export(self, outline: list[dict], folder: Path | str = ".") -> tuple[Path, Path, list[str]]:
        """Write the submission, answers-<student>.json and a readable answers-<student>.md, holding every
        exercise in the file; returns both paths and the titles of the exercises they hold."""
        if not self.student:
            raise AnswersFileError("Enter your name first: the files are named after you.")
        folder = Path(folder)
        content = self._merged() if not self.damaged else {**_empty(), "exercises": {self.exercise: self._section},
                                                            "readable": {self.exercise: self._readable}}
        submission = {"format": FORMAT, "version": VERSION, "student": self.student,
                      "exported": date.today().isoformat(), "exercises": content["exercises"],
                      "readable": content.get("readable", {})}
        check_answers(submission)
        stem = f"answers-{slug(self.student)}"
        json_path, md_path = folder / f"{stem}.json", folder / f"{stem}.md"
        write_json_atomically(json_path, submission)
        md_path.write_text(scoring.markdown(submission, outline, f"Jupyter ({self.path.name})"), encoding="utf-8")
        held = [e["title"] for e in outline if submission["exercises"].get(e["id"])]
        return json_path, md_path, held
