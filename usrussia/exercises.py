"""Exercise items built from the tables and the course manifest, so that every exercise notebook is a
few calls::

    from usrussia import exercises
    ex = exercises.start("01-personal-diplomacy")   # loads the data, opens the answers, says where they go
    ex.readings()                                    # the readings' excerpt cards
    ex.part(1)                                       # everything Part 1 shows (``course.EXERCISES``)
    ex.hand_in()                                     # name and "Export my answers"

Answer keys come from the data (``keys``): the order of the resets from the dates of the events that
began them, the thesis of a passage and the factual problem in it from ``questions.csv``. Keys and
feedback travel sealed in the items (``scoring.seal``), so the page can check answers with no kernel.
"""
from __future__ import annotations

from html import escape

from IPython.display import display

from . import course as manifest
from . import data, figures, keys, scoring, sources, widgets
from .answers import AnswerBook

PASSAGE_WORDS = 14


def _passage(excerpt_id: str, course: data.CourseData) -> str:
    """A passage named in words for the readable export: its opening words and its source."""
    excerpt = course.excerpts.loc[excerpt_id]
    words = excerpt.text.split()
    opening = " ".join(words[:PASSAGE_WORDS]) + ("…" if len(words) > PASSAGE_WORDS else "")
    return f"“{opening}” ({sources.citation_text(course.sources.loc[excerpt.source_id])})"


def _sources_html(source_ids, course: data.CourseData) -> str:
    items = "".join(f"<li>{sources.citation_html(course.sources.loc[s])}</li>" for s in source_ids)
    return f'<p>The record:</p><ul class="usr-check-sources">{items}</ul>'


def _sealed(spec: dict, key: str, content: dict) -> dict:
    return {**spec, "seed": key, "sealed": scoring.seal(content, key)}


# --- the objective items: their key, what they show, their sealed key and feedback -----------------

def reset_order_spec(course: data.CourseData) -> tuple[str, dict]:
    """'Order the resets': the six resets listed alphabetically, to be put in chronological order."""
    spans = data.reset_spans(course)
    listed = spans.sort_values("label")
    key_lines = "".join(f"<li>{escape(row.label)}: began {row.start.day} {row.start:%B %Y}.</li>"
                        for row in spans.itertuples())
    spec = {"kind": "order", "question": "Put the attempts at a new start in the order in which they began.",
            "prompt": "<p>Give each attempt at a new start its position in time, 1 for the earliest.</p>",
            "items": [{"id": r.reset_id, "text": r.label} for r in listed.itertuples()],
            "button": "Check my order", "incomplete": "Give every attempt a different position first."}
    return keys.ORDER_KEY, _sealed(spec, keys.ORDER_KEY, {
        "answer": keys.reset_order(course), "right": f"<ol>{key_lines}</ol>",
        "wrong": "<p>Check the dates on the timeline in the chapter and try again.</p>"})


def _match_spec(key: str, question: str, prompt: str, parts: list[dict], choices: dict[str, str],
                answer: dict[str, str], explain: dict[str, str], noun: str = "passage") -> tuple[str, dict]:
    spec = {"kind": "match", "question": question, "prompt": prompt, "parts": parts, "part_noun": noun,
            "choices": [{"value": v, "text": t} for v, t in choices.items()],
            "button": "Check my answers", "incomplete": f"Answer every {noun} first."}
    return key, _sealed(spec, key, {"answer": answer, "right": "<p>Well matched.</p>",
                                    "explain": {part: f"{escape(text)}" for part, text in explain.items()}})


def thesis_spec(course: data.CourseData, chapter: str) -> tuple[str, dict]:
    """'Which thesis?': match each passage of this chapter's thesis questions to the thesis it supports."""
    questions = course.questions.query("kind == 'thesis' and chapter == @chapter")
    parts = [{"id": q.question_id, "text": _passage(q.excerpt_id, course),
              "html": sources.excerpt_card(q.excerpt_id, course).html(check=False, claim=False)}
             for q in questions.itertuples()]
    return _match_spec(keys.THESIS_KEY, "Which explanation does each passage support?",
                       "<p>For each passage, choose the explanation it supports.</p>", parts, keys.THESIS_CHOICES,
                       dict(zip(questions["question_id"], questions["answer"])),
                       dict(zip(questions["question_id"], questions["feedback"])))


def sourcing_spec(course: data.CourseData) -> tuple[str, dict]:
    """Sourcing: match the opening of each source document, shown without its source, to its genre."""
    seeds = course.sources.query("kind == 'seed'")
    openings = course.excerpts.query("chapter == 'sources'")
    parts = []
    for e in openings.itertuples():
        words = e.text.split()
        parts.append({"id": e.excerpt_id, "text": "“" + " ".join(words[:PASSAGE_WORDS]) + "…”",
                      "html": sources.excerpt_card(e.excerpt_id, course).html(check=False, claim=False,
                                                                              attribution=False)})
    return _match_spec(keys.SOURCING_KEY, "What kind of text does each opening passage come from?",
                       "<p>For each opening passage, choose what kind of text it comes from.</p>", parts,
                       dict(zip(seeds["source_id"], seeds["genre"])), keys.sourcing_answers(course),
                       {e.excerpt_id: course.sources.loc[e.source_id, "trust_note"] for e in openings.itertuples()})


def problem_specs(course: data.CourseData, chapter: str, question_ids: tuple[str, ...] = ()) -> list[tuple[str, dict]]:
    """'Spot the factual problem': one single-choice item per problem question of the chapter (or the
    questions named). Whatever the student chooses, the feedback gives the records to check."""
    questions = (course.questions.loc[list(question_ids)] if question_ids
                 else course.questions.query("kind == 'problem' and chapter == @chapter"))
    specs = []
    for q in questions.itertuples():
        card = sources.excerpt_card(q.excerpt_id, course).html(check=False)
        options = q.options.split("|")
        records = _sources_html(q.sources, course)
        to_check = ('<details class="usri-record"><summary>The record to check it against</summary>'
                    f"{_sources_html(q.sources, course)}</details>")
        spec = {"kind": "choice", "question": f"{q.prompt} Passage: {_passage(q.excerpt_id, course)}",
                "prompt": card + to_check + f"<p><strong>{escape(q.prompt)}</strong></p>",
                "options": [{"value": i, "text": o, "html": escape(o)} for i, o in enumerate(options)],
                "button": "Check my answer", "incomplete": "Choose an answer first."}
        specs.append((q.question_id, _sealed(spec, q.question_id, {
            "answer": keys.problem_answer(q), "right": f"<p>{escape(q.feedback)}</p>{records}",
            "wrong": f"<p>Compare the passage with the record, then try again.</p>{records}"})))
    return specs


def written_spec(piece: manifest.Piece, part: manifest.Part) -> tuple[str, dict]:
    low, high = piece.words
    return piece.key, {"kind": "written", "question": f"{part.title.split('. ', 1)[-1]} ({low}–{high} words)",
                       "prompt": piece.prompt, "words": list(piece.words), "placeholder": "Write here…"}


# --- the sorters and weighers ---------------------------------------------------------------------

def _citations(source_ids, course: data.CourseData) -> str:
    return "; ".join(sources.citation_text(course.sources.loc[s]) for s in source_ids)


THREAT_OPTIONS = [("real", "real"), ("perceived", "perceived"), ("contrived", "contrived"), ("mixed", "mixed")]
LEDGER_OPTIONS = [(str(n), label) for n, label in
                  enumerate(["not at all", "a little", "somewhat", "a lot", "decisively"], start=1)]
THREAT_QUESTION = "Is this threat real, perceived or contrived?"
LEDGER_QUESTION = "How far does this case feed Russian cynicism about international law?"
REACTION_QUESTION = "How would it react?"
ACTOR_NAMES = {"us-congress": "US Congress", "us-executive-agencies": "US executive agencies",
               "ru-security-bloc": "Kremlin security bloc", "ru-economic-bloc": "Kremlin economic bloc"}
REACTION_OPTIONS = [(r, r) for r in data.REACTIONS]


def threat_sorter(course: data.CourseData, book: AnswerBook | None = None, entry: dict | None = None) -> widgets.Sorter:
    """The threat sorter: classify each threat Moscow has voiced, then compare with sources and scholarship."""
    items = []
    for t in course.threats.itertuples():
        items.append({
            "id": t.threat_id, "title": t.threat, "body": f"Voiced by: {t.voiced_by}",
            "reference": t.scholarly_view if t.scholarly_view in dict(THREAT_OPTIONS) else "",
            "reveal": [[f"The sources: {t.source_view}", t.source_reason],
                       [f"The scholarship: {t.scholarly_view}", t.scholarly_reason],
                       ["Read", _citations(t.scholarly_sources, course)]],
        })
    return widgets.Sorter(
        THREAT_QUESTION,
        "Classify each threat; once you have, the sources' and the scholars' readings appear beside yours.",
        THREAT_OPTIONS, items, reference_name="the scholarship", book=book, entry=entry)


def cynicism_ledger(course: data.CourseData, book: AnswerBook | None = None,
                    entry: dict | None = None) -> widgets.Sorter:
    """The cynicism ledger: rate how far each case feeds Russian cynicism, then read both framings."""
    items = []
    for c in course.legal_cases.sort_values("year").itertuples():
        items.append({
            "id": c.case_id, "title": f"{c.name} ({c.year})", "body": "",
            "reveal": [["How Washington framed it", c.us_framing], ["How Moscow framed it", c.russia_framing],
                       ["The legal record", c.legal_record], ["What the sources say", c.source_views],
                       ["Read", _citations(c.sources, course)]],
        })
    return widgets.Sorter(
        LEDGER_QUESTION,
        "Rate each case; then compare how each government framed it, what the legal record shows "
        "and what the sources say.",
        LEDGER_OPTIONS, items, reference_name="", book=book, entry=entry)


def reaction_predictor(course: data.CourseData, book: AnswerBook | None = None,
                       entry: dict | None = None) -> widgets.Sorter:
    """Institutional reactions: predict how each side's institutions would meet a proposed deal."""
    items = []
    for r in course.reactions.itertuples():
        items.append({
            "id": r.reaction_id, "group": f"Proposal: {r.proposal}", "title": ACTOR_NAMES[r.actor], "body": "",
            "reference": r.expected_reaction,
            "reveal": [["Basis", r.basis], ["Read", _citations(r.sources, course)]],
        })
    return widgets.Sorter(
        REACTION_QUESTION,
        "For each proposal, predict each institution's reaction; the expected reaction and its basis then appear.",
        REACTION_OPTIONS, items, reference_name="the expected reaction (weigh its basis below)", book=book, entry=entry)


def claim_weigher(course: data.CourseData, chapter: str | None = None, book: AnswerBook | None = None,
                  entry: dict | None = None) -> widgets.ClaimWeigher:
    """The claim weigher over one chapter's claims; over every claim, with a balance by factor, when
    ``chapter`` is None (the synthesis)."""
    if chapter is None:
        return widgets.ClaimWeigher(course.claims, course.events, book=book, entry=entry, by_factor=True)
    return widgets.ClaimWeigher(course.claims.query("chapter == @chapter"), course.events, book=book, entry=entry)


WEIGH_QUESTION = "How convincing is each claim, and which evidence do you rely on most?"
# piece kind -> (builder, answer key, question)
SORTERS = {"threat-sorter": (threat_sorter, "threat-sorter", THREAT_QUESTION),
           "cynicism-ledger": (cynicism_ledger, "cynicism-ledger", LEDGER_QUESTION),
           "reactions": (reaction_predictor, "institution-reactions", REACTION_QUESTION)}


# --- an exercise, part by part ------------------------------------------------------------------

def item_entries(exercise: manifest.Exercise, course: data.CourseData) -> list[dict]:
    """Every answer an exercise collects, in order, as the outline of the export lists it: key, part,
    what to call it, how its progress is measured and out of how many."""
    entries = []
    for part in exercise.parts:
        for piece in part.pieces:
            def add(key, label, measure, total, title=part.title, **extra):
                entries.append({"key": key, "part": title, "label": label, "measure": measure, "total": total,
                                **extra})
            if piece.kind == "order":
                add(keys.ORDER_KEY, "the order of the resets", "single", 1)
            elif piece.kind == "thesis":
                n = len(course.questions.query("kind == 'thesis' and chapter == @exercise.chapter"))
                add(keys.THESIS_KEY, "passages", "parts", n)
            elif piece.kind == "sourcing":
                add(keys.SOURCING_KEY, "passages", "parts", len(course.excerpts.query("chapter == 'sources'")))
            elif piece.kind == "problems":
                ids = list(piece.ids) or list(
                    course.questions.query("kind == 'problem' and chapter == @exercise.chapter").index)
                for i, key in enumerate(ids, start=1):
                    add(key, f"question {i}", "single", 1)
            elif piece.kind == "weigh":
                add("claim-weights", "claims", "weights", int((course.claims["chapter"] == exercise.chapter).sum()))
            elif piece.kind == "weigh-all":
                add("all-claim-weights", "claims", "weights", len(course.claims))
            elif piece.kind in SORTERS:
                total, label = {"threat-sorter": (len(course.threats), "threats"),
                                "cynicism-ledger": (len(course.legal_cases), "cases"),
                                "reactions": (len(course.reactions), "reactions")}[piece.kind]
                add(SORTERS[piece.kind][1], label, "parts", total)
            elif piece.kind == "written":
                add(piece.key, "your answer", "words", piece.words[0], words=list(piece.words))
    return entries


def outline(course: data.CourseData) -> list[dict]:
    """Every exercise of the course with the answers it collects (``item_entries``)."""
    return [{"id": e.id, "title": e.title, "items": item_entries(e, course)} for e in manifest.EXERCISES]


class ExerciseSession:
    """One exercise notebook at work: the data, the student's answer book, and the parts to show."""

    def __init__(self, exercise_id: str, course: data.CourseData | None = None, book: AnswerBook | None = None):
        self.exercise = manifest.exercise(exercise_id)
        self.course = course or data.load()
        self.book = book if book is not None else AnswerBook(exercise_id)
        self.status = widgets.AnswerStatus(self.book)

    def _entry(self, part_index: int, item_index: int, key: str, question: str) -> dict:
        return {"exercise": self.exercise.id, "key": key, "part": self.exercise.parts[part_index].title,
                "position": [part_index, item_index], "question": question}

    def readings(self) -> None:
        """The readings' excerpt cards."""
        for excerpt_id in self.exercise.readings:
            display(sources.excerpt_card(excerpt_id, self.course))

    def views(self, number: int) -> list:
        """What Part ``number`` shows, in order: widgets, figures and tables."""
        part_index = number - 1
        part, course, shown = self.exercise.parts[part_index], self.course, []

        def item(key, spec):
            entry = self._entry(part_index, len(shown), key, spec["question"])
            shown.append(widgets.ExerciseItem(spec, entry, self.book))

        for piece in part.pieces:
            if piece.kind == "order":
                item(*reset_order_spec(course))
            elif piece.kind == "thesis":
                item(*thesis_spec(course, self.exercise.chapter))
            elif piece.kind == "sourcing":
                item(*sourcing_spec(course))
            elif piece.kind == "problems":
                for key, spec in problem_specs(course, self.exercise.chapter, piece.ids):
                    item(key, spec)
            elif piece.kind == "written":
                item(*written_spec(piece, part))
            elif piece.kind in ("weigh", "weigh-all"):
                key = "claim-weights" if piece.kind == "weigh" else "all-claim-weights"
                chapter = self.exercise.chapter if piece.kind == "weigh" else None
                shown.append(claim_weigher(course, chapter, self.book,
                                           self._entry(part_index, len(shown), key, WEIGH_QUESTION)))
            elif piece.kind in SORTERS:
                build, key, question = SORTERS[piece.kind]
                shown.append(build(course, self.book, self._entry(part_index, len(shown), key, question)))
            elif piece.kind == "nato-figure":
                shown.append(figures.view(figures.nato_paradox(course), f"fig-ex{self.exercise.id[:2]}-nato-paradox"))
            elif piece.kind == "prospect-lab":
                shown.append(widgets.ProspectLab())
            elif piece.kind == "officeholders":
                shown.append(figures.officeholders_table(course))
            else:
                raise ValueError(f"unknown piece {piece.kind!r} in {self.exercise.id}")
        return shown

    def part(self, number: int) -> None:
        """Show Part ``number``, its items one after another."""
        for view in self.views(number):
            display(view)

    def hand_in(self) -> widgets.HandIn:
        """Name and export."""
        return widgets.HandIn(outline(self.course), self.book)


def start(exercise_id: str) -> ExerciseSession:
    """Begin an exercise notebook: load the data, open the student's answers and show where they are kept."""
    session = ExerciseSession(exercise_id)
    display(session.status)
    return session
