"""The widgets in Jupyter: what they show, what they save, what they restore, and how they report a
failed save. (What the answers become in words and how items are checked: test_scoring.py; the same in
the browser: test_parity.py and test_browser.py.)"""
from __future__ import annotations

import json

import pytest

from conftest import ROOT
from usrussia import data, exercises, widgets
from usrussia.answers import AnswerBook

COURSE = data.load()


def _views(exercise: str, book: AnswerBook | None) -> dict:
    session = exercises.ExerciseSession(exercise, COURSE, book)
    return {v.entry["key"]: v for n in range(1, len(session.exercise.parts) + 1) for v in session.views(n)
            if getattr(v, "entry", None)}


def test_claim_weigher_saves_and_restores(tmp_path):
    claims = COURSE.claims.head(3)
    entry = {"exercise": "01", "key": "claim-weights", "part": "Part 4", "position": [3, 0], "question": "Weigh"}
    book = AnswerBook("01", tmp_path / "a.json")
    weigher = widgets.ClaimWeigher(claims, COURSE.events, book, entry)
    first = claims["claim_id"].iloc[0]
    weigher.weights = {first: 4}
    weigher.argument = "Because."
    assert weigher.balance[claims["thesis"].iloc[0]] == 1.0
    restored = widgets.ClaimWeigher(claims, COURSE.events, AnswerBook("01", tmp_path / "a.json"), entry)
    assert restored.weights == {first: 4}
    assert restored.argument == "Because."
    saved = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert "fully convincing" in saved["readable"]["01"]["claim-weights"]["answer"]  # weights in words


def test_claim_weigher_front_end_gets_every_claim_with_its_evidence():
    weigher = widgets.ClaimWeigher(COURSE.claims, COURSE.events)
    assert [c["id"] for c in weigher.claims] == COURSE.claims["claim_id"].tolist()
    first = COURSE.claims.iloc[0]
    menu = dict((value, label) for label, value in weigher.claims[0]["evidence"])
    assert set(menu) == set(first["evidence_for"]) | set(first["evidence_against"])
    assert all(label.startswith(("supports: ", "undercuts: ")) for label in menu.values())


def test_every_answer_of_an_exercise_is_saved_and_restored(tmp_path):
    path = tmp_path / "my-answers.json"
    items = _views("01-personal-diplomacy", AnswerBook("01-personal-diplomacy", path))
    order = list(reversed(items["order-resets"].spec["items"]))
    items["order-resets"].value = [i["id"] for i in order]
    items["argument"].value = "Structure sets the limits."
    problem = next(k for k in items if k.startswith("problem-"))
    items[problem].value = 2
    again = _views("01-personal-diplomacy", AnswerBook("01-personal-diplomacy", path))
    assert again["order-resets"].value == [i["id"] for i in order]
    assert again["argument"].value == "Structure sets the limits."
    assert again[problem].value == 2
    readable = json.loads(path.read_text(encoding="utf-8"))["readable"]["01-personal-diplomacy"]
    chosen = items[problem].spec["options"][2]["text"]
    assert readable[problem]["answer"] == chosen  # the option's text, not its number
    assert readable["order-resets"]["answer"].startswith(f"1. {order[0]['text']}")
    assert readable["order-resets"]["part"] == "Part 1. Order the resets"


def test_synthesis_weigher_covers_every_claim_with_factors():
    weigher = exercises.claim_weigher(COURSE)  # no chapter: the synthesis
    assert {c["id"] for c in weigher.claims} == set(COURSE.claims["claim_id"])
    assert weigher.by_factor and all(c["factor"] in data.FACTORS for c in weigher.claims)


@pytest.mark.parametrize("key", ["claim-weights", "threat-sorter", "argument", "which-thesis"])
def test_widgets_say_when_a_save_fails_and_keep_the_answer(tmp_path, key):
    path = tmp_path / "my-answers.json"
    book = AnswerBook("03-threat-perception", path)
    widget = _views("03-threat-perception", book)[key]
    answers = {"claim-weights": ("weights", {widget.entry["key"]: 1} if key != "claim-weights" else
                                 {COURSE.claims.query("chapter == 'threat-perception'").iloc[0].claim_id: 3}),
               "threat-sorter": ("answers", {COURSE.threats.iloc[0].threat_id: "real"}),
               "argument": ("value", "First draft."), "which-thesis": ("value", {"x": "personal"})}
    name, value = answers[key]
    setattr(widget, name, value)
    assert widget.problem == "" and path.exists()
    path.write_text("{ damaged", encoding="utf-8")  # another program breaks the file
    setattr(widget, name, value | {"y": "other"} if isinstance(value, dict) and key != "claim-weights"
            else ("Second draft." if key == "argument" else {k: 1 for k in value}))
    assert "cannot be used" in widget.problem and "kept while this notebook runs" in widget.problem
    assert path.read_text(encoding="utf-8") == "{ damaged"  # left untouched
    status = exercises.ExerciseSession("03-threat-perception", COURSE, book).status
    assert status.damaged and "not being saved" in status.message


def test_a_damaged_file_is_set_aside_and_the_answers_given_meanwhile_are_saved(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the export writes beside the notebook
    path = tmp_path / "my-answers.json"
    path.write_text("{ damaged", encoding="utf-8")
    book = AnswerBook("01-personal-diplomacy", path)
    session = exercises.ExerciseSession("01-personal-diplomacy", COURSE, book)
    assert session.status.damaged
    items = {v.entry["key"]: v for v in session.views(5)}
    items["argument"].value = "Written while the file was damaged."
    assert "Not saved" in items["argument"].problem
    hand_in = session.hand_in()
    session.status._message(session.status, {"event": "set-aside"}, [])  # the button at the top
    assert not session.status.damaged and "my-answers-damaged-1.json" in session.status.message
    assert (tmp_path / "my-answers-damaged-1.json").read_text(encoding="utf-8") == "{ damaged"
    assert items["argument"].problem == ""
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["exercises"]["01-personal-diplomacy"]["argument"] == "Written while the file was damaged."
    hand_in.student = "Ada Lovelace"
    hand_in.export()
    assert "answers-ada-lovelace.json" in hand_in.result


def test_hand_in_exports_and_lists_what_is_unfinished(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book = AnswerBook("01-personal-diplomacy", tmp_path / "my-answers.json")
    session = exercises.ExerciseSession("01-personal-diplomacy", COURSE, book)
    hand_in = session.hand_in()
    hand_in.export()
    assert "Enter your name" in hand_in.result
    {v.entry["key"]: v for v in session.views(5)}["argument"].value = " ".join(["word"] * 53)
    assert "Exercise 1: Personal diplomacy and the resets, Part 5. Your argument: 53 words; aim for 250–400." \
        in hand_in.unfinished
    hand_in.student = "Ana María O'Neil"
    hand_in._message(hand_in, {"event": "export"}, [])  # the button
    assert (tmp_path / "answers-ana-maria-oneil.json").exists() and (tmp_path / "answers-ana-maria-oneil.md").exists()
    assert "every exercise saved in <code>my-answers.json</code>: Exercise 1" in hand_in.result


@pytest.mark.parametrize("cls", [widgets.ExerciseItem, widgets.ClaimWeigher, widgets.Sorter, widgets.ProspectLab,
                                 widgets.AnswerStatus, widgets.HandIn])
def test_before_the_notebook_runs_a_widget_says_what_to_do(cls):
    widget = cls.__new__(cls)
    assert repr(widget).startswith("[") and "Run All Cells" in repr(widget)


def test_saved_widget_code_in_every_notebook_is_the_code_in_static():
    """The pages run the JavaScript saved in the notebooks: it must be today's, or the book ships old code."""
    current = {widgets.esm(name): name
               for name in ["item", "claim_weigher", "sorter", "prospect_lab", "status", "hand_in"]}
    styles = {widgets.css(name) for name in ["item", "claim_weigher", "sorter", "prospect_lab", "status", "hand_in"]}
    stale = []
    for path in sorted([*ROOT.glob("chapters/*.ipynb"), *ROOT.glob("exercises/*.ipynb")]):
        state = json.loads(path.read_text(encoding="utf-8"))["metadata"].get("widgets", {})
        for model in state.get("application/vnd.jupyter.widget-state+json", {}).get("state", {}).values():
            if model["model_module"] == "anywidget" and (model["state"]["_esm"] not in current
                                                        or model["state"]["_css"] not in styles):
                stale.append(path.relative_to(ROOT).as_posix())
    assert stale == [], "re-run these notebooks with tools/run_notebooks.py"

