"""The course's ipywidgets, and the plain functions that hold their logic.

The functions at the top (``thesis_balance``, ``check_order``, ...) are what the tests check;
the widget classes below only wire them to controls and to the student's ``AnswerBook``.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import anywidget
import ipywidgets as w
import pandas as pd
import traitlets

from . import prospect
from .answers import AnswerBook, AnswersFileError

STATIC = Path(__file__).parent / "static"

THESIS_LABELS = {"personal": "personal diplomacy", "structural": "structural factors", "other": "other explanations"}


# --- logic ----------------------------------------------------------------------------------

def _mean_shares(groups: dict[str, str], weights: dict[str, int], names) -> dict[str, float]:
    """Each group's mean weight over its claims (an unweighed claim counts 0), as a share of the sum
    of the groups' means; all 0 when nothing is weighed.

    Means, not totals, so that a side with more claims does not outweigh one with fewer: a student
    who finds every claim equally convincing sees the sides level.
    """
    sums, counts = dict.fromkeys(names, 0.0), dict.fromkeys(names, 0)
    for claim_id, group in groups.items():
        weight = weights.get(claim_id, 0)
        if weight < 0:
            raise ValueError(f"weight of {claim_id!r} is negative")
        sums[group] = sums.get(group, 0.0) + weight
        counts[group] = counts.get(group, 0) + 1
    means = {group: (sums[group] / counts[group] if counts[group] else 0.0) for group in sums}
    grand = sum(means.values())
    return {group: (mean / grand if grand else 0.0) for group, mean in means.items()}


def thesis_balance(theses: dict[str, str], weights: dict[str, int]) -> dict[str, float]:
    """Where the weights put the balance between the theses (shares from 0 to 1, see ``_mean_shares``).

    ``theses`` maps each claim shown to the student -> its thesis; ``weights`` maps claim id -> how
    convincing (0-4).
    """
    return _mean_shares(theses, weights, THESIS_LABELS)


def factor_balance(factors: dict[str, str], weights: dict[str, int]) -> dict[str, float]:
    """The balance between the factors (claim id -> factor), in order of first use.

    The synthesis chapter shows it beside the thesis balance: how much of the student's verdict rests on
    personal rapport, on each structural factor, and on the other explanations.
    """
    return _mean_shares(factors, weights, ())


def balance_verdict(balance: dict[str, float]) -> str:
    """One sentence saying where the weights put the balance."""
    personal, structural = balance["personal"], balance["structural"]
    if personal == structural == 0:
        if balance.get("other", 0) > 0:
            return "Your weights rest only on other explanations: neither personal diplomacy nor structural factors."
        return "Weigh at least one claim to see where your balance lies."
    gap = structural - personal
    if abs(gap) < 0.1:
        return "Your weights put the two explanations roughly level."
    side = "structural factors" if gap > 0 else "personal diplomacy"
    strength = "strongly" if abs(gap) >= 0.4 else "somewhat"
    return f"Your weights lean {strength} towards {side}."


@dataclass(frozen=True)
class Result:
    """Outcome of checking an objective item."""

    correct: int
    total: int
    wrong: tuple = ()

    @property
    def all_correct(self) -> bool:
        return self.correct == self.total


def check_order(given: list[str], correct: list[str]) -> Result:
    """Compare an ordering with the correct one, position by position."""
    if sorted(given) != sorted(correct):
        raise ValueError("the answer must order exactly the items of the question")
    wrong = tuple(item for item, right in zip(given, correct) if item != right)
    return Result(len(correct) - len(wrong), len(correct), wrong)


def check_matches(given: dict[str, str | None], correct: dict[str, str]) -> Result:
    """Compare item -> choice answers with the key; unanswered items count as wrong."""
    wrong = tuple(item for item, right in correct.items() if given.get(item) != right)
    return Result(len(correct) - len(wrong), len(correct), wrong)


def check_choice(given: int | None, correct: int) -> Result:
    """One multiple-choice answer (option index) against the key."""
    return Result(int(given == correct), 1, () if given == correct else (given,))


def word_count(text: str) -> int:
    """Words in a written answer."""
    return len(text.split())


def feedback_html(result: Result, right: str, wrong: str) -> str:
    """Feedback for a checked item: the score, then the explanation that fits."""
    mark, css = ("✔", "usr-right") if result.all_correct else ("✘", "usr-wrong")
    return (f'<div class="usr-feedback {css}"><strong>{mark} {result.correct} of {result.total} correct.</strong> '
            f'{right if result.all_correct else wrong}</div>')


# --- widgets --------------------------------------------------------------------------------

class _SavesAnswers:
    """Mixin: keep one answer under ``key`` in the student's answer book.

    A save that fails (a full disk, a damaged answers file) never raises into the notebook: the widget
    shows the message, and the answers saved before stay in the file.
    """

    book: AnswerBook | None = None
    key = ""

    def _saved(self, default=None):
        return self.book.get(self.key, default) if self.book else default

    def _save(self, value) -> None:
        if not self.book:
            return
        try:
            self.book.set(self.key, value)
        except AnswersFileError as err:
            self._show_problem(str(err))
        else:
            self._show_problem("")

    def _show_problem(self, message: str) -> None:
        raise NotImplementedError


class _ItemSaving(_SavesAnswers):
    """For the ipywidgets items: a problem is shown in a status line under the item."""

    def _init_saving(self, book: AnswerBook | None, key: str):
        self.book, self.key = book, key
        self.status = w.HTML()

    def _show_problem(self, message: str) -> None:
        self.status.value = f'<p class="usr-wrong">{escape(message)}</p>' if message else ""


def agreement(items: list[dict], answers: dict[str, str]) -> tuple[int, int]:
    """(answers that match the reference, answered items that have a reference)."""
    scored = [item for item in items if item.get("reference") and answers.get(item["id"])]
    return sum(answers[item["id"]] == item["reference"] for item in scored), len(scored)


class _FrontEndSaving(_SavesAnswers):
    """For the front-end widgets: save their synced state on every change; a problem goes to the synced
    ``problem`` trait, which the front end shows (as an alert) above the widget."""

    def _connect_book(self, book: AnswerBook | None, key: str, names: list[str]) -> None:
        self.book, self.key = book, key
        self.observe(lambda _change: self._save(self._state_to_save()), names=names)

    def _state_to_save(self) -> dict:
        raise NotImplementedError

    def _show_problem(self, message: str) -> None:
        self.problem = message


class ClaimWeigher(anywidget.AnyWidget, _FrontEndSaving):
    """Weigh competing claims; a bar shows where the weights put the balance between the theses.

    A front-end widget (anywidget): its controls and its bar are drawn by ``static/claim_weigher.js``,
    which also runs on the published page, with no kernel, from the saved widget state. In Jupyter,
    every change is saved to the student's answer book.
    """

    _esm = STATIC / "claim_weigher.js"
    _css = STATIC / "claim_weigher.css"
    claims = traitlets.List(traitlets.Dict()).tag(sync=True)
    weights = traitlets.Dict().tag(sync=True)
    evidence = traitlets.Dict().tag(sync=True)
    argument = traitlets.Unicode("").tag(sync=True)
    ask_argument = traitlets.Bool(True).tag(sync=True)
    by_factor = traitlets.Bool(False).tag(sync=True)
    problem = traitlets.Unicode("").tag(sync=True)

    def __init__(self, claims: pd.DataFrame, events: pd.DataFrame, book: AnswerBook | None = None,
                 key: str = "claim-weights", argument: bool = True, by_factor: bool = False):
        saved = book.get(key, {}) if book else {}
        known = set(claims["claim_id"])
        super().__init__(
            claims=[claim_spec(claim, events) for claim in claims.itertuples(index=False)],
            weights={c: v for c, v in saved.get("weights", {}).items() if c in known},
            evidence={c: v for c, v in saved.get("evidence", {}).items() if c in known},
            argument=saved.get("argument", ""), ask_argument=argument, by_factor=by_factor)
        self.theses = dict(zip(claims["claim_id"], claims["thesis"]))
        self._connect_book(book, key, ["weights", "evidence", "argument"])

    @property
    def balance(self) -> dict[str, float]:
        return thesis_balance(self.theses, self.weights)

    def __repr__(self) -> str:  # stable, for stored outputs (the default shows a memory address)
        return f"ClaimWeigher({len(self.claims)} claims)"

    def _state_to_save(self) -> dict:
        return {"weights": dict(self.weights), "evidence": dict(self.evidence), "argument": self.argument}


def claim_spec(claim, events: pd.DataFrame) -> dict:
    """What the claim weigher's front end needs of one claim: id, text, thesis, evidence menu."""
    def label(direction, event_id):
        return f"{direction}: {events.loc[event_id, 'title']} ({events.loc[event_id, 'date'][:4]})"

    evidence = [[label("supports", e), e] for e in claim.evidence_for]
    evidence += [[label("undercuts", e), e] for e in claim.evidence_against]
    return {"id": claim.claim_id, "text": claim.text, "thesis": claim.thesis, "factor": claim.factor,
            "evidence": evidence}


class Sorter(anywidget.AnyWidget, _FrontEndSaving):
    """Predict, then compare: answer each item, then see how the sources and scholarship answer it.

    ``options`` are (value, label) pairs; each item is a dict with ``id``, ``title``, optional ``body``
    and ``group``, an optional ``reference`` answer and ``reveal``: (heading, text) pairs shown once the
    student has answered. A front-end widget (``static/sorter.js``): it works with no kernel.
    """

    _esm = STATIC / "sorter.js"
    _css = STATIC / "sorter.css"
    question = traitlets.Unicode().tag(sync=True)
    instructions = traitlets.Unicode().tag(sync=True)
    reference_name = traitlets.Unicode("the scholarship").tag(sync=True)
    options = traitlets.List(traitlets.List()).tag(sync=True)
    items = traitlets.List(traitlets.Dict()).tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    problem = traitlets.Unicode("").tag(sync=True)

    def __init__(self, question: str, instructions: str, options: list, items: list[dict],
                 reference_name: str = "the scholarship", book: AnswerBook | None = None, key: str = "sorter"):
        saved = book.get(key, {}) if book else {}
        ids = {item["id"] for item in items}
        super().__init__(question=question, instructions=instructions, options=[list(o) for o in options],
                         items=items, reference_name=reference_name,
                         answers={k: v for k, v in saved.items() if k in ids})
        self._connect_book(book, key, ["answers"])

    def _state_to_save(self) -> dict:
        return dict(self.answers)

    @property
    def agreement(self) -> tuple[int, int]:
        return agreement(self.items, self.answers)

    def __repr__(self) -> str:
        return f"Sorter({len(self.items)} items)"


class ProspectLab(anywidget.AnyWidget):
    """The prospect-theory lab: value function, curvature, loss-aversion and reference-point controls,
    sure vs gamble.

    A front-end widget (anywidget) drawn by ``static/prospect_lab.js``; it works on the published page
    with no kernel. The maths is ``usrussia.prospect``, which the tests check and compare with the
    front end.
    """

    _esm = STATIC / "prospect_lab.js"
    _css = STATIC / "prospect_lab.css"
    alpha = traitlets.Float(0.88).tag(sync=True)
    beta = traitlets.Float(0.88).tag(sync=True)
    lam = traitlets.Float(2.25).tag(sync=True)
    sure = traitlets.Float(-75).tag(sync=True)
    p = traitlets.Float(0.25).tag(sync=True)
    good = traitlets.Float(0).tag(sync=True)
    bad = traitlets.Float(-100).tag(sync=True)
    reference = traitlets.Float(0).tag(sync=True)
    presets = traitlets.List(traitlets.Dict()).tag(sync=True)

    def __init__(self, **kwargs):
        presets = [{"label": preset["label"], "choice": vars(preset["choice"])} for preset in prospect.PRESETS.values()]
        super().__init__(presets=presets, **kwargs)

    @property
    def choice(self) -> prospect.Choice:
        return prospect.Choice(self.sure, self.p, self.good, self.bad, self.reference)

    @property
    def preference(self) -> str:
        return prospect.preference(self.choice, self.alpha, self.beta, self.lam)

    def __repr__(self) -> str:
        return f"ProspectLab(alpha={self.alpha}, beta={self.beta}, lam={self.lam}, reference={self.reference})"


class OrderItem(w.VBox, _ItemSaving):
    """Put items in order: a position menu per item, a Check button, immediate feedback."""

    def __init__(self, key: str, prompt: str, items: dict[str, str], correct: list[str],
                 right: str, wrong: str, book: AnswerBook | None = None):
        self._init_saving(book, key)
        self.correct, self.right, self.wrong = correct, right, wrong
        saved = self._saved([])
        positions = list(range(1, len(items) + 1))
        self.menus = {}
        for item_id, label in items.items():
            value = saved.index(item_id) + 1 if item_id in saved else None
            self.menus[item_id] = w.Dropdown(options=[("—", None)] + [(str(p), p) for p in positions], value=value,
                                             description=label, style={"description_width": "60%"},
                                             layout=w.Layout(width="100%"))
        self.button = w.Button(description="Check my order", button_style="primary")
        self.feedback = w.HTML()
        self.button.on_click(self.check)
        super().__init__([w.HTML(prompt), *self.menus.values(), self.button, self.feedback, self.status])

    def given(self) -> list[str] | None:
        """The student's order, or None while positions are missing or repeated."""
        chosen = {item: menu.value for item, menu in self.menus.items()}
        if None in chosen.values() or len(set(chosen.values())) != len(chosen):
            return None
        return sorted(chosen, key=chosen.get)

    def check(self, _button=None) -> None:
        order = self.given()
        if order is None:
            self.feedback.value = '<p class="usr-feedback">Give every item a different position first.</p>'
            return
        self._save(order)
        self.feedback.value = feedback_html(check_order(order, self.correct), self.right, self.wrong)


class MatchItem(w.VBox, _ItemSaving):
    """Match each statement to one of a few choices (e.g. which thesis it supports)."""

    def __init__(self, key: str, prompt: str, statements: dict[str, str], choices: dict[str, str],
                 correct: dict[str, str], explanations: dict[str, str], book: AnswerBook | None = None):
        self._init_saving(book, key)
        self.correct, self.explanations = correct, explanations
        saved = self._saved({})
        self.toggles, rows = {}, []
        for item_id, html_text in statements.items():
            toggle = w.ToggleButtons(options=[(label, value) for value, label in choices.items()],
                                     value=saved.get(item_id), style={"button_width": "auto"})
            self.toggles[item_id] = toggle
            rows += [w.HTML(html_text), toggle]
        self.button = w.Button(description="Check my matches", button_style="primary")
        self.feedback = w.HTML()
        self.button.on_click(self.check)
        super().__init__([w.HTML(prompt), *rows, self.button, self.feedback, self.status])

    def check(self, _button=None) -> None:
        given = {item: toggle.value for item, toggle in self.toggles.items()}
        self._save({k: v for k, v in given.items() if v})
        result = check_matches(given, self.correct)
        notes = "".join(f"<li>{escape(self.explanations[item])}</li>" for item in result.wrong)
        self.feedback.value = feedback_html(result, "Well matched.", f"Look again at these:<ul>{notes}</ul>")


class ChoiceItem(w.VBox, _ItemSaving):
    """One multiple-choice question with feedback (e.g. spot the factual problem in an excerpt)."""

    def __init__(self, key: str, prompt: str, options: list[str], answer: int, right: str, wrong: str,
                 book: AnswerBook | None = None):
        self._init_saving(book, key)
        self.answer, self.right, self.wrong = answer, right, wrong
        self.radio = w.RadioButtons(options=[(text, i) for i, text in enumerate(options)], value=self._saved(None),
                                    layout=w.Layout(width="100%"))
        self.button = w.Button(description="Check my answer", button_style="primary")
        self.feedback = w.HTML()
        self.button.on_click(self.check)
        super().__init__([w.HTML(prompt), self.radio, self.button, self.feedback, self.status])

    def check(self, _button=None) -> None:
        if self.radio.value is None:
            self.feedback.value = '<p class="usr-feedback">Choose an answer first.</p>'
            return
        self._save(self.radio.value)
        self.feedback.value = feedback_html(check_choice(self.radio.value, self.answer), self.right, self.wrong)


class WrittenItem(w.VBox, _ItemSaving):
    """A written answer, saved as it is typed, with a live word count."""

    def __init__(self, key: str, prompt: str, words: tuple[int, int], book: AnswerBook | None = None):
        self._init_saving(book, key)
        self.words = words
        self.text = w.Textarea(value=self._saved(""), placeholder="Write your argument here…",
                               layout=w.Layout(width="100%", height="14rem"))
        self.count = w.HTML()
        self.text.observe(self._changed, names="value")
        self._count()
        super().__init__([w.HTML(prompt), self.text, self.count, self.status])

    def _count(self) -> None:
        n, (low, high) = word_count(self.text.value), self.words
        self.count.value = f'<p class="usr-count">{n} words (aim for {low}–{high}).</p>'

    def _changed(self, _change) -> None:
        self._count()
        self._save(self.text.value)


class SubmissionPanel(w.VBox):
    """The student's name, and a button that exports every answer to one file for submission."""

    def __init__(self, book: AnswerBook, folder: str = "."):
        self.book, self.folder = book, folder
        self.name = w.Text(value=book.student, description="Your name:", placeholder="First and last name",
                           continuous_update=False, style={"description_width": "initial"})
        self.button = w.Button(description="Export my answers", icon="download")
        self.result = w.HTML()
        self.name.observe(self._named, names="value")
        self.button.on_click(self.export)
        super().__init__([self.name, self.button, self.result])

    def _named(self, change) -> None:
        try:
            self.book.set_student(change["new"])
        except (AnswersFileError, OSError) as err:
            self.result.value = f'<p class="usr-wrong">{escape(str(err))}</p>'

    def export(self, _button=None) -> None:
        try:
            json_path, md_path = self.book.export(self.folder)
        except (AnswersFileError, OSError) as err:
            self.result.value = f'<p class="usr-wrong">{escape(str(err))}</p>'
        else:
            self.result.value = (f'<p class="usr-right">Saved <code>{escape(json_path.name)}</code> (to submit) and '
                                 f'<code>{escape(md_path.name)}</code> (a readable copy).</p>')
