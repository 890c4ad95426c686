"""The instructor's class report: ``python -m usrussia summarize SUBMISSIONS...``.

Reads the students' exported answers files (``answers-<name>.json``, or folders holding them) and
writes one HTML report with plotly charts: for each objective item, the share of students who got
it right; for each claim, how the students weighed it; and the spread of the students' verdicts
between personal diplomacy and structural factors. A file that cannot be read, is not a submission
of this course, or repeats a student already read is reported by name and skipped.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from tqdm import tqdm

from . import course as manifest
from . import data, keys, scoring
from .answers import AnswersFileError, read_answers, slug
from .scoring import THESIS_LABELS, thesis_balance

WEIGHTS = range(len(scoring.WEIGHT_LABELS))  # the claim weigher's scale, 0-4, in the words students see
SYNTHESIS_WEIGHTS = "all-claim-weights"  # the synthesis exercise weighs every claim
CHAPTER_WEIGHTS = "claim-weights"


@dataclass(frozen=True)
class Submission:
    """One student's exported answers."""

    path: Path
    student: str
    exercises: dict
    exported: str = ""  # ISO date of the export


@dataclass(frozen=True)
class Skipped:
    """A file left out of the report, and why."""

    path: Path
    reason: str


def submission_files(paths: list[Path | str]) -> list[Path]:
    """The JSON files named or inside the folders named (not recursive), each once, in order."""
    files: list[Path] = []
    for path in map(Path, paths):
        found = sorted(path.glob("*.json")) if path.is_dir() else [path]
        files += [f for f in found if f not in files]
    return files


def read_submission(path: Path) -> Submission:
    """One submission, checked by the answers file's one reader (``answers.read_answers``, against its
    schema); ValueError saying what is wrong with it otherwise."""
    try:
        content = read_answers(path)
    except AnswersFileError as err:
        raise ValueError(str(err)) from None
    student = content["student"].strip()
    if not student:
        raise ValueError("no student name (exported before a name was entered?)")
    return Submission(path, student, content["exercises"], content.get("exported", ""))


def read_submissions(paths: list[Path | str], progress: bool = False) -> tuple[list[Submission], list[Skipped]]:
    """Every readable submission, one per student, and the files skipped.

    Of two files from the same student the later export is kept (on the same date, the first file read).
    """
    kept: dict[str, Submission] = {}
    skipped = []
    for path in tqdm(submission_files(paths), desc="Reading submissions", unit="file", disable=not progress):
        try:
            submission = read_submission(path)
        except ValueError as err:
            skipped.append(Skipped(path, str(err)))
            continue
        student = slug(submission.student)
        earlier = kept.get(student)
        if earlier is None:
            kept[student] = submission
            continue
        newer, older = (submission, earlier) if submission.exported > earlier.exported else (earlier, submission)
        kept[student] = newer
        skipped.append(Skipped(older.path, f"duplicate: {older.student} also submitted {newer.path.name}"
                                           f" (exported {newer.exported or 'on an unknown date'}), which is used"))
    return list(kept.values()), skipped


def _answers_to(key: keys.Key, submission: Submission):
    """The student's answer to one objective item, wherever in their exercises it was saved."""
    for answers in submission.exercises.values():
        given = key.given(answers)
        if given is not None:
            return given
    return None


def item_scores(course: data.CourseData, submissions: list[Submission]) -> pd.DataFrame:
    """Per objective item: how many students answered it, how many got it right, the share right."""
    rows = []
    for key in keys.all_keys(course):
        given = [_answers_to(key, s) for s in submissions]
        answered = [g for g in given if g is not None]
        correct = sum(key.is_correct(g) for g in answered)
        rows.append({"item": key.item_id, "chapter": key.chapter, "kind": key.kind, "answered": len(answered),
                     "correct": correct, "share_correct": correct / len(answered) if answered else None})
    return pd.DataFrame(rows)


def student_weights(submission: Submission, known: set[str]) -> dict[str, int]:
    """A student's weight for each claim: from the synthesis where they weighed it there (their last
    word), otherwise from the chapter exercise."""
    weights: dict[str, int] = {}
    chapter_first = sorted(submission.exercises.items(), key=lambda item: SYNTHESIS_WEIGHTS in item[1])
    for _exercise, answers in chapter_first:
        for name in (CHAPTER_WEIGHTS, SYNTHESIS_WEIGHTS):
            saved = answers.get(name)
            if isinstance(saved, dict) and isinstance(saved.get("weights"), dict):
                weights.update({c: int(v) for c, v in saved["weights"].items()
                                if c in known and isinstance(v, int) and v in WEIGHTS})
    return weights


def claim_weights(course: data.CourseData, submissions: list[Submission]) -> pd.DataFrame:
    """Per claim: how many students gave each weight 0-4, how many weighed it, and the mean weight."""
    known = set(course.claims["claim_id"])
    counts = {claim: Counter() for claim in course.claims["claim_id"]}
    for submission in submissions:
        for claim, weight in student_weights(submission, known).items():
            counts[claim][weight] += 1
    rows = []
    for claim in course.claims.itertuples():
        count = counts[claim.claim_id]
        weighed = sum(count.values())
        row = {"claim": claim.claim_id, "chapter": claim.chapter, "thesis": claim.thesis, "weighed": weighed,
               "mean": sum(w * n for w, n in count.items()) / weighed if weighed else None}
        row.update({f"w{w}": count[w] for w in WEIGHTS})
        rows.append(row)
    return pd.DataFrame(rows)


def claims_shown(course: data.CourseData, submission: Submission) -> set[str]:
    """The claims the student's weighers showed them: every claim once they reached the synthesis,
    otherwise the claims of each chapter whose exercise they weighed in."""
    shown: set[str] = set()
    for exercise, answers in submission.exercises.items():
        if isinstance(answers.get(SYNTHESIS_WEIGHTS), dict):
            return set(course.claims["claim_id"])
        if isinstance(answers.get(CHAPTER_WEIGHTS), dict):
            try:
                chapter = manifest.exercise(exercise).chapter
            except KeyError:
                continue  # an exercise this version of the course does not have
            shown |= set(course.claims.loc[course.claims["chapter"] == chapter, "claim_id"])
    return shown


def verdicts(course: data.CourseData, submissions: list[Submission]) -> pd.DataFrame:
    """Per student who weighed any claim: the balance their weigher showed them between the theses
    (``scoring.thesis_balance`` over the claims they were shown), and the spread (structural minus
    personal: +1 all structural, -1 all personal)."""
    theses = dict(zip(course.claims["claim_id"], course.claims["thesis"]))
    rows = []
    for submission in submissions:
        weights = student_weights(submission, set(theses))
        if not any(weights.values()):
            continue
        shown = claims_shown(course, submission) | set(weights)
        balance = thesis_balance({c: t for c, t in theses.items() if c in shown}, weights)
        rows.append({"student": submission.student, **balance, "spread": balance["structural"] - balance["personal"]})
    return pd.DataFrame(rows, columns=["student", *THESIS_LABELS, "spread"])


# --- the report ------------------------------------------------------------------------------

def _items_chart(scores: pd.DataFrame) -> go.Figure:
    shown = scores.dropna(subset=["share_correct"])
    figure = go.Figure(go.Bar(
        x=shown["share_correct"] * 100, y=shown["item"], orientation="h",
        customdata=shown[["correct", "answered"]], marker_color="#0072B2",
        hovertemplate="%{y}: %{customdata[0]} of %{customdata[1]} right<extra></extra>"))
    figure.update_layout(title="Share of students right, per objective item", height=160 + 22 * len(shown),
                         xaxis={"title": "% of those who answered", "range": [0, 100]},
                         yaxis={"autorange": "reversed"}, margin={"l": 10})
    return figure


def _weights_chart(weights: pd.DataFrame) -> go.Figure:
    colours = ["#d9d9d9", "#c6dbef", "#6baed6", "#2171b5", "#08306b"]
    labels = [f"{w} {label}" for w, label in enumerate(scoring.WEIGHT_LABELS)]
    figure = go.Figure([go.Bar(name=label, x=weights[f"w{w}"], y=weights["claim"], orientation="h",
                               marker_color=colour, hovertemplate=f"%{{y}}: %{{x}} students gave {w}<extra></extra>")
                        for w, label, colour in zip(WEIGHTS, labels, colours)])
    figure.update_layout(barmode="stack", title="How the class weighed each claim", height=180 + 22 * len(weights),
                         xaxis={"title": "students"}, yaxis={"autorange": "reversed"},
                         legend={"orientation": "h", "y": -0.08, "title": {"text": "weight"}}, margin={"l": 10})
    return figure


def _spread_chart(table: pd.DataFrame) -> go.Figure:
    figure = go.Figure(go.Histogram(x=table["spread"], xbins={"start": -1, "end": 1.0001, "size": 0.2},
                                    marker_color="#D55E00", hovertemplate="%{y} students<extra></extra>"))
    figure.update_layout(title="Where the students' weights put the balance", height=360, bargap=0.05,
                         xaxis={"title": "structural share minus personal share (−1 all personal, +1 all structural)",
                                "range": [-1, 1]},
                         yaxis={"title": "students"})
    return figure


def _table_html(frame: pd.DataFrame, percent: tuple[str, ...] = (), decimals: tuple[str, ...] = ()) -> str:
    shown = frame.copy()
    for column in percent:
        shown[column] = shown[column].map(lambda v: "—" if pd.isna(v) else f"{v:.0%}")
    for column in decimals:
        shown[column] = shown[column].map(lambda v: "—" if pd.isna(v) else f"{v:.2f}")
    return shown.to_html(index=False, escape=True, border=0, classes="report")


STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table.report{border-collapse:collapse;font-size:.9rem}table.report td,table.report th{padding:.2rem .6rem;
border-bottom:1px solid #ddd;text-align:left}.skipped{color:#a00}"""


def report_html(course: data.CourseData, submissions: list[Submission], skipped: list[Skipped]) -> str:
    """The whole report as one self-contained HTML page (plotly.js included once, so it works offline)."""
    scores, weights, table = (item_scores(course, submissions), claim_weights(course, submissions),
                              verdicts(course, submissions))
    names = ", ".join(escape(s.student) for s in sorted(submissions, key=lambda s: s.student))
    skipped_html = "".join(f"<li><code>{escape(s.path.name)}</code>: {escape(s.reason)}</li>" for s in skipped)
    charts = [_items_chart(scores), _weights_chart(weights)] + ([_spread_chart(table)] if len(table) else [])
    chart_html = [chart.to_html(full_html=False, include_plotlyjs=(i == 0), config={"displaylogo": False},
                                div_id=f"chart-{i}") for i, chart in enumerate(charts)]
    lean = table.apply(lambda row: scoring.lean(row), axis=1) if len(table) else pd.Series(dtype=str)
    parts = [
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Class summary</title>"
        f"<style>{STYLE}</style></head><body>",
        "<h1>Class summary: Personalities or Structures?</h1>",
        f"<p>{len(submissions)} submission(s) summarized: {names or 'none'}.</p>",
        f"<h2>Files skipped ({len(skipped)})</h2>"
        + (f"<ul class='skipped'>{skipped_html}</ul>" if skipped else "<p>None.</p>"),
        "<h2>Objective items</h2>", chart_html[0], _table_html(scores, percent=("share_correct",)),
        "<h2>Claims</h2>", chart_html[1], _table_html(weights, decimals=("mean",)),
        "<h2>Personal or structural?</h2>",
        f"<p>{len(table)} student(s) weighed claims: {sum(lean == 'structural')} lean structural, "
        f"{sum(lean == 'personal')} lean personal, {sum(lean == 'level')} put the two roughly level "
        f"(within {scoring.LEVEL_GAP}). Mean spread: "
        + (f"{table['spread'].mean():+.2f}" if len(table) else "—") + ".</p>",
        *chart_html[2:], _table_html(table, decimals=(*THESIS_LABELS, "spread")),
        "</body></html>",
    ]
    return "\n".join(parts)


def summarize(paths: list[Path | str], output: Path | str,
              progress: bool = True) -> tuple[list[Submission], list[Skipped]]:
    """Read the submissions, write the report to ``output``; return what was read and what was skipped."""
    submissions, skipped = read_submissions(paths, progress=progress)
    Path(output).write_text(report_html(data.load(), submissions, skipped), encoding="utf-8")
    return submissions, skipped
