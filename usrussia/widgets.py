"""The course's widgets: front-end widgets (anywidget) that work the same in Jupyter and on the
published page.

Each widget's JavaScript is ``static/<name>.js``, preceded by the constants of ``scoring`` and by
``static/common.js`` (see ``esm``); it travels in the notebook's saved widget state, so the book's
pages run it with no kernel. In Jupyter, the widgets that hold answers save them to the student's
``AnswerBook`` on every change; on the published page the JavaScript keeps them in the browser.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

import anywidget
import pandas as pd
import traitlets

from . import prospect, scoring
from .answers import AnswerBook, AnswersFileError

STATIC = Path(__file__).parent / "static"
RUN_FIRST = "run this notebook (Run › Run All Cells) to use it here"


def esm(name: str) -> str:
    """The module of one widget as it travels: scoring's constants, ``common.js``, then ``<name>.js``."""
    return (f"const USR = {json.dumps(scoring.constants(), ensure_ascii=False)};\n"
            + (STATIC / "common.js").read_text(encoding="utf-8") + "\n"
            + (STATIC / f"{name}.js").read_text(encoding="utf-8"))


def css(name: str) -> str:
    """One widget's stylesheet, after the rules every widget shares (``common.css``)."""
    own = STATIC / f"{name}.css"
    return ((STATIC / "common.css").read_text(encoding="utf-8")
            + (own.read_text(encoding="utf-8") if own.exists() else ""))


class _Widget(anywidget.AnyWidget):
    """A course widget. ``entry`` says where its answer goes (exercise, key, part, position and the
    question in words) and is empty for widgets that keep no answer; ``problem`` is a failed save,
    shown above the widget."""

    entry = traitlets.Dict().tag(sync=True)
    problem = traitlets.Unicode("").tag(sync=True)
    label = "widget"

    def __repr__(self) -> str:
        # What Jupyter shows before the notebook has run (instead of the widget's internals).
        return f"[{self.label}: {RUN_FIRST}]"


class _Answering(_Widget):
    """A widget whose answer is saved to the student's answer book in Jupyter on every change."""

    book: AnswerBook | None = None

    def _connect(self, book: AnswerBook | None, entry: dict, names: list[str]) -> None:
        """Save to ``book`` whenever one of the traits ``names`` changes (call once the saved answer is shown)."""
        self.book, self.entry = book, entry
        if book:
            book.listeners.append(self)
            self.observe(lambda _change: self._save(), names=names)

    def answer(self):
        """The answer as it is saved."""
        raise NotImplementedError

    def readable_spec(self) -> dict:
        """What ``scoring.readable`` needs to put the answer into words."""
        raise NotImplementedError

    def _save(self) -> None:
        try:
            self.book.set(self.entry["key"], self.answer(), scoring.readable(self.readable_spec(), self.answer()))
        except AnswersFileError as err:
            self.problem = str(err)


class ExerciseItem(_Answering):
    """One exercise item: ``choice``, ``multi``, ``order``, ``match`` or ``written`` (see ``static/item.js``).

    ``spec`` holds what the item shows; an objective item's key and feedback travel sealed in it
    (``scoring.seal``) and are checked in the browser. ``value`` is the answer as saved.
    """

    _esm = esm("item")
    _css = css("item")
    spec = traitlets.Dict().tag(sync=True)
    value = traitlets.Any(None).tag(sync=True)
    label = "Exercise item"

    def __init__(self, spec: dict, entry: dict, book: AnswerBook | None = None):
        super().__init__(spec=spec, value=book.get(entry["key"]) if book else None)
        self._connect(book, entry, ["value"])

    def answer(self):
        return self.value

    def readable_spec(self) -> dict:
        return {**self.entry, **self.spec}

    def _save(self) -> None:
        if self.value is not None:
            super()._save()


class ClaimWeigher(_Answering):
    """Weigh competing claims; a bar shows where the weights put the balance between the theses
    (``static/claim_weigher.js``)."""

    _esm = esm("claim_weigher")
    _css = css("claim_weigher")
    claims = traitlets.List(traitlets.Dict()).tag(sync=True)
    weights = traitlets.Dict().tag(sync=True)
    evidence = traitlets.Dict().tag(sync=True)
    argument = traitlets.Unicode("").tag(sync=True)
    ask_argument = traitlets.Bool(True).tag(sync=True)
    by_factor = traitlets.Bool(False).tag(sync=True)
    label = "Claim weigher"

    def __init__(self, claims: pd.DataFrame, events: pd.DataFrame, book: AnswerBook | None = None,
                 entry: dict | None = None, argument: bool = True, by_factor: bool = False):
        entry = entry or {}
        saved = book.get(entry["key"], {}) if book else {}
        known = set(claims["claim_id"])
        super().__init__(claims=[claim_spec(claim, events) for claim in claims.itertuples(index=False)],
                         ask_argument=argument, by_factor=by_factor,
                         weights={c: v for c, v in saved.get("weights", {}).items() if c in known},
                         evidence={c: v for c, v in saved.get("evidence", {}).items() if c in known},
                         argument=saved.get("argument", ""))
        self.theses = dict(zip(claims["claim_id"], claims["thesis"]))
        self._connect(book, entry, ["weights", "evidence", "argument"])

    @property
    def balance(self) -> dict[str, float]:
        return scoring.thesis_balance(self.theses, self.weights)

    def answer(self) -> dict:
        return {"weights": dict(self.weights), "evidence": dict(self.evidence), "argument": self.argument}

    def readable_spec(self) -> dict:
        return {**self.entry, "kind": "weigh", "claims": self.claims}


def claim_spec(claim, events: pd.DataFrame) -> dict:
    """What the claim weigher's front end needs of one claim: id, text, thesis, factor, evidence menu."""
    def label(direction, event_id):
        return f"{direction}: {events.loc[event_id, 'title']} ({events.loc[event_id, 'date'][:4]})"

    evidence = [[label("supports", e), e] for e in claim.evidence_for]
    evidence += [[label("undercuts", e), e] for e in claim.evidence_against]
    return {"id": claim.claim_id, "text": claim.text, "thesis": claim.thesis, "factor": claim.factor,
            "evidence": evidence}


class Sorter(_Answering):
    """Predict, then compare: answer each item, then see how the sources and scholarship answer it.

    ``options`` are (value, label) pairs; each item is a dict with ``id``, ``title``, optional ``body``
    and ``group``, an optional ``reference`` answer and ``reveal``: (heading, text) pairs shown once the
    student has answered (``static/sorter.js``).
    """

    _esm = esm("sorter")
    _css = css("sorter")
    question = traitlets.Unicode().tag(sync=True)
    instructions = traitlets.Unicode().tag(sync=True)
    reference_name = traitlets.Unicode("the scholarship").tag(sync=True)
    options = traitlets.List(traitlets.List()).tag(sync=True)
    items = traitlets.List(traitlets.Dict()).tag(sync=True)
    answers = traitlets.Dict().tag(sync=True)
    label = "Sorter"

    def __init__(self, question: str, instructions: str, options: list, items: list[dict],
                 reference_name: str = "the scholarship", book: AnswerBook | None = None, entry: dict | None = None):
        entry = entry or {}
        saved = book.get(entry["key"], {}) if book else {}
        ids = {item["id"] for item in items}
        super().__init__(question=question, instructions=instructions, options=[list(o) for o in options],
                         items=items, reference_name=reference_name,
                         answers={k: v for k, v in saved.items() if k in ids})
        self._connect(book, entry, ["answers"])

    def answer(self) -> dict:
        return dict(self.answers)

    def readable_spec(self) -> dict:
        return {**self.entry, "kind": "sort", "options": self.options, "items": self.items}

    @property
    def agreement(self) -> tuple[int, int]:
        return agreement(self.items, self.answers)


def agreement(items: list[dict], answers: dict[str, str]) -> tuple[int, int]:
    """(answers that match the reference, answered items that have a reference)."""
    scored = [item for item in items if item.get("reference") and answers.get(item["id"])]
    return sum(answers[item["id"]] == item["reference"] for item in scored), len(scored)


class ProspectLab(_Widget):
    """The prospect-theory lab: value function, curvature, loss-aversion and reference-point controls,
    sure vs gamble (``static/prospect_lab.js``; the maths is ``usrussia.prospect``)."""

    _esm = esm("prospect_lab")
    _css = css("prospect_lab")
    alpha = traitlets.Float(0.88).tag(sync=True)
    beta = traitlets.Float(0.88).tag(sync=True)
    lam = traitlets.Float(2.25).tag(sync=True)
    sure = traitlets.Float(-75).tag(sync=True)
    p = traitlets.Float(0.25).tag(sync=True)
    good = traitlets.Float(0).tag(sync=True)
    bad = traitlets.Float(-100).tag(sync=True)
    reference = traitlets.Float(0).tag(sync=True)
    presets = traitlets.List(traitlets.Dict()).tag(sync=True)
    label = "Prospect-theory lab"

    def __init__(self, **kwargs):
        presets = [{"label": preset["label"], "choice": vars(preset["choice"])} for preset in prospect.PRESETS.values()]
        super().__init__(presets=presets, **kwargs)

    @property
    def choice(self) -> prospect.Choice:
        return prospect.Choice(self.sure, self.p, self.good, self.bad, self.reference)

    @property
    def preference(self) -> str:
        return prospect.preference(self.choice, self.alpha, self.beta, self.lam)


class AnswerStatus(_Widget):
    """The line at the top of an exercise: where answers are kept and what was restored
    (``static/status.js``). With a damaged answers file it offers to set the file aside; the answers
    given meanwhile are kept in memory and saved then."""

    _esm = esm("status")
    _css = css("status")
    exercise = traitlets.Unicode().tag(sync=True)
    message = traitlets.Unicode().tag(sync=True)
    damaged = traitlets.Bool(False).tag(sync=True)
    label = "Your answers"

    def __init__(self, book: AnswerBook):
        super().__init__(exercise=book.exercise)
        self.book, self.restored = book, len(book.answers)
        book.listeners.append(self)
        self.refresh()
        self.on_msg(self._message)

    def refresh(self) -> None:
        name = escape(self.book.path.name)
        if self.book.damaged:
            self.damaged = True
            self.message = (f'<strong>Your answers are not being saved to a file:</strong> {escape(self.book.damaged)} '
                            "What you answer now is kept while this notebook runs; press the button to set the "
                            f"damaged file aside (it is renamed, not deleted) and save your answers in a new {name}.")
            return
        self.damaged = False
        status = (f"{self.restored} answer(s) from an earlier session restored." if self.restored
                  else "No answers saved yet.")
        self.message = f"Answers are saved as you go in <code>{name}</code>, beside this notebook. {status}"

    def _message(self, _widget, content, _buffers) -> None:
        if content.get("event") == "set-aside":
            self.problem = ""
            try:
                moved = self.book.set_damaged_aside()
            except (AnswersFileError, OSError) as err:
                self.problem = str(err)
                return
            self.refresh()
            self.message += f" The damaged file is now <code>{escape(moved.name)}</code>."


class HandIn(_Widget):
    """The student's name and "Export my answers" (``static/hand_in.js``). ``outline`` is the course's
    exercises with their items, so that the export can list what is unfinished."""

    _esm = esm("hand_in")
    _css = css("hand_in")
    outline = traitlets.List(traitlets.Dict()).tag(sync=True)
    student = traitlets.Unicode("").tag(sync=True)
    result = traitlets.Unicode("").tag(sync=True)
    unfinished = traitlets.List(traitlets.Unicode()).tag(sync=True)
    label = "Hand in"

    def __init__(self, outline: list[dict], book: AnswerBook | None, folder: str | Path = "."):
        super().__init__(outline=outline, student=book.student if book else "")
        self.book, self.folder = book, Path(folder)
        if book:
            book.listeners.append(self)
            self.observe(self._named, names="student")
            self.refresh()
        self.on_msg(self._message)

    def refresh(self) -> None:
        self.unfinished = scoring.unfinished(self.outline, self.book.all_exercises()) if self.book else []

    def _named(self, change) -> None:
        try:
            self.book.set_student(change["new"])
        except (AnswersFileError, OSError) as err:
            self.result = f'<p class="usr-wrong">{escape(str(err))}</p>'

    def _message(self, _widget, content, _buffers) -> None:
        if content.get("event") == "export":
            self.export()

    def export(self) -> None:
        if not self.book:
            self.result = '<p class="usr-wrong">Your answers cannot be exported: see the message at the top.</p>'
            return
        try:
            json_path, md_path, held = self.book.export(self.outline, self.folder)
        except (AnswersFileError, OSError) as err:
            self.result = f'<p class="usr-wrong">{escape(str(err))}</p>'
            return
        self.refresh()
        self.result = (f'<p class="usr-right">Saved <code>{escape(json_path.name)}</code> (the file to hand in) and '
                       f'<code>{escape(md_path.name)}</code> (a copy you can read), beside this notebook. They hold '
                       f'every exercise saved in <code>{escape(self.book.path.name)}</code>: '
                       f'{escape(", ".join(held) or "none yet")}.</p>')
