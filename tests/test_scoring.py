"""The scoring rules (usrussia.scoring): balances, verdicts, checks, keys, answers in words, what is
unfinished. The same rules in JavaScript are compared with these in test_parity.py."""
from __future__ import annotations

import pytest

from usrussia import scoring


def test_balance_compares_mean_weights_per_thesis():
    theses = {"a": "personal", "b": "structural", "c": "structural", "d": "other"}
    balance = scoring.thesis_balance(theses, {"a": 1, "b": 2, "c": 1, "d": 0})
    assert balance == pytest.approx({"personal": 0.4, "structural": 0.6, "other": 0.0})  # means 1, 1.5, 0
    assert scoring.thesis_balance(theses, dict.fromkeys(theses, 3)) == pytest.approx(
        {"personal": 1 / 3, "structural": 1 / 3, "other": 1 / 3})  # more claims do not tilt it
    assert scoring.thesis_balance(theses, {"a": 0}) == {"personal": 0.0, "structural": 0.0, "other": 0.0}


@pytest.mark.parametrize("weight", [-1, 5, 2.5, True, "3", None])
def test_weights_off_the_scale_count_nothing_on_both_sides(weight):
    # Python and JavaScript treat a weight the scale does not have the same way: as 0.
    assert scoring.thesis_balance({"a": "personal", "b": "structural"}, {"a": weight, "b": 2})["personal"] == 0


@pytest.mark.parametrize(("weights", "verdict"), [
    ({}, "Weigh at least one claim"), ({"c": 3}, "rest only on other explanations"),
    ({"a": 2, "b": 2}, "roughly level"), ({"a": 1, "b": 2}, "lean somewhat towards structural factors"),
    ({"a": 4}, "lean strongly towards personal diplomacy")])
def test_verdict_in_words(weights, verdict):
    balance = scoring.thesis_balance({"a": "personal", "b": "structural", "c": "other"}, weights)
    assert verdict in scoring.balance_verdict(balance)


def test_factor_balance():
    factors = {"a": "personal-rapport", "b": "security", "c": "security", "d": "risk"}
    assert scoring.factor_balance(factors, {"a": 1, "b": 2, "c": 1}) == {"personal-rapport": 0.4, "security": 0.6,
                                                                          "risk": 0.0}


def test_checks_name_what_is_wrong():
    assert scoring.check_order(["a", "b", "c"], ["a", "b", "c"]).all_correct
    result = scoring.check_order(["b", "a", "c"], ["a", "b", "c"])
    assert (result.correct, result.total, result.wrong) == (1, 3, (1, 2))  # positions 1 and 2
    with pytest.raises(ValueError):
        scoring.check_order(["a", "b"], ["a", "b", "c"])
    result = scoring.check_matches({"x": "personal", "y": None}, {"x": "personal", "y": "structural"})
    assert (result.correct, result.wrong) == (1, ("y",))
    assert scoring.check_choice(2, 2).all_correct and not scoring.check_choice(None, 2).all_correct
    result = scoring.check_multi([0, 2], [0, 1], 4)
    assert (result.correct, result.total, result.wrong) == (2, 4, (1, 2))


def test_word_count():
    assert scoring.word_count("  Structures,  not   people.\nReally. ") == 4


def test_sealed_keys_come_back_and_do_not_read_at_a_glance():
    content = {"answer": 2, "right": "Putin was not yet president — the record: Elysée, 2000."}
    sealed = scoring.seal(content, "problem-x")
    assert scoring.unseal(sealed, "problem-x") == content
    assert "Putin" not in sealed and "answer" not in sealed
    assert scoring.seal(content, "problem-y") != sealed  # each item its own keystream


def test_answers_in_words():
    choice = {"kind": "choice", "options": [{"text": "First"}, {"text": "Second"}]}
    assert scoring.answer_words(choice, 1) == "Second"
    order = {"kind": "order", "items": [{"id": "a", "text": "Alpha"}, {"id": "b", "text": "Beta"}]}
    assert scoring.answer_words(order, ["b", "a"]) == "1. Beta\n2. Alpha"
    match = {"kind": "match", "parts": [{"id": "p", "text": "“Passage”"}, {"id": "q", "text": "“Other”"}],
             "choices": [{"value": "personal", "text": "Personal diplomacy"}]}
    assert scoring.answer_words(match, {"p": "personal"}) == ("- “Passage” → Personal diplomacy\n"
                                                              "- “Other” → not answered")
    weigh = {"kind": "weigh", "claims": [{"id": "c", "text": "Claim C", "thesis": "structural", "factor": "f",
                                          "evidence": [["supports: Event (2001)", "e1"]]}]}
    words = scoring.answer_words(weigh, {"weights": {"c": 3}, "evidence": {"c": "e1"}, "argument": "Because."})
    assert words == ("- Claim C — largely convincing; key evidence: supports: Event (2001)\n"
                     "Your weights lean strongly towards structural factors.\n\nWhy: Because.")


def test_unfinished_parts_are_listed_in_course_order():
    outline = [{"id": "01", "title": "Exercise 1", "items": [
        {"key": "order", "part": "Part 1. Order", "label": "the order", "measure": "single", "total": 1},
        {"key": "thesis", "part": "Part 2. Thesis", "label": "passages", "measure": "parts", "total": 4},
        {"key": "essay", "part": "Part 3. Argue", "label": "your answer", "measure": "words", "total": 250,
         "words": [250, 400]}]},
        {"id": "02", "title": "Exercise 2", "items": [
            {"key": "order", "part": "Part 1. Order", "label": "the order", "measure": "single", "total": 1}]}]
    exercises = {"01": {"thesis": {"a": "x"}, "essay": "word " * 53}}
    assert scoring.unfinished(outline, exercises) == [
        "Exercise 1, Part 1. Order: the order not answered yet.",
        "Exercise 1, Part 2. Thesis: 3 of 4 passages not answered yet.",
        "Exercise 1, Part 3. Argue: 53 words; aim for 250–400."]  # Exercise 2 not begun: not listed
