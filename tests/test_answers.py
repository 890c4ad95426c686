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
    assert book.answers == {"q1": "first"}
    assert [p.name for p in tmp_path.iterdir()] == ["my-answers.json"]  # no temporary file left


def test_a_damaged_file_is_reported_and_left_untouched(tmp_path):
    path = tmp_path / "my-answers.json"
    path.write_text('{"format": "usrussia-answers", "exercises": {', encoding="utf-8")
    with pytest.raises(AnswersFileError, match="is damaged .* left untouched"):
        AnswerBook("01", path)
    assert path.read_text(encoding="utf-8").endswith("{")


@pytest.mark.parametrize("content", ['{"some": "other tool"}', "[1, 2]",
                                     '{"format": "usrussia-answers", "version": 99, "exercises": {}}'])
def test_a_foreign_file_is_refused(tmp_path, content):
    path = tmp_path / "my-answers.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AnswersFileError):
        AnswerBook("01", path)
    assert path.read_text(encoding="utf-8") == content


def test_export_writes_json_and_markdown_named_after_the_student(tmp_path):
    book = AnswerBook("01", tmp_path / "my-answers.json")
    book.set("argument", "Structures matter more, because...\nSecond paragraph.")
    book.set("weights", {"c1": 3})
    with pytest.raises(AnswersFileError, match="Enter your name"):
        book.export(tmp_path)
    book.set_student("Ada Lovelace")
    json_path, md_path = book.export(tmp_path)
    assert json_path.name == "answers-ada-lovelace.json" and md_path.name == "answers-ada-lovelace.md"
    submission = json.loads(json_path.read_text(encoding="utf-8"))
    assert submission["student"] == "Ada Lovelace"
    assert submission["exercises"]["01"]["weights"] == {"c1": 3}
    markdown = md_path.read_text(encoding="utf-8")
    assert "# Answers of Ada Lovelace" in markdown and "Second paragraph." in markdown


def test_slug_keeps_file_names_safe():
    assert answers.slug("Ada  Lovelace") == "ada-lovelace"
    assert answers.slug("../../etc/passwd") == "etc-passwd"
    assert answers.slug("!!!") == "student"


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
    json_path, _ = first.export(tmp_path)
    assert json.loads(json_path.read_text(encoding="utf-8"))["exercises"]["02"] == {"q": "two"}


def test_a_file_damaged_by_another_program_is_not_overwritten(tmp_path):
    path = tmp_path / "my-answers.json"
    book = AnswerBook("01", path)
    book.set("q", "one")
    path.write_text("{ half", encoding="utf-8")
    with pytest.raises(AnswersFileError, match="damaged"):
        book.set("q", "two")
    assert path.read_text(encoding="utf-8") == "{ half"
    assert book.get("q") == "one"
