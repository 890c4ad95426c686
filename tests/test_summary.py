"""The instructor's class report: three simulated students answer through the exercises' own widgets,
export their answers, and ``python -m usrussia summarize`` reports what they did."""
from __future__ import annotations

import json
import re
import shutil

import pandas as pd
import pytest

from usrussia import data, exercises, keys, summary
from usrussia.__main__ import main
from usrussia.answers import AnswerBook

COURSE = data.load()
CH01_QUESTIONS = COURSE.questions.query("chapter == 'personal-diplomacy'")
THESIS_QUESTIONS = CH01_QUESTIONS.query("kind == 'thesis'")
PROBLEM_QUESTIONS = CH01_QUESTIONS.query("kind == 'problem'")
CH01_CLAIMS = COURSE.claims.query("chapter == 'personal-diplomacy'")


def _widgets(exercise: str, book: AnswerBook) -> dict:
    """The answering widgets of an exercise, as its notebook shows them, by answer key."""
    session = exercises.ExerciseSession(exercise, COURSE, book)
    views = [v for n in range(1, len(session.exercise.parts) + 1) for v in session.views(n)]
    return {v.entry["key"]: v for v in views if getattr(v, "entry", None)}


def _answer_exercise_1(book: AnswerBook, order: list[str], thesis, problem) -> dict:
    """Answer exercise 1 as its widgets would: ``thesis(q)`` and ``problem(q)`` give each answer."""
    items = _widgets("01-personal-diplomacy", book)
    items[keys.ORDER_KEY].value = order
    items[keys.THESIS_KEY].value = {q.question_id: thesis(q) for q in THESIS_QUESTIONS.itertuples()}
    for q in PROBLEM_QUESTIONS.itertuples():
        items[q.question_id].value = problem(q)
    return items


def _weigh(weigher, weight) -> None:
    weigher.weights = {c["id"]: weight(c) for c in weigher.claims}


def _export(book: AnswerBook, folder, name: str) -> None:
    book.set_student(name)
    book.export(exercises.outline(COURSE), folder)


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory):
    """Three students' exported submissions."""
    work, folder = tmp_path_factory.mktemp("students"), tmp_path_factory.mktemp("submissions")
    right = keys.reset_order(COURSE)

    # Ada: everything right; in the synthesis, full weight on structural claims only.
    path = work / "ada.json"
    book = AnswerBook("01-personal-diplomacy", path)
    _answer_exercise_1(book, right, lambda q: q.answer, keys.problem_answer)
    synthesis = AnswerBook("07-synthesis", path)
    _weigh(_widgets("07-synthesis", synthesis)["all-claim-weights"], lambda c: 4 if c["thesis"] == "structural" else 0)
    _widgets("sources-evaluation", AnswerBook("sources-evaluation", path))[keys.SOURCING_KEY].value = \
        keys.sourcing_answers(COURSE)
    _export(synthesis, folder, "Ada Lovelace")

    # Boris: the resets in reverse, "personal" for every passage, the problems right; weighs only in
    # chapter 1 (4 for personal claims, 1 for the others).
    path = work / "boris.json"
    book = AnswerBook("01-personal-diplomacy", path)
    items = _answer_exercise_1(book, right[::-1], lambda q: "personal", keys.problem_answer)
    _weigh(items["claim-weights"], lambda c: 4 if c["thesis"] == "personal" else 1)
    _export(book, folder, "Boris Pasternak")

    # Chiara: the resets right, no thesis answers, every problem wrong; weighs chapter 1 with 1s,
    # then every claim with 2 in the synthesis (the synthesis is her last word).
    path = work / "chiara.json"
    book = AnswerBook("01-personal-diplomacy", path)
    items = _widgets("01-personal-diplomacy", book)
    items[keys.ORDER_KEY].value = right
    for q in PROBLEM_QUESTIONS.itertuples():
        items[q.question_id].value = (keys.problem_answer(q) + 1) % len(q.options.split("|"))
    _weigh(items["claim-weights"], lambda c: 1)
    _weigh(_widgets("07-synthesis", AnswerBook("07-synthesis", path))["all-claim-weights"], lambda c: 2)
    _export(book, folder, "Chiara Frugoni")
    return folder


@pytest.fixture(scope="module")
def report(class_folder, tmp_path_factory):
    output = tmp_path_factory.mktemp("report") / "summary.html"
    assert main(["summarize", str(class_folder), "-o", str(output)]) == 0
    return output.read_text(encoding="utf-8")


def _table_row(html: str, first_cell: str) -> list[str]:
    """The cells of the report table row that starts with ``first_cell``."""
    row = re.search(rf"<tr>\s*<td>{re.escape(first_cell)}</td>(.*?)</tr>", html, re.S)
    assert row, f"no row for {first_cell}"
    return [first_cell] + re.findall(r"<td>(.*?)</td>", row.group(1))


def test_the_three_exports_are_submissions(class_folder):
    names = sorted(p.name for p in class_folder.glob("*.json"))
    assert names == ["answers-ada-lovelace.json", "answers-boris-pasternak.json", "answers-chiara-frugoni.json"]


def test_the_report_names_the_class_and_skips_nothing(report):
    assert "3 submission(s) summarized: Ada Lovelace, Boris Pasternak, Chiara Frugoni." in report
    assert "<h2>Files skipped (0)</h2>" in report


def test_share_correct_per_objective_item(report):
    # order: Ada and Chiara right, Boris wrong
    assert _table_row(report, "order-resets")[3:6] == ["3", "2", "67%"]
    for q in THESIS_QUESTIONS.itertuples():  # Ada right; Boris right only where the key is "personal"; Chiara silent
        right = 1 + (q.answer == "personal")
        assert _table_row(report, q.question_id)[3:6] == ["2", str(right), f"{right / 2:.0%}"]
    for q in PROBLEM_QUESTIONS.itertuples():  # Ada and Boris right, Chiara wrong
        assert _table_row(report, q.question_id)[3:6] == ["3", "2", "67%"]
    for excerpt in keys.sourcing_answers(COURSE):  # only Ada did the source evaluation
        assert _table_row(report, excerpt)[3:6] == ["1", "1", "100%"]
    unanswered = COURSE.questions.query("chapter == 'security'")["question_id"]
    assert all(_table_row(report, q)[3:6] == ["0", "0", "—"] for q in unanswered)


def test_distribution_of_weights_per_claim(report):
    for c in CH01_CLAIMS.itertuples():
        ada = 4 if c.thesis == "structural" else 0
        boris = 4 if c.thesis == "personal" else 1
        counts = [0] * 5
        for weight in (ada, boris, 2):  # Chiara's synthesis weight (2) replaces her chapter weight (1)
            counts[weight] += 1
        row = _table_row(report, c.claim_id)
        assert row[3:5] == ["3", f"{(ada + boris + 2) / 3:.2f}"]
        assert row[5:10] == [str(n) for n in counts]
    other = COURSE.claims.query("chapter == 'security'").iloc[0]  # weighed by Ada and Chiara only
    ada = 4 if other.thesis == "structural" else 0
    assert _table_row(report, other.claim_id)[3:5] == ["2", f"{(ada + 2) / 2:.2f}"]


def test_spread_between_personal_and_structural(report):
    # the balance each student's weigher showed: each thesis's mean weight over the claims shown
    boris = (1 - 4) / (4 + 1 + 1)  # chapter 1 only: personal claims 4, structural and other 1
    assert set(CH01_CLAIMS["thesis"]) == {"personal", "structural", "other"}
    assert _table_row(report, "Ada Lovelace")[1:] == ["0.00", "1.00", "0.00", "1.00"]
    assert _table_row(report, "Boris Pasternak")[-1] == f"{boris:.2f}" == "-0.50"
    assert _table_row(report, "Chiara Frugoni")[1:] == ["0.33", "0.33", "0.33", "0.00"]  # 2 everywhere: level
    assert ("3 student(s) weighed claims: 1 lean structural, 1 lean personal, 1 put the two roughly level") in report
    assert f"Mean spread: {(1.0 + boris + 0) / 3:+.2f}." in report


def test_the_report_has_its_three_charts_and_works_offline(report):
    for i in range(3):
        assert f'id="chart-{i}"' in report
    assert "<script src=" not in report  # plotly.js is inlined, not loaded from a CDN
    assert report.count("Plotly.newPlot(") == 3


def test_corrupt_and_duplicate_submissions_are_reported_and_skipped(class_folder, tmp_path, capsys):
    folder = tmp_path / "class"
    shutil.copytree(class_folder, folder)
    (folder / "answers-dmitri.json").write_text('{"format": "usrussia-answers", "vers', encoding="utf-8")
    ada = json.loads((folder / "answers-ada-lovelace.json").read_text(encoding="utf-8"))
    ada["exported"] = "2000-01-01"  # an old export left in the folder
    (folder / "answers-ada-lovelace-old.json").write_text(json.dumps(ada), encoding="utf-8")
    (folder / "notes.json").write_text('{"shopping": ["milk"]}', encoding="utf-8")
    output = tmp_path / "summary.html"

    assert main(["summarize", str(folder), "-o", str(output)]) == 0
    err = capsys.readouterr().err
    assert "answers-dmitri.json: damaged: not valid JSON" in err
    assert ("answers-ada-lovelace-old.json: duplicate: Ada Lovelace also submitted answers-ada-lovelace.json "
            "(exported ") in err
    assert "notes.json: not an answers file of this course" in err
    assert "Reading submissions: 100%" in err and "6/6" in err  # the progress bar, for large classes
    html = output.read_text(encoding="utf-8")
    assert "3 submission(s) summarized" in html and "<h2>Files skipped (3)</h2>" in html
    assert "answers-dmitri.json</code>: damaged" in html
    assert _table_row(html, "order-resets")[3:6] == ["3", "2", "67%"]  # the rest summarized as before


def test_no_readable_submission_fails_with_a_message(tmp_path, capsys):
    (tmp_path / "empty.json").write_text("", encoding="utf-8")
    assert main(["summarize", str(tmp_path), "-o", str(tmp_path / "r.html")]) == 1
    assert "no submission could be read" in capsys.readouterr().err


def test_a_submission_without_a_name_is_skipped(tmp_path):
    (tmp_path / "answers-student.json").write_text(json.dumps(
        {"format": "usrussia-answers", "version": 1, "student": "", "exercises": {}}), encoding="utf-8")
    submissions, skipped = summary.read_submissions([tmp_path])
    assert submissions == [] and "no student name" in skipped[0].reason


def test_weights_outside_the_scale_are_ignored():
    submission = summary.Submission(None, "X", {"07": {"all-claim-weights": {"weights": {
        CH01_CLAIMS.iloc[0].claim_id: 9, CH01_CLAIMS.iloc[1].claim_id: 3, "no-such-claim": 2}}}})
    assert summary.student_weights(submission, set(COURSE.claims["claim_id"])) == {CH01_CLAIMS.iloc[1].claim_id: 3}


def test_item_scores_cover_every_objective_item():
    scores = summary.item_scores(COURSE, [])
    assert set(scores["item"]) == {"order-resets", *COURSE.questions["question_id"], *keys.sourcing_answers(COURSE)}
    assert pd.isna(scores["share_correct"]).all()
