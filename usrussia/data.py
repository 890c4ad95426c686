"""Load the course's data tables from ``data/`` (and ``references.bib`` beside it) and validate them.

Each table has a pandera schema (one column check per rule) and the tables are then checked
against each other: the references between them are declared in ``REFERENCES`` (an excerpt's source
is a seed document, a claim's excerpts exist, ...), the rules within a row in ``ROW_RULES``. Each
table is read and validated once, by ``load`` (or ``validate``, which only reports). Every problem is
reported as ``file:row: column: what is wrong``, all of them at once; ``row`` is the line number
in the CSV file (the header is line 1), or the line where the entry starts in ``references.bib``.

``references.bib`` is the one source of each work's title, authors, publisher, date and address:
``sources.csv`` holds what the course adds (kind, genre, file, trust note), and the typed ``sources``
table that ``load`` returns carries both, joined by key (``usrussia.bibliography`` reads the .bib).
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from . import bibliography

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

CHAPTERS = (
    "personal-diplomacy",
    "security",
    "threat-perception",
    "risk",
    "cynicism",
    "institutions",
    "synthesis",
    "sources",  # the source-evaluation exercise
)
SOURCE_KINDS = ("seed", "record", "scholarship", "reporting")
VERDICTS = ("supported", "interpretation", "disputed", "misleading", "outdated", "false")
#: Verdicts that must carry a fact-check note and the sources behind it.
VERDICTS_NEEDING_NOTE = ("disputed", "misleading", "outdated", "false")
EVENT_CATEGORIES = (
    "us-president",
    "ru-president",
    "reset",
    "crisis",
    "nato-enlargement",
    "force-posture",
    "arms-control",
    "sanctions",
    "escalation-signal",
    "incident",
    "accountability",
    "framework",
    "context",
)
PHASES = ("euphoria", "pragmatism", "disillusionment", "crisis", "reset")
THESES = ("personal", "structural", "other")
QUESTION_KINDS = ("thesis", "problem")
THREAT_VIEWS = ("real", "perceived", "contrived", "mixed", "contested")
ACTORS = ("us-congress", "us-executive-agencies", "ru-security-bloc", "ru-economic-bloc")
REACTIONS = ("support", "oppose", "constrain", "divided", "unclear")
FACTORS = (
    "personal-rapport",
    "leader-psychology",
    "security",
    "threat-perception",
    "risk",
    "cynicism",
    "us-institutions",
    "kremlin-elite",
    "balance-of-power",
    "western-conduct",
)

SLUG = r"^[a-z0-9][a-z0-9-]*$"
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


# --- column rules ---------------------------------------------------------------------------

def _is_iso_date(value: str) -> bool:
    """True for a real calendar date written YYYY, YYYY-MM or YYYY-MM-DD."""
    if not pd.Series([value]).str.fullmatch(ISO_DATE).iloc[0]:
        return False
    try:
        pd.Timestamp(value)
    except ValueError:
        return False
    return True


def _slug():
    return pa.Check.str_matches(SLUG, error="must be a lowercase id (letters, digits, hyphens)")


def _required():
    return pa.Check(lambda s: s.str.strip().str.len() > 0, error="is empty")


def _one_of(values):
    return pa.Check.isin(values, error="must be one of: " + ", ".join(values))


def _iso_date(optional=False):
    def check(value: str) -> bool:
        return (optional and value == "") or _is_iso_date(value)

    return pa.Check(check, element_wise=True, error="must be a date written YYYY, YYYY-MM or YYYY-MM-DD")


def _id_list(optional=True):
    def check(value: str) -> bool:
        if value == "":
            return optional
        return all(pd.Series(value.split(";")).str.fullmatch(SLUG[1:-1]))

    return pa.Check(check, element_wise=True, error="must be ids separated by ';' (no spaces)")


def _name_list(optional=True):
    def check(value: str) -> bool:
        if value == "":
            return optional
        return all(part.strip() and part == part.strip() for part in value.split(";"))

    return pa.Check(check, element_wise=True, error="must be names separated by ';'")


def _whole_number():
    return pa.Check.str_matches(r"^[0-9]+$", error="must be a whole number")


def _level():
    return pa.Check(lambda v: v == "" or v in {"0", "1", "2", "3", "4", "5"}, element_wise=True,
                    error="must be a whole number from 0 to 5, or empty")


def _col(*checks):
    return pa.Column(str, checks=list(checks), nullable=False)


def _schema(columns: dict, key: str) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(columns, strict=True, ordered=False, unique=[key], report_duplicates="all")


@dataclass(frozen=True)
class TableSpec:
    """How one CSV file is read, checked and typed."""

    file: str
    key: str
    schema: pa.DataFrameSchema
    list_columns: tuple = ()
    date_columns: tuple = ()
    folder: str = "."  # where the file is, relative to the data folder


def table_path(spec: TableSpec, data_dir: Path | str | None = None) -> Path:
    """The file a table is read from."""
    return (Path(data_dir or DATA_DIR) / spec.folder / spec.file).resolve()


TABLES: dict[str, TableSpec] = {
    "sources": TableSpec(
        "sources.csv",
        "source_id",
        _schema({
            "source_id": _col(_required(), _slug()),
            "kind": _col(_one_of(SOURCE_KINDS)),
            "genre": _col(_required()),
            "file": _col(),
            "trust_note": _col(),
        }, "source_id"),
    ),
    # the bibliography, one row per entry: what a card cites, as the bibliography page prints it
    "bibliography": TableSpec(
        "references.bib",
        "key",
        _schema({
            "key": _col(_required(), _slug()),
            "title": _col(_required()),
            "author": _col(_required()),
            "publisher": _col(),  # empty where the entry names none (a treaty, a draft)
            "date": _col(_iso_date(optional=True)),  # empty for an undated work
            "url": _col(pa.Check(lambda v: v == "" or v.startswith("https://"), element_wise=True,
                                 error="must be empty or start with https://")),
        }, "key"),
        folder="..",
    ),
    "excerpts": TableSpec(
        "excerpts.csv",
        "excerpt_id",
        _schema({
            "excerpt_id": _col(_required(), _slug()),
            "source_id": _col(_required(), _slug()),
            "chapter": _col(_one_of(CHAPTERS)),
            "text": _col(_required()),
            "claim": _col(_required()),
            "verdict": _col(_one_of(VERDICTS)),
            "note": _col(),
            "note_sources": _col(_id_list()),
        }, "excerpt_id"),
        list_columns=("note_sources",),
    ),
    "events": TableSpec(
        "events.csv",
        "event_id",
        _schema({
            "event_id": _col(_required(), _slug()),
            "date": _col(_iso_date()),
            "end_date": _col(_iso_date(optional=True)),
            "category": _col(_one_of(EVENT_CATEGORIES)),
            "title": _col(_required(), pa.Check.str_length(max_value=70, error="is longer than 70 characters")),
            "description": _col(_required()),
            "level": _col(_level()),
            "source": _col(_required()),
        }, "event_id"),
        date_columns=("date", "end_date"),
    ),
    "phases": TableSpec(
        "phases.csv",
        "phase_id",
        _schema({
            "phase_id": _col(_required(), _slug()),
            "start": _col(_iso_date()),
            "end": _col(_iso_date()),
            "phase": _col(_one_of(PHASES)),
            "label": _col(_required()),
            "anchors": _col(_required()),
            "basis": _col(_required()),
        }, "phase_id"),
        date_columns=("start", "end"),
    ),
    "resets": TableSpec(
        "resets.csv",
        "reset_id",
        _schema({
            "reset_id": _col(_required(), _slug()),
            "us_president": _col(_required()),
            "russian_president": _col(_required()),
            "label": _col(_required()),
            "start_event": _col(_required(), _slug()),
            "end_event": _col(_required(), _slug()),
            "began": _col(_required()),
            "ended": _col(_required()),
            "sources": _col(_id_list(optional=False)),
        }, "reset_id"),
        list_columns=("sources",),
    ),
    "claims": TableSpec(
        "claims.csv",
        "claim_id",
        _schema({
            "claim_id": _col(_required(), _slug()),
            "chapter": _col(_one_of(CHAPTERS)),
            "thesis": _col(_one_of(THESES)),
            "factor": _col(_one_of(FACTORS)),
            "text": _col(_required()),
            "source_ids": _col(_id_list(optional=False)),
            "excerpt_ids": _col(_id_list()),  # empty for a claim from scholarship we do not quote
            "evidence_for": _col(_id_list()),
            "evidence_against": _col(_id_list()),
        }, "claim_id"),
        list_columns=("source_ids", "excerpt_ids", "evidence_for", "evidence_against"),
    ),
    "nato": TableSpec(
        "nato.csv",
        "date",
        _schema({
            "date": _col(_iso_date()),  # the first row: NATO's members when the USSR dissolved
            "joined": _col(_name_list(optional=False)),
            "members_after": _col(_whole_number()),
            "bordering_russia": _col(_name_list()),  # the joining states that border Russia or Belarus
            "source": _col(_required()),
        }, "date"),
        list_columns=("joined", "bordering_russia"),
        date_columns=("date",),
    ),
    "threats": TableSpec(
        "threats.csv",
        "threat_id",
        _schema({
            "threat_id": _col(_required(), _slug()),
            "threat": _col(_required()),
            "voiced_by": _col(_required()),
            "event_ids": _col(_id_list()),
            "source_view": _col(_one_of(THREAT_VIEWS)),
            "source_reason": _col(_required()),
            "source_ids": _col(_id_list(optional=False)),
            "scholarly_view": _col(_one_of(THREAT_VIEWS)),
            "scholarly_reason": _col(_required()),
            "scholarly_sources": _col(_id_list(optional=False)),
        }, "threat_id"),
        list_columns=("event_ids", "source_ids", "scholarly_sources"),
    ),
    "legal_cases": TableSpec(
        "legal_cases.csv",
        "case_id",
        _schema({
            "case_id": _col(_required(), _slug()),
            "name": _col(_required()),
            "year": _col(_iso_date()),
            "event_ids": _col(_id_list()),
            "us_framing": _col(_required()),
            "russia_framing": _col(_required()),
            "legal_record": _col(_required()),
            "source_views": _col(_required()),
            "sources": _col(_id_list(optional=False)),
        }, "case_id"),
        list_columns=("event_ids", "sources"),
    ),
    "risk_cases": TableSpec(
        "risk_cases.csv",
        "case_id",
        _schema({
            "case_id": _col(_required(), _slug()),
            "name": _col(_required()),
            "date": _col(_iso_date()),
            "event_ids": _col(_id_list()),
            "reference_point": _col(_required()),
            "frame": _col(_one_of(("losses", "gains", "contested"))),
            "sure_option": _col(_required()),
            "gamble_option": _col(_required()),
            "prospect_reading": _col(_required()),
            "alternative_reading": _col(_required()),
            "sources": _col(_id_list(optional=False)),
        }, "case_id"),
        list_columns=("event_ids", "sources"),
    ),
    "officeholders": TableSpec(
        "officeholders.csv",
        "post",
        _schema({
            "post": _col(_required()),
            "holder_in_source": _col(_required()),
            "source_id": _col(_required(), _slug()),
            "as_of": _col(_iso_date()),
            "holder_now": _col(_required()),
            "since": _col(_iso_date()),
            "change_note": _col(_required()),
            "sources": _col(_id_list(optional=False)),
        }, "post"),
        list_columns=("sources",),
        date_columns=("as_of", "since"),
    ),
    "reactions": TableSpec(
        "reactions.csv",
        "reaction_id",
        _schema({
            "reaction_id": _col(_required()),
            "proposal_id": _col(_required(), _slug()),
            "proposal": _col(_required()),
            "actor": _col(_one_of(ACTORS)),
            "side": _col(_one_of(("us", "ru"))),
            "expected_reaction": _col(_one_of(REACTIONS)),
            "basis": _col(_required()),
            "sources": _col(_id_list(optional=False)),
        }, "reaction_id"),
        list_columns=("sources",),
    ),
    "questions": TableSpec(
        "questions.csv",
        "question_id",
        _schema({
            "question_id": _col(_required(), _slug()),
            "chapter": _col(_one_of(CHAPTERS)),
            "kind": _col(_one_of(QUESTION_KINDS)),
            "excerpt_id": _col(_required(), _slug()),
            "prompt": _col(_required()),
            "options": _col(),  # for 'problem': the choices, separated by '|'
            "answer": _col(_required()),  # 'thesis': a thesis; 'problem': the number of the right option
            "feedback": _col(_required()),
            "sources": _col(_id_list(optional=False)),
        }, "question_id"),
        list_columns=("sources",),
    ),
}


# --- problems -------------------------------------------------------------------------------

@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one cell (or one file) of the data."""

    file: str
    row: int = 0  # line in the CSV file; 0 when the problem concerns the whole file
    column: str = ""
    message: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        return f"{where}: {self.column}: {self.message}" if self.column else f"{where}: {self.message}"


class DataError(Exception):
    """Raised when the data do not validate; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def _line(index) -> int:
    return int(index) + 2  # header is line 1; no cell may contain a line break (checked)


# --- reading and checking one table ---------------------------------------------------------

def _read_csv(path: Path, spec: TableSpec) -> tuple[pd.DataFrame | None, list[Problem]]:
    if not path.is_file():
        return None, [Problem(spec.file, message=f"file not found in {path.parent.name}/")]
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except (UnicodeDecodeError, csv.Error) as err:
        return None, [Problem(spec.file, message=f"cannot be read as UTF-8 CSV ({err})")]
    if not rows:
        return None, [Problem(spec.file, message="is empty (no header row)")]
    header, body = rows[0], rows[1:]
    problems = []
    width = len(header)
    for number, row in enumerate(body, start=2):
        if len(row) != width:
            problems.append(Problem(spec.file, number, message=f"has {len(row)} fields, the header has {width}"))
        for name, cell in zip(header, row):
            if "\n" in cell or "\r" in cell:
                problems.append(Problem(spec.file, number, name, "contains a line break"))
    if problems:
        return None, problems
    return pd.DataFrame(body, columns=header, dtype=str), []


def _schema_problems(frame: pd.DataFrame, spec: TableSpec) -> list[Problem]:
    try:
        spec.schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    else:
        return []
    problems = []
    for case in cases.itertuples(index=False):
        check, column, value = str(case.check), case.column, case.failure_case
        if check == "column_in_dataframe":
            problems.append(Problem(spec.file, column=str(value), message="column is missing"))
        elif check == "column_in_schema":
            problems.append(Problem(spec.file, column=str(value), message="is not a column of this table"))
        elif check == "multiple_fields_uniqueness" or check.startswith("field_uniqueness"):
            problems.append(Problem(spec.file, _line(case.index), spec.key, f"duplicate id {value!r}"))
        elif case.index is not None and not pd.isna(case.index):
            problems.append(Problem(spec.file, _line(case.index), str(column), f"{check} (found {value!r})"
                                    if value != "" else check))
        else:
            problems.append(Problem(spec.file, column=str(column or ""), message=check))
    return problems


def _read_bib(path: Path, spec: TableSpec) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The bibliography as a table of strings, one row per entry (see ``bibliography.Work``).

    Its index is the entry's line in the file minus 2, so that ``_line`` gives that line, as for a CSV row."""
    if not path.is_file():
        return None, [Problem(spec.file, message=f"file not found in {path.parent.name}/")]
    try:
        works = bibliography.read(path)
    except (bibliography.PybtexError, UnicodeDecodeError) as err:
        return None, [Problem(spec.file, message=f"cannot be read as BibTeX ({err})")]
    columns = list(spec.schema.columns)
    rows = [[getattr(work, column) for column in columns] for work in works.values()]
    return pd.DataFrame(rows, columns=columns, index=[work.line - 2 for work in works.values()], dtype=str), []


def read_table(name: str, data_dir: Path | str | None = None) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read one table as strings and check it against its schema; return it and its problems."""
    spec = TABLES[name]
    reader = _read_bib if spec.file.endswith(".bib") else _read_csv
    frame, problems = reader(table_path(spec, data_dir), spec)
    if frame is None:
        return None, problems
    return frame, _schema_problems(frame, spec)


# --- checks across tables -------------------------------------------------------------------

@dataclass(frozen=True)
class Reference:
    """A column whose values must be ids found in another table.

    ``many``: the cell is a list of ids separated by ';' (an empty cell refers to nothing).
    ``target_column``: the column holding the ids (default: the target table's key).
    ``where``: only the target rows with this (column, value) count, e.g. ``("kind", "seed")``.
    ``noun``: what one target row is called in a message, e.g. "a source".
    """

    table: str
    column: str
    target: str
    noun: str
    many: bool = False
    target_column: str = ""
    where: tuple[str, str] | None = None


#: Every reference from one table to another; each broken one is reported as
#: ``file:row: column: 'id' is not <noun> in <target file>``.
REFERENCES = (
    # every source has its entry in the bibliography, and every entry its row in sources.csv
    Reference("sources", "source_id", "bibliography", "an entry"),
    Reference("bibliography", "key", "sources", "a source"),
    Reference("excerpts", "source_id", "sources", "a seed document", where=("kind", "seed")),
    Reference("excerpts", "note_sources", "sources", "a source", many=True),
    Reference("resets", "start_event", "events", "an event"),
    Reference("resets", "end_event", "events", "an event"),
    Reference("resets", "sources", "sources", "a source", many=True),
    Reference("claims", "source_ids", "sources", "a source", many=True),
    Reference("claims", "excerpt_ids", "excerpts", "an excerpt", many=True),
    Reference("claims", "evidence_for", "events", "an event", many=True),
    Reference("claims", "evidence_against", "events", "an event", many=True),
    Reference("threats", "event_ids", "events", "an event", many=True),
    Reference("threats", "source_ids", "sources", "a source", many=True),
    Reference("threats", "scholarly_sources", "sources", "a source", many=True),
    Reference("legal_cases", "event_ids", "events", "an event", many=True),
    Reference("legal_cases", "sources", "sources", "a source", many=True),
    Reference("risk_cases", "event_ids", "events", "an event", many=True),
    Reference("risk_cases", "sources", "sources", "a source", many=True),
    Reference("officeholders", "source_id", "sources", "a source"),
    Reference("officeholders", "sources", "sources", "a source", many=True),
    Reference("reactions", "sources", "sources", "a source", many=True),
    Reference("questions", "excerpt_id", "excerpts", "an excerpt"),
    Reference("questions", "sources", "sources", "a source", many=True),
)

#: (table, start column, end column): where the end is given, it may not come before the start.
DATE_ORDER = (
    ("events", "date", "end_date"),
    ("phases", "start", "end"),
    ("officeholders", "as_of", "since"),
)


def _reference_problems(raw: dict[str, pd.DataFrame], ref: Reference) -> list[Problem]:
    """Every id in ``ref.column`` that is not in the target; nothing if either table failed to read."""
    if ref.table not in raw or ref.target not in raw:
        return []
    target = raw[ref.target]
    if ref.where:
        target = target[target[ref.where[0]] == ref.where[1]]
    known = set(target[ref.target_column or TABLES[ref.target].key])
    what = f"{ref.noun} in {TABLES[ref.target].file}"
    problems = []
    for index, value in raw[ref.table][ref.column].items():
        for item in (value.split(";") if ref.many else [value]):
            if item and item not in known:
                problems.append(Problem(TABLES[ref.table].file, _line(index), ref.column, f"{item!r} is not {what}"))
    return problems


def _date_order(frame, spec, start, end):
    problems = []
    for index, row in frame.iterrows():
        if row[end] and _is_iso_date(row[start]) and _is_iso_date(row[end]):
            if pd.Timestamp(row[end]) < pd.Timestamp(row[start]):
                problems.append(Problem(spec.file, _line(index), end, f"{row[end]} is before {start} {row[start]}"))
    return problems


def _seed_problems(frame, spec) -> list[Problem]:
    """A seed document needs its file and a trust note."""
    return [Problem(spec.file, _line(index), column, "is empty (required for a seed)")
            for index, row in frame.iterrows() if row["kind"] == "seed"
            for column in ("file", "trust_note") if not row[column].strip()]


def _excerpt_problems(frame, spec) -> list[Problem]:
    """A verdict other than 'supported' or 'interpretation' needs a note, and a note needs its sources."""
    problems = []
    for index, row in frame.iterrows():
        if row["verdict"] in VERDICTS_NEEDING_NOTE and not row["note"].strip():
            problems.append(Problem(spec.file, _line(index), "note",
                                    f"is empty, but a '{row['verdict']}' verdict needs the finding"))
        if row["note"].strip() and not row["note_sources"]:
            problems.append(Problem(spec.file, _line(index), "note_sources",
                                    "is empty, but the note needs its sources"))
    return problems


def _reaction_problems(frame, spec) -> list[Problem]:
    """A reaction's id is 'proposal--actor', and its side is the actor's country."""
    problems = []
    for index, row in frame.iterrows():
        if row["reaction_id"] != f"{row['proposal_id']}--{row['actor']}":
            problems.append(Problem(spec.file, _line(index), "reaction_id",
                                    f"must be '{row['proposal_id']}--{row['actor']}' (proposal--actor)"))
        if not row["actor"].startswith(row["side"] + "-"):
            problems.append(Problem(spec.file, _line(index), "side",
                                    f"{row['side']!r} does not match actor {row['actor']!r}"))
    return problems


def _nato_problems(frame, spec) -> list[Problem]:
    """Each enlargement adds exactly the states it lists; bordering states are among those that joined."""
    problems, previous = [], None
    for index, row in frame.iterrows():
        joined = row["joined"].split(";")
        if previous is not None and row["members_after"].isdigit() and previous.isdigit():
            expected = int(previous) + len(joined)
            if int(row["members_after"]) != expected:
                problems.append(Problem(spec.file, _line(index), "members_after", f"is {row['members_after']}, but "
                                        f"{previous} + {len(joined)} joined = {expected}"))
        for state in filter(None, row["bordering_russia"].split(";")):
            if state not in joined:
                problems.append(Problem(spec.file, _line(index), "bordering_russia",
                                        f"{state!r} is not among 'joined'"))
        previous = row["members_after"]
    return problems


def _question_problems(row) -> list[tuple[str, str]]:
    """What is wrong with one question's options and answer, given its kind."""
    if row["kind"] == "thesis":
        found = [] if row["answer"] in THESES else [("answer", "must be one of: " + ", ".join(THESES))]
        return found + ([("options", "must be empty for a 'thesis' question")] if row["options"] else [])
    if row["kind"] == "problem":
        options = row["options"].split("|")
        if len(options) < 2 or any(not option.strip() for option in options):
            return [("options", "needs two or more non-empty choices separated by '|'")]
        if not row["answer"].isdigit() or not 1 <= int(row["answer"]) <= len(options):
            return [("answer", f"must be the number of the right option, 1 to {len(options)}")]
    return []


def _questions_problems(frame, spec) -> list[Problem]:
    return [Problem(spec.file, _line(index), column, message)
            for index, row in frame.iterrows() for column, message in _question_problems(row)]


#: Rules that involve more than one column of a row (or one row and the one before it), by table.
ROW_RULES = {
    "sources": _seed_problems,
    "excerpts": _excerpt_problems,
    "reactions": _reaction_problems,
    "nato": _nato_problems,
    "questions": _questions_problems,
}


def _cross_problems(raw: dict[str, pd.DataFrame]) -> list[Problem]:
    """Rules that involve more than one column or table; tables that failed to read are skipped."""
    problems = []
    for ref in REFERENCES:
        problems += _reference_problems(raw, ref)
    for name, start, end in DATE_ORDER:
        if name in raw:
            problems += _date_order(raw[name], TABLES[name], start, end)
    for name, rule in ROW_RULES.items():
        if name in raw:
            problems += rule(raw[name], TABLES[name])
    return problems


def _read_and_check(data_dir: Path) -> tuple[dict[str, pd.DataFrame], list[Problem]]:
    """Every table that read without a problem (as strings), and every problem in every table, sorted."""
    raw, problems = {}, []
    for name in TABLES:
        frame, table_problems = read_table(name, data_dir)
        problems += table_problems
        if frame is not None and not table_problems:
            raw[name] = frame
    return raw, sorted(problems + _cross_problems(raw))


def validate(data_dir: Path | str | None = None) -> list[Problem]:
    """Every problem in every table of ``data_dir`` (the course's data/ by default), sorted."""
    return _read_and_check(Path(data_dir or DATA_DIR))[1]


# --- typed tables for the book --------------------------------------------------------------

def _typed(frame: pd.DataFrame, spec: TableSpec) -> pd.DataFrame:
    frame = frame.copy()
    for column in spec.list_columns:
        frame[column] = frame[column].map(lambda v: v.split(";") if v else [])
    for column in spec.date_columns:
        frame[column + "_ts"] = pd.to_datetime(frame[column].where(frame[column] != ""), format="ISO8601")
    if "members_after" in frame:
        frame["members_after"] = frame["members_after"].astype(int)
    if "level" in frame:
        frame["level"] = pd.to_numeric(frame["level"].where(frame["level"] != "")).astype("Int64")
    return frame.set_index(spec.key, drop=False)


@dataclass(frozen=True)
class CourseData:
    """All tables, validated and typed (id columns are also the index)."""

    sources: pd.DataFrame
    excerpts: pd.DataFrame
    events: pd.DataFrame
    phases: pd.DataFrame
    resets: pd.DataFrame
    claims: pd.DataFrame
    questions: pd.DataFrame
    nato: pd.DataFrame
    threats: pd.DataFrame
    legal_cases: pd.DataFrame
    risk_cases: pd.DataFrame
    officeholders: pd.DataFrame
    reactions: pd.DataFrame
    bibliography: pd.DataFrame
    data_dir: Path = field(default=DATA_DIR)


@functools.lru_cache(maxsize=4)
def _load(data_dir: Path) -> CourseData:
    raw, problems = _read_and_check(data_dir)  # each table is read and validated once
    if problems:
        raise DataError(problems)
    tables = {name: _typed(raw[name], spec) for name, spec in TABLES.items()}
    tables["sources"] = _with_bibliography(tables["sources"], tables["bibliography"])
    return CourseData(data_dir=data_dir, **tables)


#: The columns a source takes from its bibliography entry.
CITED_COLUMNS = ("title", "author", "publisher", "date", "url")


def _with_bibliography(sources: pd.DataFrame, bib: pd.DataFrame) -> pd.DataFrame:
    """sources.csv with each source's title, author, publisher, date and url from references.bib."""
    return sources.join(bib[list(CITED_COLUMNS)])


def load(data_dir: Path | str | None = None) -> CourseData:
    """Load and validate every table; raise DataError listing every problem if any."""
    return _load(Path(data_dir or DATA_DIR).resolve())


def reset_spans(course: CourseData) -> pd.DataFrame:
    """Each reset with the dates of the event that began it and the one that ended it, earliest first."""
    resets = course.resets.copy()
    resets["start"] = resets["start_event"].map(course.events["date_ts"])
    resets["end"] = resets["end_event"].map(course.events["date_ts"])
    resets["start_title"] = resets["start_event"].map(course.events["title"])
    resets["end_title"] = resets["end_event"].map(course.events["title"])
    resets["months"] = ((resets["end"] - resets["start"]).dt.days / 30.44).round().astype(int)
    return resets.sort_values("start").reset_index(drop=True)
