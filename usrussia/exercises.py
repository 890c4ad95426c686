"""Exercise items built from the tables, so that every exercise notebook is a few calls.

Answer keys come from the data: the order of the resets from the dates of the events that began
them, the thesis of a passage and the factual problem in it from ``questions.csv`` (see ``keys``).
"""
from __future__ import annotations

from html import escape

import ipywidgets as w
from IPython.display import HTML, display

from . import data, keys, sources, widgets
from .answers import AnswerBook, AnswersFileError



def open_answer_book(exercise: str) -> AnswerBook | None:
    """The student's answer book; if the answers file cannot be used, say why and return None."""
    try:
        book = AnswerBook(exercise)
    except AnswersFileError as err:
        display(HTML(f'<p class="usr-wrong"><strong>Your answers will not be saved:</strong> {escape(str(err))}</p>'))
        return None
    saved = len(book.answers)
    status = f"{saved} answer(s) from an earlier session restored." if saved else "No answers saved yet."
    display(HTML(f'<p class="usr-feedback">Answers are saved as you go in <code>{escape(book.path.name)}</code>. '
                 f"{status}</p>"))
    return book


def _sources_html(source_ids, course: data.CourseData) -> str:
    items = "".join(f"<li>{sources.citation_html(course.sources.loc[s])}</li>" for s in source_ids)
    return f'<ul class="usr-check-sources">{items}</ul>'


def reset_order_item(course: data.CourseData, book: AnswerBook | None = None) -> widgets.OrderItem:
    """'Order the resets': the six resets listed alphabetically, to be put in chronological order."""
    spans = keys.reset_spans(course)
    listed = spans.sort_values("label")
    items = dict(zip(listed["reset_id"], listed["label"]))
    key_lines = "".join(f"<li>{escape(row.label)}: began {row.start.day} {row.start:%B %Y}.</li>" for row in spans.itertuples())
    return widgets.OrderItem(
        keys.ORDER_KEY,
        "<p>Give each attempt at a new start its position in time, 1 for the earliest.</p>",
        items, keys.reset_order(course),
        right=f"<ol>{key_lines}</ol>",
        wrong="Check the dates on the timeline in the chapter and try again.",
        book=book)


def thesis_item(course: data.CourseData, chapter: str, book: AnswerBook | None = None) -> widgets.MatchItem:
    """'Which thesis?': match each passage of this chapter's thesis questions to the thesis it supports."""
    questions = course.questions.query("kind == 'thesis' and chapter == @chapter")
    statements = {q.question_id: sources.excerpt_card(q.excerpt_id, course).html(check=False, claim=False)
                  for q in questions.itertuples()}
    return widgets.MatchItem(
        keys.THESIS_KEY, "<p>For each passage, choose the explanation it supports.</p>", statements,
        keys.THESIS_CHOICES, dict(zip(questions["question_id"], questions["answer"])),
        dict(zip(questions["question_id"], questions["feedback"])), book=book)


def problem_items(course: data.CourseData, chapter: str | None = None, book: AnswerBook | None = None,
                  question_ids: list[str] | None = None) -> list[widgets.ChoiceItem]:
    """'Spot the factual problem': one multiple-choice item per problem question of the chapter (or the
    questions named)."""
    items = []
    questions = (course.questions.loc[question_ids] if question_ids
                 else course.questions.query("kind == 'problem' and chapter == @chapter"))
    for q in questions.itertuples():
        card = sources.excerpt_card(q.excerpt_id, course).html(check=False)
        explanation = f"<p>{escape(q.feedback)}</p>{_sources_html(q.sources, course)}"
        items.append(widgets.ChoiceItem(
            q.question_id, card + f"<p><strong>{escape(q.prompt)}</strong></p>", q.options.split("|"),
            keys.problem_answer(q), right=explanation, wrong="Not this one. Compare the passage with the timeline and try again.",
            book=book))
    return items


def claim_weigher(course: data.CourseData, chapter: str | None = None,
                  book: AnswerBook | None = None) -> widgets.ClaimWeigher:
    """The claim weigher over one chapter's claims; over every claim, with a balance by factor, when
    ``chapter`` is None (the synthesis)."""
    if chapter is None:
        return widgets.ClaimWeigher(course.claims, course.events, book=book, key="all-claim-weights", by_factor=True)
    return widgets.ClaimWeigher(course.claims.query("chapter == @chapter"), course.events, book=book)


def show_items(items: list[w.Widget]) -> None:
    """Display items one after another, separated by a rule."""
    for i, item in enumerate(items):
        if i:
            display(HTML("<hr>"))
        display(item)


def _citations(source_ids, course: data.CourseData) -> str:
    return "; ".join(sources.citation_text(course.sources.loc[s]) for s in source_ids)


THREAT_OPTIONS = [("real", "real"), ("perceived", "perceived"), ("contrived", "contrived"), ("mixed", "mixed")]


def threat_sorter(course: data.CourseData, book: AnswerBook | None = None) -> widgets.Sorter:
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
        "Is this threat real, perceived or contrived?",
        "Classify each threat; once you have, the sources' and the scholars' readings appear beside yours.",
        THREAT_OPTIONS, items, reference_name="the scholarship", book=book, key="threat-sorter")


LEDGER_OPTIONS = [(str(n), label) for n, label in
                  enumerate(["not at all", "a little", "somewhat", "a lot", "decisively"], start=1)]


def cynicism_ledger(course: data.CourseData, book: AnswerBook | None = None) -> widgets.Sorter:
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
        "How far does this case feed Russian cynicism about international law?",
        "Rate each case; then compare how each government framed it, what the legal record shows and what the sources say.",
        LEDGER_OPTIONS, items, reference_name="", book=book, key="cynicism-ledger")


ACTOR_NAMES = {"us-congress": "US Congress", "us-executive-agencies": "US executive agencies",
               "ru-security-bloc": "Kremlin security bloc", "ru-economic-bloc": "Kremlin economic bloc"}
REACTION_OPTIONS = [(r, r) for r in data.REACTIONS]


def reaction_predictor(course: data.CourseData, book: AnswerBook | None = None) -> widgets.Sorter:
    """Institutional reactions: predict how each side's institutions would meet a proposed deal."""
    items = []
    for r in course.reactions.itertuples():
        items.append({
            "id": r.reaction_id, "group": f"Proposal: {r.proposal}", "title": ACTOR_NAMES[r.actor], "body": "",
            "reference": r.expected_reaction,
            "reveal": [["Basis", r.basis], ["Read", _citations(r.sources, course)]],
        })
    return widgets.Sorter(
        "How would it react?",
        "For each proposal, predict each institution's reaction; the expected reaction and its basis then appear.",
        REACTION_OPTIONS, items, reference_name="the expected reaction (weigh its basis below)", book=book,
        key="institution-reactions")


def sourcing_item(course: data.CourseData, book: AnswerBook | None = None) -> widgets.MatchItem:
    """Sourcing: match the opening of each source document, shown without its source, to its genre."""
    seeds = course.sources.query("kind == 'seed'")
    openings = course.excerpts.query("chapter == 'sources'")
    statements = {e.excerpt_id: sources.excerpt_card(e.excerpt_id, course).html(check=False, claim=False,
                                                                                  attribution=False)
                  for e in openings.itertuples()}
    return widgets.MatchItem(
        keys.SOURCING_KEY, "<p>For each opening passage, choose what kind of text it comes from.</p>", statements,
        dict(zip(seeds["source_id"], seeds["genre"])), keys.sourcing_answers(course),
        {e.excerpt_id: course.sources.loc[e.source_id, "trust_note"] for e in openings.itertuples()}, book=book)
