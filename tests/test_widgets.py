"""The logic behind the widgets, and the widgets wired to a student's answers."""
from __future__ import annotations

import pytest

from usrussia import data, exercises, widgets
from usrussia.answers import AnswerBook


def test_thesis_balance_shares():
    theses = {"a": "personal", "b": "structural", "c": "structural", "d": "other"}
    balance = widgets.thesis_balance(theses, {"a": 1, "b": 2, "c": 1, "d": 0})
    assert balance == {"personal": 0.4, "structural": 0.6, "other": 0.0}  # means 1, 1.5, 0
    # the same weight everywhere is level, however many claims each side has
    assert widgets.thesis_balance(theses, dict.fromkeys(theses, 3)) == pytest.approx(
        {"personal": 1 / 3, "structural": 1 / 3, "other": 1 / 3})
    assert widgets.thesis_balance(theses, {"a": 0}) == {"personal": 0.0, "structural": 0.0, "other": 0.0}
    with pytest.raises(ValueError):
        widgets.thesis_balance(theses, {"a": -1})


@pytest.mark.parametrize("weights, verdict", [
    ({"a": 0, "b": 0}, "Weigh at least one claim"),
    ({"a": 2, "b": 2}, "roughly level"),
    ({"a": 2, "b": 3}, "lean somewhat towards structural factors"),
    ({"a": 1, "b": 4}, "lean strongly towards structural factors"),
    ({"a": 4, "b": 0}, "lean strongly towards personal diplomacy"),
    ({"a": 0, "b": 0, "c": 3}, "rest only on other explanations"),
])
def test_balance_verdict(weights, verdict):
    balance = widgets.thesis_balance({"a": "personal", "b": "structural", "c": "other"}, weights)
    assert verdict in widgets.balance_verdict(balance)


def test_check_order():
    assert widgets.check_order(["a", "b", "c"], ["a", "b", "c"]).all_correct
    result = widgets.check_order(["b", "a", "c"], ["a", "b", "c"])
    assert (result.correct, result.total, result.wrong) == (1, 3, ("b", "a"))
    with pytest.raises(ValueError):
        widgets.check_order(["a", "b"], ["a", "b", "c"])


def test_check_matches_and_choice():
    result = widgets.check_matches({"x": "personal", "y": None}, {"x": "personal", "y": "structural"})
    assert (result.correct, result.wrong) == (1, ("y",))
    assert widgets.check_choice(2, 2).all_correct
    assert not widgets.check_choice(1, 2).all_correct
    assert not widgets.check_choice(None, 2).all_correct


def test_word_count():
    assert widgets.word_count("  Structures,  not   people.\nReally. ") == 4


def test_claim_weigher_saves_and_restores(tmp_path):
    course = data.load()
    claims = course.claims.head(3)
    book = AnswerBook("01", tmp_path / "a.json")
    weigher = widgets.ClaimWeigher(claims, course.events, book)
    first = claims["claim_id"].iloc[0]
    weigher.weights = {first: 4}
    weigher.argument = "Because."
    assert weigher.balance[claims["thesis"].iloc[0]] == 1.0
    restored = widgets.ClaimWeigher(claims, course.events, AnswerBook("01", tmp_path / "a.json"))
    assert restored.weights == {first: 4}
    assert restored.argument == "Because."


def test_claim_weigher_front_end_gets_every_claim_with_its_evidence():
    course = data.load()
    weigher = widgets.ClaimWeigher(course.claims, course.events)
    assert [c["id"] for c in weigher.claims] == course.claims["claim_id"].tolist()
    first = course.claims.iloc[0]
    menu = dict((value, label) for label, value in weigher.claims[0]["evidence"])
    assert set(menu) == set(first["evidence_for"]) | set(first["evidence_against"])
    assert all(label.startswith(("supports: ", "undercuts: ")) for label in menu.values())
    assert "thesisBalance" in weigher._esm and "export default" in weigher._esm


def test_order_item_gives_feedback_and_restores(tmp_path):
    book = AnswerBook("01", tmp_path / "a.json")
    item = widgets.OrderItem("order", "Order them", {"a": "A", "b": "B"}, ["a", "b"], "Right.", "Not yet.", book)
    item.check()
    assert "different position" in item.feedback.value
    item.menus["a"].value, item.menus["b"].value = 2, 1
    item.check()
    assert "0 of 2 correct" in item.feedback.value and "Not yet." in item.feedback.value
    again = widgets.OrderItem("order", "Order them", {"a": "A", "b": "B"}, ["a", "b"], "Right.", "Not yet.",
                              AnswerBook("01", tmp_path / "a.json"))
    assert again.menus["a"].value == 2


def test_choice_and_match_items(tmp_path):
    book = AnswerBook("01", tmp_path / "a.json")
    choice = widgets.ChoiceItem("q", "Which?", ["x", "y"], 1, "Yes.", "No.", book)
    choice.radio.value = 1
    choice.check()
    assert "1 of 1 correct" in choice.feedback.value
    match = widgets.MatchItem("m", "Match", {"s1": "one", "s2": "two"}, {"personal": "P", "structural": "S"},
                              {"s1": "personal", "s2": "structural"}, {"s1": "why 1", "s2": "why 2"}, book)
    match.toggles["s1"].value = "structural"
    match.toggles["s2"].value = "structural"
    match.check()
    assert "1 of 2 correct" in match.feedback.value and "why 1" in match.feedback.value
    assert AnswerBook("01", tmp_path / "a.json").get("m") == {"s1": "structural", "s2": "structural"}


def test_written_item_counts_and_saves(tmp_path):
    book = AnswerBook("01", tmp_path / "a.json")
    item = widgets.WrittenItem("essay", "Write", (250, 400), book)
    item.text.value = "one two three"
    assert "3 words" in item.count.value
    assert AnswerBook("01", tmp_path / "a.json").get("essay") == "one two three"


def test_submission_panel_exports(tmp_path):
    book = AnswerBook("01", tmp_path / "a.json")
    panel = widgets.SubmissionPanel(book, folder=str(tmp_path))
    panel.export()
    assert "Enter your name" in panel.result.value
    panel.name.value = "Ada Lovelace"
    panel.export()
    assert (tmp_path / "answers-ada-lovelace.json").exists()


def test_factor_balance():
    factors = {"a": "personal-rapport", "b": "security", "c": "security", "d": "risk"}
    shares = widgets.factor_balance(factors, {"a": 1, "b": 2, "c": 1})
    assert shares == {"personal-rapport": 0.4, "security": 0.6, "risk": 0.0}  # means 1, 1.5, 0
    assert widgets.factor_balance(factors, {}) == {"personal-rapport": 0.0, "security": 0.0, "risk": 0.0}


def test_synthesis_weigher_covers_every_claim_with_factors():
    from usrussia import exercises
    course = data.load()
    weigher = exercises.claim_weigher(course)  # no chapter: the synthesis
    assert {c["id"] for c in weigher.claims} == set(course.claims["claim_id"])
    assert weigher.by_factor and all(c["factor"] in data.FACTORS for c in weigher.claims)


@pytest.mark.parametrize("make", ["weigher", "sorter"])
def test_front_end_widgets_say_when_a_save_fails(tmp_path, make):
    course = data.load()
    path = tmp_path / "my-answers.json"
    book = AnswerBook("03", path)
    if make == "weigher":
        widget = exercises.claim_weigher(course, "threat-perception", book)
        change = lambda: setattr(widget, "weights", {widget.claims[0]["id"]: 3})  # noqa: E731
    else:
        widget = exercises.threat_sorter(course, book)
        change = lambda: setattr(widget, "answers", {widget.items[0]["id"]: "real"})  # noqa: E731
    change()
    assert widget.problem == "" and path.exists()
    path.write_text("{ damaged", encoding="utf-8")  # another program breaks the file
    if make == "weigher":
        widget.weights = {widget.claims[0]["id"]: 1}
    else:
        widget.answers = {widget.items[0]["id"]: "contrived"}
    assert "damaged" in widget.problem  # synced to the front end, which shows it as an alert
    assert path.read_text(encoding="utf-8") == "{ damaged"  # left untouched
    assert "change:problem" in widget._esm and 'role: "alert"' in widget._esm
