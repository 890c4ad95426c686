"""Answer keys of the objective items, derived from the data in one place.

The exercises check students' answers against these keys, the instructor summary scores submissions
with them, and the instructor guide prints them. An item is identified as it is saved in a student's
answers file: the order of the resets under ``order-resets``, the thesis of each passage inside
``which-thesis``, each factual-problem question under its question id, and the genre of each
source opening inside ``sourcing``.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import data

ORDER_KEY = "order-resets"
THESIS_KEY = "which-thesis"
SOURCING_KEY = "sourcing"
THESIS_CHOICES = {"personal": "Personal diplomacy", "structural": "Structural factors", "other": "Something else"}


@dataclass(frozen=True)
class Key:
    """One objective item and its answer, as saved in an answers file."""

    item_id: str
    chapter: str
    kind: str  # "order", "thesis", "problem" or "sourcing"
    answer: object

    def given(self, answers: dict):
        """This item's answer in one exercise's saved answers, or None if it is not there."""
        if self.kind == "order":
            return answers.get(ORDER_KEY)
        if self.kind == "thesis":
            return _inside(answers, THESIS_KEY, self.item_id)
        if self.kind == "sourcing":
            return _inside(answers, SOURCING_KEY, self.item_id)
        return answers.get(self.item_id)

    def is_correct(self, given) -> bool:
        return given == self.answer


def _inside(answers: dict, key: str, item_id: str):
    section = answers.get(key)
    return section.get(item_id) if isinstance(section, dict) else None


def reset_order(course: data.CourseData) -> list[str]:
    """The reset ids in the order in which the resets began."""
    return data.reset_spans(course)["reset_id"].tolist()


def problem_answer(question) -> int:
    """The index (from 0) of the right option of a factual-problem question."""
    return int(question.answer) - 1


def sourcing_answers(course: data.CourseData) -> dict[str, str]:
    """Opening excerpt id -> the source (and so the genre) it comes from."""
    openings = course.excerpts.query("chapter == 'sources'")
    return dict(zip(openings["excerpt_id"], openings["source_id"]))


def all_keys(course: data.CourseData) -> list[Key]:
    """Every objective item of the course, in the order of the chapters."""
    keys = [Key(ORDER_KEY, "personal-diplomacy", "order", reset_order(course))]
    for q in course.questions.itertuples():
        answer = q.answer if q.kind == "thesis" else problem_answer(q)
        keys.append(Key(q.question_id, q.chapter, q.kind, answer))
    keys += [Key(e, "sources", "sourcing", s) for e, s in sourcing_answers(course).items()]
    order = {chapter: i for i, chapter in enumerate(data.CHAPTERS)}
    return sorted(keys, key=lambda k: order.get(k.chapter, len(order)))
