"""Saving, reloading and exporting a student's answers."""
from __future__ import annotations

import json

import pytest

from usrussia import answers
from usrussia.answers import AnswerBook, AnswersFileError


def test_answers_survive_a_new_session(tmp_path):
    path = tmp_path / "my-answers.json"
    book = AnswerBook("01", path)
    book.set("order", ["a", "b"])
    book.set_student("Ada Lovelace")
    again = AnswerBook("01", path)  # as after a kernel restart
    assert again.get("order") == ["a", "b"]
    assert again.student == "Ada Lovelace"
    assert AnswerBook("02", path).answers == {}  # other exercises keep their own section


def test_default_path_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(answers.DIR_VARIABLE, str(tmp_path))
    assert answers.default_path() == tmp_path / "my-answers.json"


def test_a_failed_save_keeps_the_earlier_answers(tmp_path, monkeypatch):
    path = tmp_path / "my-answers.json"
    book = AnswerBook("01", path)
    book.set("q1", "first")

    def broken_dump(obj, handle, **kwargs):
        handle.write('{"format": "usrussia-ans')  # half written, then the disk fails
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(answers.json, "dump", broken_dump)
    with pytest.raises(AnswersFileError, match="Your earlier answers are still in the file"):
        book.set("q2", "second")
    monkeypatch.undo()
    assert json.loads(path.read_text())["exercises"]["01"] == {"q1": "first"}
    assert [p.name for p in tmp_path.iterdir()] == ["my-answers.json"]  # no temporary file left
    assert book.answers == {"q1": "first", "q2": "second"}  # the new answer waits in memory...
    book.set("q3", "third")
    assert json.loads(path.read_text())["exercises"]["01"] == {"q1": "first", "q2": "second", "q3": "third"}


def test_a_damaged_file_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "my-answers.json"
    path.write_text('{"format": "usrussia-answers", "exercises": {', encoding="utf-8")
    book = AnswerBook("01", path)
    assert "damaged: not valid JSON" in book.damaged and "left untouched" in book.damaged
    with pytest.raises(AnswersFileError, match="kept while this notebook runs"):
        book.set("q", "an answer")
    assert path.read_text(encoding="utf-8").endswith("{")
    assert book.get("q") == "an answer"


@pytest.mark.parametrize("content", ['{"some": "other tool"}', "[1, 2]",
                                     '{"format": "usrussia-answers", "version": 99, "exercises": {}}'])
def test_a_foreign_file_is_refused(tmp_path, content):
    path = tmp_path / "my-answers.json"
    path.write_text(content, encoding="utf-8")
    assert AnswerBook("01", path).damaged
    with pytest.raises(AnswersFileError):
        AnswerBook("01", path).set("q", 1)
    assert path.read_text(encoding="utf-8") == content


OUTLINE = [{"id": "01", "title": "Exercise 1", "items": [
    {"key": "argument", "part": "Part 2. Argue", "label": "your answer", "measure": "words", "total": 5,
     "words": [5, 9]},
    {"key": "claim-weights", "part": "Part 1. Weigh", "label": "claims", "measure": "weights", "total": 2}]}]


def test_export_writes_json_and_markdown_named_after_the_student(tmp_path):
    book = AnswerBook("01", tmp_path / "my-answers.json")
    book.set("argument", "Structures matter more, because...\nSecond paragraph.",
             {"part": "Part 2. Argue", "position": [1, 0], "question": "Your argument",
              "answer": "Structures…\nSecond paragraph."})
    book.set("claim-weights", {"weights": {"c1": 3}},
             {"part": "Part 1. Weigh", "position": [0, 0], "question": "Weigh", "answer": "- c1 — largely convincing"})
    with pytest.raises(AnswersFileError, match="Enter your name"):
        book.export(OUTLINE, tmp_path)
    book.set_student("Ada Lovelace")
    json_path, md_path, held = book.export(OUTLINE, tmp_path)
    assert json_path.name == "answers-ada-lovelace.json" and md_path.name == "answers-ada-lovelace.md"
    assert held == ["Exercise 1"]
    submission = answers.read_answers(json_path)  # valid by the schema
    assert submission["student"] == "Ada Lovelace"
    assert submission["exercises"]["01"]["claim-weights"] == {"weights": {"c1": 3}}
    markdown = md_path.read_text(encoding="utf-8")
    assert "# Answers of Ada Lovelace" in markdown and "Second paragraph." in markdown
    assert markdown.index("### Part 1. Weigh") < markdown.index("### Part 2. Argue")  # in the exercise's order
    assert "Exercise 1, Part 1. Weigh: 1 of 2 claims not answered yet." in markdown  # unfinished, said first


@pytest.mark.parametrize(("name", "expected"), [
    ("Ada  Lovelace", "ada-lovelace"), ("../../etc/passwd", "etc-passwd"), ("!!!", "student"),
    ("Ana María O'Neil", "ana-maria-oneil"), ("Zoë Ødegård-Šimek", "zoe-ødegard-simek"),
    ("Анна Петрова", "анна-петрова")])
def test_slug_keeps_file_names_safe_and_readable(name, expected):
    assert answers.slug(name) == expected


@pytest.mark.parametrize(("content", "reason"), [
    ({"format": "usrussia-answers", "version": 1, "student": "A", "exercises": {"01": {"q": {"weights": {"c": 9}}}}},
     "malformed at exercises/01/q"),
    ({"format": "usrussia-answers", "version": 1, "student": "A", "exercises": []}, "malformed at exercises"),
    ({"format": "usrussia-answers", "version": 1, "student": "A", "exercises": {}, "extra": 1}, "malformed"),
])
def test_the_schema_refuses_malformed_files(tmp_path, content, reason):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(AnswersFileError, match=reason):
        answers.read_answers(path)


def test_two_notebooks_open_at_once_keep_each_others_answers(tmp_path):
    path = tmp_path / "my-answers.json"
    first, second = AnswerBook("01", path), AnswerBook("02", path)  # two kernels left running
    first.set("q", "one")
    second.set("q", "two")
    second.set_student("Ada Lovelace")
    first.set("r", "three")  # the first notebook's copy of the file predates the second's answers
    content = json.loads(path.read_text(encoding="utf-8"))
    assert content["exercises"] == {"01": {"q": "one", "r": "three"}, "02": {"q": "two"}}
    assert content["student"] == "Ada Lovelace"
    json_path, _, _ = first.export([], tmp_path)
    assert json.loads(json_path.read_text(encoding="utf-8"))["exercises"]["02"] == {"q": "two"}


def test_a_file_damaged_by_another_program_is_not_overwritten(tmp_path):
    path = tmp_path / "my-answers.json"
    book = AnswerBook("01", path)
    book.set("q", "one")
    path.write_text("{ half", encoding="utf-8")
    with pytest.raises(AnswersFileError, match="damaged"):
        book.set("q", "two")
    assert path.read_text(encoding="utf-8") == "{ half"
    assert book.get("q") == "two"  # kept in memory, to be saved once the file is set aside
    book.set_damaged_aside()
    assert answers.read_answers(path)["exercises"]["01"] == {"q": "two"}
