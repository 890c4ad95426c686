"""The predict-then-compare widget and the three exercises built on it."""
from __future__ import annotations

from usrussia import data, exercises, widgets
from usrussia.answers import AnswerBook

ITEMS = [{"id": "a", "title": "A", "reference": "real", "reveal": []},
         {"id": "b", "title": "B", "reference": "contrived", "reveal": []},
         {"id": "c", "title": "C", "reference": "", "reveal": []}]


def test_agreement_counts_only_answered_items_with_a_reference():
    assert widgets.agreement(ITEMS, {}) == (0, 0)
    assert widgets.agreement(ITEMS, {"a": "real", "b": "real", "c": "real"}) == (1, 2)
    assert widgets.agreement(ITEMS, {"a": "real", "b": "contrived"}) == (2, 2)


def test_sorter_saves_and_restores_answers(tmp_path):
    book = AnswerBook("03", tmp_path / "a.json")
    entry = {"exercise": "03", "key": "s", "part": "Part 1", "position": [0, 0], "question": "Q?"}
    sorter = widgets.Sorter("Q?", "Do it.", [("real", "real"), ("contrived", "contrived")], ITEMS,
                            book=book, entry=entry)
    sorter.answers = {"a": "real", "b": "real"}
    assert sorter.agreement == (1, 2)
    again = widgets.Sorter("Q?", "Do it.", [("real", "real")], ITEMS,
                           book=AnswerBook("03", tmp_path / "a.json"), entry=entry)
    assert again.answers == {"a": "real", "b": "real"}
    assert AnswerBook("03", tmp_path / "a.json")._readable["s"]["answer"] == "- A: real\n- B: real\n- C: not answered"


def test_threat_sorter_compares_with_the_scholarly_view():
    course = data.load()
    sorter = exercises.threat_sorter(course)
    assert [item["id"] for item in sorter.items] == course.threats["threat_id"].tolist()
    for item, row in zip(sorter.items, course.threats.itertuples()):
        assert item["reference"] in ("", row.scholarly_view)
        assert row.scholarly_reason in [text for _, text in item["reveal"]]


def test_cynicism_ledger_shows_both_framings_and_the_legal_record():
    course = data.load()
    ledger = exercises.cynicism_ledger(course)
    first = course.legal_cases.sort_values("year").iloc[0]
    reveal = dict(ledger.items[0]["reveal"])
    assert reveal["How Washington framed it"] == first["us_framing"]
    assert reveal["How Moscow framed it"] == first["russia_framing"]
    assert reveal["The legal record"] == first["legal_record"]
    assert all(item.get("reference", "") == "" for item in ledger.items)  # a judgement, with no key


def test_reaction_predictor_groups_by_proposal():
    course = data.load()
    predictor = exercises.reaction_predictor(course)
    assert len(predictor.items) == len(course.reactions)
    assert {item["reference"] for item in predictor.items} <= set(data.REACTIONS)
    assert predictor.items[0]["group"].startswith("Proposal: ")


def test_officeholder_table_shows_the_source_and_today():
    from usrussia import figures
    course = data.load()
    table = figures.officeholders_table(course)
    html = table.html()
    assert "as of" in table.caption and "Holder now" in html
    shoigu = course.officeholders.loc["Minister of Defence"]
    assert shoigu["holder_in_source"].endswith("Shoigu") and shoigu["holder_now"] == "Andrei Belousov"
    assert "<script" not in html
