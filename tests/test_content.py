"""Content checks that keep issue 14's fixes from coming back.

- "What is the factual problem" items: the right option must not give itself away by its length, and
  no wrong option may repeat a disinformation claim.
- Excerpt cards: no card prints its verdict label twice or repeats a sentence in its fact check; every
  card from the Comment and Outlook blog carries a fact-check note.
- The bibliography: no internal working note ("to be checked", "TODO", "exact title", ...) in any
  field that prints in the students' bibliography.
"""
from __future__ import annotations

import re

import pytest
from pybtex.database import parse_file

from conftest import ROOT
from usrussia import data, sources

COURSE = data.load()
PROBLEMS = list(COURSE.questions.query("kind == 'problem'").itertuples())

#: The right option may be at most this many times as long as the longest wrong option.
MAX_LENGTH_RATIO = 1.5

#: Phrases of disinformation about MH17, Salisbury and Navalny, the Maidan and NATO that a wrong
#: option must never put before students as a possible answer.
DISINFORMATION = (
    "technical fault", "ukrainian military", "ukrainian buk", "ukrainian jet", "ukrainian fighter",
    "covered up", "cover-up", "staged", "false flag", "bz agent", "not novichok", "nobody was killed",
    "no one was killed", "cia organised", "cia-backed", "nato promised in writing", "written promise",
)

#: Internal working notes that must never print in the bibliography.
INTERNAL_NOTE = re.compile(r"to be checked|to check|\btodo\b|\bfixme\b|\bxxx\b|exact title|inferred from|\?\?",
                           re.IGNORECASE)


def _options(question):
    options = question.options.split("|")
    right = int(question.answer) - 1
    return options[right], [o for i, o in enumerate(options) if i != right]


def test_there_are_problem_items():
    assert len(PROBLEMS) >= 10


@pytest.mark.parametrize("question", PROBLEMS, ids=lambda q: q.question_id)
def test_right_option_is_not_markedly_longer_than_every_distractor(question):
    right, wrong = _options(question)
    longest = max(len(o) for o in wrong)
    assert len(right) <= MAX_LENGTH_RATIO * longest, (
        f"{question.question_id}: the right option has {len(right)} characters, more than "
        f"{MAX_LENGTH_RATIO} x the longest distractor ({longest}); make the distractors as long and as plausible")


@pytest.mark.parametrize("question", PROBLEMS, ids=lambda q: q.question_id)
def test_every_distractor_is_a_real_contender(question):
    right, wrong = _options(question)
    for option in wrong:
        assert len(option) >= 0.6 * len(right), (
            f"{question.question_id}: distractor {option!r} is much shorter than the right option")


def test_picking_the_longest_option_does_not_pay():
    longest_is_right = sum(1 for q in PROBLEMS if len(_options(q)[0]) == max(len(o) for o in q.options.split("|")))
    assert longest_is_right <= 0.6 * len(PROBLEMS), (
        f"the longest option is the right one in {longest_is_right} of {len(PROBLEMS)} items: a test-wise student "
        "scores well without reading")


def test_the_right_answers_are_not_always_in_the_same_place():
    positions = {q.answer for q in PROBLEMS}
    assert len(positions) >= 3


@pytest.mark.parametrize("question", PROBLEMS, ids=lambda q: q.question_id)
def test_no_distractor_repeats_disinformation(question):
    _, wrong = _options(question)
    for option in wrong:
        found = [p for p in DISINFORMATION if p in option.lower()]
        assert not found, f"{question.question_id}: distractor {option!r} repeats disinformation ({found})"


def test_the_mh17_item_carries_the_record_in_its_feedback_and_sources():
    question = COURSE.questions.loc["problem-commentoutlook-mh17"]
    for record in ("dsb2015mh17", "jit2018mh17", "hague2022mh17", "opcw2018salisbury", "opcw2020navalny"):
        assert record in question["sources"]
    for words in ("Buk", "53rd", "Novichok"):
        assert words in question["feedback"]


def _sentences(text: str) -> list[str]:
    return [s.strip().rstrip(".").lower() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


@pytest.mark.parametrize("excerpt_id", COURSE.excerpts.index.tolist())
def test_no_card_repeats_its_label_or_a_sentence(excerpt_id):
    row = COURSE.excerpts.loc[excerpt_id]
    label = sources.VERDICT_LABELS[row["verdict"]]
    assert label.lower() not in row["note"].lower(), f"{excerpt_id}: the note repeats the printed label {label!r}"
    check = sources.excerpt_card(excerpt_id, COURSE).text().splitlines()[3]  # label and note, as printed
    sentences = _sentences(check.replace(": ", ". ", 1))
    repeated = {s for s in sentences if sentences.count(s) > 1}
    assert not repeated, f"{excerpt_id}: the fact check prints a sentence twice: {repeated}"


def test_no_question_feedback_repeats_a_sentence():
    for question in COURSE.questions.itertuples():
        sentences = _sentences(question.feedback)
        assert len(sentences) == len(set(sentences)), f"{question.question_id}: feedback repeats a sentence"


def test_every_comment_and_outlook_card_carries_a_note():
    cards = COURSE.excerpts.query("source_id == 'commentoutlook2025'")
    assert len(cards)
    empty = cards[cards["note"].str.strip() == ""].index.tolist()
    assert not empty, f"cards from the Comment and Outlook blog without a fact-check note: {empty}"


def test_bibliography_prints_no_internal_notes():
    bibliography = parse_file(ROOT / "references.bib")
    problems = []
    for key, entry in bibliography.entries.items():
        for field, value in entry.fields.items():
            if INTERNAL_NOTE.search(value):
                problems.append(f"{key}.{field}: {value}")
        for person in entry.persons.get("author", []):
            if INTERNAL_NOTE.search(str(person)):
                problems.append(f"{key}.author: {person}")
    assert not problems, "internal notes in references.bib:\n" + "\n".join(problems)


def test_journal_articles_carry_volume_and_pages_where_the_issue_asked():
    entries = parse_file(ROOT / "references.bib").entries
    marten = entries["marten2017reconsidering"].fields
    assert (marten["volume"], marten["number"], marten["pages"], marten["year"]) == ("3", "2", "135--161", "2018")
    assert entries["stonermcfaul2015"].fields.get("pages")
    assert "IntelliNews" in entries["galeotti2017adhocrats"].fields["howpublished"]
