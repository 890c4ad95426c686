"""The data tables: the real ones validate, and each kind of damage is reported clearly."""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from usrussia import data
from usrussia.__main__ import main


def edit(folder: Path, file: str, row: int, column: str, value: str) -> None:
    """Set one cell of a CSV file; ``row`` counts data rows from 0."""
    path = folder / file
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys())
    rows[row][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def messages(folder: Path) -> list[str]:
    return [str(p) for p in data.validate(folder)]


def test_real_data_validates_and_loads():
    assert data.validate() == []
    course = data.load()
    assert len(course.events) > 100
    assert set(course.excerpts["chapter"]) <= set(data.CHAPTERS)
    assert course.events["date_ts"].notna().all()


def test_every_row_names_its_source():
    course = data.load()
    assert (course.events["source"].str.strip() != "").all()
    assert (course.excerpts["source_id"].isin(course.sources.index)).all()
    assert all(course.resets["sources"].map(len) > 0)


@pytest.mark.parametrize("file, column, value, expected", [
    ("events.csv", "date", "2014-02-30",
     "events.csv:2: date: must be a date written YYYY, YYYY-MM or YYYY-MM-DD (found '2014-02-30')"),
    ("events.csv", "date", "17 July 2014",
     "events.csv:2: date: must be a date written YYYY, YYYY-MM or YYYY-MM-DD (found '17 July 2014')"),
    ("events.csv", "category", "war", "events.csv:2: category: must be one of: "),
    ("events.csv", "title", "", "events.csv:2: title: is empty"),
    ("events.csv", "source", "  ", "events.csv:2: source: is empty"),
    ("excerpts.csv", "text", "", "excerpts.csv:2: text: is empty"),
    ("excerpts.csv", "chapter", "economics", "excerpts.csv:2: chapter: must be one of: personal-diplomacy"),
    ("excerpts.csv", "source_id", "nobody2025",
     "excerpts.csv:2: source_id: 'nobody2025' is not a seed document in sources.csv"),
    ("excerpts.csv", "note_sources", "hamilton2025;ghost",
     "excerpts.csv:2: note_sources: 'ghost' is not a source in sources.csv"),
    ("excerpts.csv", "excerpt_id", "Bad Id", "excerpts.csv:2: excerpt_id: must be a lowercase id"),
    ("claims.csv", "excerpt_ids", "no-such-excerpt",
     "claims.csv:2: excerpt_ids: 'no-such-excerpt' is not an excerpt in excerpts.csv"),
    ("claims.csv", "evidence_for", "no-such-event",
     "claims.csv:2: evidence_for: 'no-such-event' is not an event in events.csv"),
    ("claims.csv", "thesis", "both", "claims.csv:2: thesis: must be one of: personal, structural, other"),
    ("resets.csv", "end_event", "no-such-event",
     "resets.csv:2: end_event: 'no-such-event' is not an event in events.csv"),
    ("sources.csv", "kind", "blog", "sources.csv:2: kind: must be one of: seed, record, scholarship, reporting"),
    ("questions.csv", "excerpt_id", "gone", "questions.csv:2: excerpt_id: 'gone' is not an excerpt in excerpts.csv"),
    ("questions.csv", "answer", "both", "questions.csv:2: answer: must be one of: personal, structural, other"),
    ("questions.csv", "kind", "essay", "questions.csv:2: kind: must be one of: thesis, problem"),
    ("nato.csv", "members_after", "many", "nato.csv:2: members_after: must be a whole number"),
    ("threats.csv", "scholarly_view", "obvious", "threats.csv:2: scholarly_view: must be one of: real, perceived"),
    ("threats.csv", "event_ids", "no-such-event",
     "threats.csv:2: event_ids: 'no-such-event' is not an event in events.csv"),
    ("threats.csv", "scholarly_sources", "", "threats.csv:2: scholarly_sources: must be ids separated by ';'"),
    ("legal_cases.csv", "year", "late 1990s", "legal_cases.csv:2: year: must be a date written"),
    ("legal_cases.csv", "sources", "ghost", "legal_cases.csv:2: sources: 'ghost' is not a source in sources.csv"),
    ("legal_cases.csv", "legal_record", "", "legal_cases.csv:2: legal_record: is empty"),
    ("officeholders.csv", "since", "yesterday", "officeholders.csv:2: since: must be a date written"),
    ("officeholders.csv", "since", "2020-01-01", "officeholders.csv:2: since: 2020-01-01 is before as_of"),
    ("officeholders.csv", "source_id", "ghost",
     "officeholders.csv:2: source_id: 'ghost' is not a source in sources.csv"),
    ("risk_cases.csv", "frame", "winning", "risk_cases.csv:2: frame: must be one of: losses, gains, contested"),
    ("risk_cases.csv", "event_ids", "no-such-event", "risk_cases.csv:2: event_ids: 'no-such-event' is not an event"),
    ("risk_cases.csv", "sources", "ghost", "risk_cases.csv:2: sources: 'ghost' is not a source in sources.csv"),
    ("reactions.csv", "expected_reaction", "cheer",
     "reactions.csv:2: expected_reaction: must be one of: support, oppose"),
    ("reactions.csv", "side", "ru", "reactions.csv:2: side: 'ru' does not match actor"),
    ("reactions.csv", "reaction_id", "lift-sanctions", "reactions.csv:2: reaction_id: must be"),
    ("nato.csv", "joined", "Poland;;Hungary", "nato.csv:2: joined: must be names separated by ';'"),
])
def test_each_kind_of_bad_cell_is_reported(data_copy, file, column, value, expected):
    edit(data_copy, file, 0, column, value)
    assert any(m.startswith(expected) for m in messages(data_copy)), messages(data_copy)


def test_duplicate_ids_are_reported_on_both_rows(data_copy):
    first = (data_copy / "events.csv").read_text(encoding="utf-8").splitlines()[1].split(",")[0]
    edit(data_copy, "events.csv", 1, "event_id", first)
    found = messages(data_copy)
    assert f"events.csv:2: event_id: duplicate id '{first}'" in found
    assert f"events.csv:3: event_id: duplicate id '{first}'" in found


def test_false_verdict_without_note_is_reported(data_copy):
    edit(data_copy, "excerpts.csv", 0, "verdict", "false")
    edit(data_copy, "excerpts.csv", 0, "note", "")
    assert "excerpts.csv:2: note: is empty, but a 'false' verdict needs the finding" in messages(data_copy)


def test_end_before_start_is_reported(data_copy):
    edit(data_copy, "phases.csv", 0, "end", "1900")
    assert any(m.startswith("phases.csv:2: end: 1900 is before start") for m in messages(data_copy))


def test_missing_file_and_missing_column(data_copy):
    (data_copy / "resets.csv").unlink()
    text = (data_copy / "sources.csv").read_text(encoding="utf-8").replace(",trust_note", ",trust", 1)
    (data_copy / "sources.csv").write_text(text, encoding="utf-8")
    found = messages(data_copy)
    assert "resets.csv: file not found in data/" in found
    assert "sources.csv: trust_note: column is missing" in found
    assert "sources.csv: trust: is not a column of this table" in found


def test_ragged_row_and_line_break(data_copy):
    with (data_copy / "phases.csv").open("a", encoding="utf-8") as handle:
        handle.write("one,two\n")
    edit(data_copy, "events.csv", 0, "title", "two\nlines")
    found = messages(data_copy)
    assert any(m.startswith("phases.csv:") and "fields, the header has 7" in m for m in found)
    assert "events.csv:2: title: contains a line break" in found


def test_every_problem_is_listed_at_once(data_copy):
    edit(data_copy, "events.csv", 0, "date", "soon")
    edit(data_copy, "excerpts.csv", 1, "text", "")
    edit(data_copy, "claims.csv", 0, "thesis", "neither")
    assert len(messages(data_copy)) >= 3


def test_load_raises_with_every_problem(data_copy):
    edit(data_copy, "events.csv", 0, "date", "soon")
    with pytest.raises(data.DataError) as err:
        data.load(data_copy)
    assert "events.csv:2: date:" in str(err.value)


def test_check_data_command_on_good_data(capsys):
    assert main(["check-data"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("data OK: ") and out.count("\n") == 1


def test_check_data_command_lists_problems_without_traceback(data_copy):
    edit(data_copy, "events.csv", 0, "date", "soon")
    edit(data_copy, "excerpts.csv", 0, "source_id", "ghost")
    result = subprocess.run([sys.executable, "-m", "usrussia", "check-data", str(data_copy)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("events.csv:2: date:") for line in lines)
    assert any(line.startswith("excerpts.csv:2: source_id:") for line in lines)
    assert "Traceback" not in result.stdout + result.stderr


def test_check_data_command_on_a_folder_that_is_not_data(tmp_path):
    result = subprocess.run([sys.executable, "-m", "usrussia", "check-data", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "sources.csv: file not found" in result.stdout
    assert "Traceback" not in result.stderr


def test_problem_questions_need_options_and_a_valid_answer(data_copy):
    rows = list(csv.DictReader((data_copy / "questions.csv").open(encoding="utf-8")))
    first = next(i for i, row in enumerate(rows) if row["kind"] == "problem")
    edit(data_copy, "questions.csv", first, "answer", "9")
    assert any(m.startswith(f"questions.csv:{first + 2}: answer: must be the number of the right option, 1 to")
               for m in messages(data_copy))
    edit(data_copy, "questions.csv", first, "options", "only one")
    expected = f"questions.csv:{first + 2}: options: needs two or more non-empty choices separated by '|'"
    assert expected in messages(data_copy)


def test_nato_members_must_add_up(data_copy):
    edit(data_copy, "nato.csv", 1, "members_after", "20")
    assert "nato.csv:3: members_after: is 20, but 16 + 3 joined = 19" in messages(data_copy)
    edit(data_copy, "nato.csv", 1, "bordering_russia", "Finland")
    assert "nato.csv:3: bordering_russia: 'Finland' is not among 'joined'" in messages(data_copy)


@pytest.mark.parametrize("ref", [r for r in data.REFERENCES if data.TABLES[r.table].file.endswith(".csv")],
                         ids=lambda r: f"{r.table}.{r.column}")
def test_each_declared_reference_reports_a_missing_id(data_copy, ref):
    file, target = data.TABLES[ref.table].file, data.TABLES[ref.target].file
    edit(data_copy, file, 0, ref.column, "ghost-id")
    expected = f"{file}:2: {ref.column}: 'ghost-id' is not {ref.noun} in {target}"
    assert expected in messages(data_copy), messages(data_copy)


def test_a_bibliography_entry_without_a_source_is_reported_at_its_line(data_copy):
    bib = data_copy.parent / "references.bib"
    text = bib.read_text(encoding="utf-8")
    line = text[:text.index("@misc{hamilton2025,")].count("\n") + 1
    bib.write_text(text.replace("@misc{hamilton2025,", "@misc{ghost2025,"), encoding="utf-8")
    found = messages(data_copy)
    assert f"references.bib:{line}: key: 'ghost2025' is not a source in sources.csv" in found
    assert any(m.endswith("source_id: 'hamilton2025' is not an entry in references.bib") for m in found)


def test_a_bad_bibliography_field_is_reported_at_its_entry(data_copy):
    bib = data_copy.parent / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@techreport{ukfac2016libya,")
    line = text[:start].count("\n") + 1
    bib.write_text(text[:start] + text[start:].replace("url = {https://", "url = {http://", 1), encoding="utf-8")
    assert f"references.bib:{line}: url: must be empty or start with https:// (found 'http://" in \
        "\n".join(messages(data_copy))


def test_an_unreadable_or_missing_bibliography_is_reported(data_copy):
    bib = data_copy.parent / "references.bib"
    bib.write_text("@misc{a, title = {unclosed}\n@misc{a, title = {twice}}\n", encoding="utf-8")
    assert any(m.startswith("references.bib: cannot be read as BibTeX") for m in messages(data_copy))
    bib.unlink()
    assert "references.bib: file not found in " + data_copy.parent.name + "/" in messages(data_copy)


def test_a_list_reference_reports_each_missing_id_and_accepts_the_good_ones(data_copy):
    edit(data_copy, "claims.csv", 0, "evidence_against", "ghost-one;ghost-two")
    edit(data_copy, "claims.csv", 1, "source_ids", "hamilton2025;ghost-three")
    found = [m for m in messages(data_copy) if m.startswith("claims.csv:")]
    assert found == ["claims.csv:2: evidence_against: 'ghost-one' is not an event in events.csv",
                     "claims.csv:2: evidence_against: 'ghost-two' is not an event in events.csv",
                     "claims.csv:3: source_ids: 'ghost-three' is not a source in sources.csv"]


def test_a_restricted_reference_rejects_a_row_outside_the_restriction(data_copy):
    """An excerpt's source must be a seed document: a real source of another kind is reported."""
    rows = list(csv.DictReader((data_copy / "sources.csv").open(encoding="utf-8")))
    other = next(row["source_id"] for row in rows if row["kind"] != "seed")
    edit(data_copy, "excerpts.csv", 0, "source_id", other)
    assert f"excerpts.csv:2: source_id: '{other}' is not a seed document in sources.csv" in messages(data_copy)


def test_a_reference_into_a_broken_table_is_not_checked(data_copy):
    """When the target table has problems of its own, only those are reported (no cascade of missing ids)."""
    edit(data_copy, "events.csv", 0, "date", "soon")
    edit(data_copy, "claims.csv", 0, "evidence_for", "ghost-id")
    found = messages(data_copy)
    assert any(m.startswith("events.csv:2: date:") for m in found)
    assert not any(m.startswith("claims.csv:2: evidence_for:") for m in found)


def test_every_id_list_column_is_a_declared_reference():
    declared = {(ref.table, ref.column) for ref in data.REFERENCES}
    for name, spec in data.TABLES.items():
        for column in spec.list_columns:
            checks = spec.schema.columns[column].checks
            if any("must be ids" in (check.error or "") for check in checks):
                assert (name, column) in declared, f"{spec.file}: {column} lists ids but no Reference says of what"


def test_every_reference_names_real_columns():
    for ref in data.REFERENCES:
        assert ref.column in data.TABLES[ref.table].schema.columns, ref
        target = data.TABLES[ref.target]
        assert (ref.target_column or target.key) in target.schema.columns, ref
        if ref.where:
            assert ref.where[0] in target.schema.columns, ref


def test_load_validates_each_table_once(monkeypatch, data_copy):
    calls = []
    original = data._schema_problems
    monkeypatch.setattr(data, "_schema_problems", lambda frame, spec: calls.append(spec.file) or original(frame, spec))
    data.load(data_copy)
    assert sorted(calls) == sorted(spec.file for spec in data.TABLES.values())
