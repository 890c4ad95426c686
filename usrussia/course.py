"""The course manifest: every exercise, its notebook, its readings and what each of its parts shows.

This is the one place that says what an exercise asks. The exercise notebooks display it
(``exercises.start(...).part(n)``), the answers export lists what is unfinished from it, the
instructor summary and the answer keys use its item keys, the instructor guide prints its key from
it, and the tests check the notebooks' headings against it.

A part shows *pieces*: an objective item set (``order``, ``thesis``, ``problems``, ``sourcing``), a
claim weigher (``weigh``, ``weigh-all``), a sorter (``threat-sorter``, ``cynicism-ledger``,
``reactions``), a figure or lab students explore (``nato-figure``, ``prospect-lab``,
``officeholders``), or a ``written`` answer with its key, prompt and word range.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTES = "<p>Your notes on the questions above.</p>"
ARGUMENT = "<p>Write your argument here. It is saved as you type.</p>"


@dataclass(frozen=True)
class Piece:
    """One thing a part shows; ``key``, ``prompt`` and ``words`` for a written answer, ``ids`` for a
    set of factual-problem questions chosen by id (by default, the chapter's)."""

    kind: str
    key: str = ""
    prompt: str = ""
    words: tuple[int, int] = (0, 0)
    ids: tuple[str, ...] = ()


def written(key: str, prompt: str, words: tuple[int, int]) -> Piece:
    return Piece("written", key=key, prompt=prompt, words=words)


@dataclass(frozen=True)
class Part:
    title: str  # as the notebook's "## " heading gives it
    pieces: tuple[Piece, ...]


@dataclass(frozen=True)
class Exercise:
    id: str  # the notebook's stem and the section of the answers file
    chapter: str  # the chapter slug of the data ("sources" for the source-evaluation exercise)
    title: str  # as the notebook's "# " heading gives it
    readings: tuple[str, ...]
    parts: tuple[Part, ...] = field(default=())

    @property
    def notebook(self) -> Path:
        return ROOT / "exercises" / f"{self.id}.ipynb"

    @property
    def chapter_doc(self) -> str:
        """The chapter page this exercise goes with ('' for the source-evaluation exercise)."""
        return f"chapters/{self.id}" if self.chapter != "sources" else ""


def _chapter_parts(first: tuple[Part, ...]) -> tuple[Part, ...]:
    """``first``, then the parts every chapter exercise ends with, numbered after it."""
    n = len(first) + 1
    return first + (
        Part(f"Part {n}. Which thesis?", (Piece("thesis"),)),
        Part(f"Part {n + 1}. Spot the factual problem", (Piece("problems"),)),
        Part(f"Part {n + 2}. Weigh the claims", (Piece("weigh"),)),
        Part(f"Part {n + 3}. Your argument", (written("argument", ARGUMENT, (250, 400)),)),
    )


EXERCISES: tuple[Exercise, ...] = (
    Exercise("01-personal-diplomacy", "personal-diplomacy", "Exercise 1: Personal diplomacy and the resets",
             ("washingtonmorning-chemistry", "lansing-politburo-brake", "factually-rhetoric-vs-policy"),
             _chapter_parts((Part("Part 1. Order the resets", (Piece("order"),)),))),
    Exercise("02-security", "security", "Exercise 2: Russia's definition of security",
             ("hamilton-vassal-or-adversary", "hamilton-no-forces-until-2014", "commentoutlook-gorbachev-promises"),
             _chapter_parts((Part("Part 1. The NATO paradox",
                                  (Piece("nato-figure"), written("widget-notes-1", NOTES, (60, 250)))),))),
    Exercise("03-threat-perception", "threat-perception", "Exercise 3: Threat perception: real, perceived, contrived",
             ("hamilton-dismiss-as-contrived", "lansing-enemy-narrative", "commentoutlook-orange-cia-ned"),
             _chapter_parts((Part("Part 1. The threat sorter",
                                  (Piece("threat-sorter"), written("widget-notes-1", NOTES, (60, 250)))),))),
    Exercise("04-risk", "risk", "Exercise 4: Risk tolerance and prospect theory",
             ("hamilton-gamblers", "hamilton-even-playing-field", "commentoutlook-fist-down"),
             _chapter_parts((Part("Part 1. The prospect-theory lab",
                                  (Piece("prospect-lab"), written("widget-notes-1", NOTES, (60, 250)))),))),
    Exercise("05-cynicism", "cynicism", "Exercise 5: Cynicism about laws, norms and institutions",
             ("hamilton-cynicism-kremlin-view", "commentoutlook-libya-regime-change", "lansing-hypocrisy-frame"),
             _chapter_parts((Part("Part 1. The cynicism ledger",
                                  (Piece("cynicism-ledger"), written("widget-notes-1", NOTES, (60, 250)))),))),
    Exercise("06-institutions", "institutions", "Exercise 6: Institutions on both sides",
             ("hamilton-codified", "lansing-consensus-culture", "hamilton-unilateral-concessions"),
             _chapter_parts((Part('Part 1. Office-holders "as of" their date',
                                  (Piece("officeholders"), written("widget-notes-1", NOTES, (60, 250)))),
                             Part("Part 2. Institutional reactions",
                                  (Piece("reactions"), written("widget-notes-2", NOTES, (60, 250))))))),
    Exercise("07-synthesis", "synthesis", "Exercise 7: Your verdict",
             ("hamilton-every-president", "hamilton-medvedev-no-veto", "factually-personal-chemistry"),
             (Part("Part 1. Weigh every claim", (Piece("weigh-all"),)),
              Part("Part 2. Argue the other side",
                   (written("other-side", "<p>The strongest case for the thesis your weights reject.</p>",
                            (150, 250)),)),
              Part("Part 3. Advise the president",
                   (written("memo", "<p>Your memo. It is saved as you type.</p>", (400, 600)),)))),
    Exercise("sources-evaluation", "sources", "Exercise: Evaluating the sources", (),
             (Part("Part 1. Sourcing: what kind of text is this?", (Piece("sourcing"),)),
              Part("Part 2. Trace claims to the record",
                   (Piece("problems", ids=("problem-commentoutlook-mh17", "problem-commentoutlook-orange",
                                           "problem-hamilton-no-forces", "problem-lansing-surkov")),)),
              Part("Part 3. Investigate the source and find better coverage",
                   (written("lateral-reading", "<p>Your investigation. It is saved as you type.</p>", (150, 250)),)))),
)


def exercise(exercise_id: str) -> Exercise:
    """The exercise of that id; KeyError naming the known ids otherwise."""
    for candidate in EXERCISES:
        if candidate.id == exercise_id:
            return candidate
    raise KeyError(f"no exercise {exercise_id!r}; the course has {', '.join(e.id for e in EXERCISES)}")


def exercise_of_chapter(chapter: str) -> Exercise | None:
    """The exercise that goes with a chapter slug of the data, if any."""
    return next((e for e in EXERCISES if e.chapter == chapter), None)
