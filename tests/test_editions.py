"""The two editions built from one source: the student book has no solution and no instructor guide;
the instructor book has the guide and every solution (answer keys printed from the exercises)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, toc_pages
from usrussia import data, guide, keys

COURSE = data.load()
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))
GUIDE_PAGES = toc_pages(guide.INSTRUCTOR_PART)


QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def _plain(text: str) -> str:
    """Text with whitespace collapsed and curly quotes straightened (Sphinx curls straight quotes)."""
    return " ".join(text.split()).translate(QUOTES)


def _text(node) -> str:
    return _plain(node.get_text(" "))


def _pages(html_dir: Path) -> dict[str, BeautifulSoup]:
    return {str(p.relative_to(html_dir)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in html_dir.rglob("*.html") if "_static" not in p.parts}


@pytest.fixture(scope="module")
def student_pages(built):
    return _pages(built)


@pytest.fixture(scope="module")
def instructor_pages(instructor_built):
    return _pages(instructor_built)


@pytest.fixture(scope="module")
def solutions(instructor_pages) -> dict[str, str]:
    """Solution id -> its text (without the 'Solution to …' title), over the instructor edition."""
    found = {}
    for page in instructor_pages.values():
        for box in page.select("div.solution"):
            body = box.select_one("section") or box
            found[box.get("id")] = _text(body)
    return found


def _written_tasks():
    return [(notebook.stem, task["key"]) for notebook in EXERCISES
            for task in guide.exercise_tasks(notebook) if task["kind"] == "written"]


def test_the_guide_covers_every_chapter_and_exercise():
    expected = {f"instructors/{n.stem}" for n in EXERCISES} | {"instructors/index", "instructors/syllabus"}
    assert expected == set(GUIDE_PAGES)


def test_student_edition_has_no_guide_and_no_solution(built, student_pages):
    assert not (built / "instructors").exists()
    for name, page in student_pages.items():
        assert not page.select("div.solution"), name
        assert "For instructors" not in _text(page.select_one("nav") or page), name
        assert "instructor edition" not in (page.title.string if page.title else ""), name


def test_student_edition_contains_no_solution_text(student_pages, solutions):
    student_text = " ".join(_text(page) for page in student_pages.values())
    assert len(solutions) > 60
    leaked = [label for label, text in solutions.items() if text in student_text]
    assert not leaked
    for q in COURSE.questions.itertuples():  # the feedback of every objective item
        assert _plain(q.feedback) not in student_text, q.question_id


def test_instructor_edition_has_every_guide_page(instructor_built, instructor_pages):
    for page in GUIDE_PAGES:
        html = instructor_pages[f"{page}.html"]
        assert html.select_one("h1"), page
    assert "instructor edition" in instructor_pages["intro.html"].title.string
    nav = _text(instructor_pages["intro.html"].select_one("nav.bd-docs-nav"))
    assert "For instructors" in nav and "Instructor guide" in nav


def test_instructor_edition_has_every_objective_answer(solutions):
    by_item = {label: text for label, text in solutions.items()}
    for q in COURSE.questions.query("kind == 'thesis'").itertuples():
        matches = [t for label, t in by_item.items() if label.endswith(f"-{q.question_id}-solution")]
        assert matches, q.question_id
        assert all(keys.THESIS_CHOICES[q.answer] in t and _plain(q.feedback) in t for t in matches)
    for q in COURSE.questions.query("kind == 'problem'").itertuples():
        matches = [t for label, t in by_item.items() if label.endswith(f"-{q.question_id}-solution")]
        assert matches, q.question_id
        right = q.options.split("|")[keys.problem_answer(q)]
        assert all(_plain(right) in t and _plain(q.feedback) in t for t in matches)
    order = by_item["key-01-personal-diplomacy-order-resets-solution"]
    labels = [COURSE.resets.loc[r, "label"] for r in keys.reset_order(COURSE)]
    assert [order.index(label) for label in labels] == sorted(order.index(label) for label in labels)
    for excerpt, source in keys.sourcing_answers(COURSE).items():
        assert COURSE.sources.loc[source, "genre"] in by_item[f"key-sources-evaluation-{excerpt}-solution"]


def test_every_written_task_has_its_prompt_rubric_and_marking_notes(instructor_pages):
    tasks = _written_tasks()
    assert ("01-personal-diplomacy", "argument") in tasks and ("07-synthesis", "memo") in tasks
    for stem, key in tasks:
        page = instructor_pages[f"instructors/{stem}.html"]
        task = page.select_one(f"div.exercise#task-{stem}-{key}")
        assert task, (stem, key)
        notes = [box for box in page.select("div.solution")
                 if box.select_one(f'a[href="#task-{stem}-{key}"]')]
        assert notes and len(_text(notes[0])) > 300, f"no marking notes for task-{stem}-{key}"
        if key in ("argument", "memo"):
            assert task.select_one("table"), f"no rubric for task-{stem}-{key}"


def test_exercise_tasks_follow_the_manifest_and_print_the_notebooks_text():
    from usrussia import course as manifest

    for notebook in EXERCISES:
        tasks = guide.exercise_tasks(notebook)
        exercise = manifest.exercise(notebook.stem)
        assert [t["key"] for t in tasks if t["kind"] == "written"] == [
            piece.key for part in exercise.parts for piece in part.pieces if piece.kind == "written"]
        assert all(t["section"] for t in tasks), notebook.name
        assert all(len(t["text"]) > 100 for t in tasks if t["kind"] == "written"), notebook.name  # task and rubric


def test_an_unknown_edition_is_refused(monkeypatch):
    monkeypatch.setenv(guide.EDITION_VARIABLE, "teacher")
    with pytest.raises(Exception, match="use one of student, instructor"):
        guide.edition()
    monkeypatch.setenv(guide.EDITION_VARIABLE, "")
    assert guide.edition() == "student"


GUIDE_SECTIONS = ["Learning objectives", "Time", "A 50-minute class", "A one-week assignment", "Discussion prompts",
                  "Common misconceptions", "Answer key", "Marking notes"]


@pytest.mark.parametrize("stem", [n.stem for n in EXERCISES])
def test_each_chapter_guide_has_its_sections_and_a_50_minute_plan(instructor_pages, stem):
    page = instructor_pages[f"instructors/{stem}.html"]
    sections = {_text(s.find(["h2"])).rstrip("#").strip(): s
                for s in page.select("section") if s.find("h2", recursive=False)}
    assert [name for name in GUIDE_SECTIONS if name not in sections] == []
    plan = sections["A 50-minute class"].select_one("table")  # the first table is the plan
    minutes = [_text(row.find("td")) for row in plan.select("tbody tr")]
    spans = [tuple(int(n) for n in m.split("–")) for m in minutes]
    assert spans[0][0] == 0 and spans[-1][1] == 50, minutes
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:])), f"the class plan has gaps or overlaps: {minutes}"
    assert len(sections["Discussion prompts"].select("ol > li")) >= 4
    misconceptions = [s for s in sections["Common misconceptions"].select("strong")  # each opens in bold
                      if s.parent.name in ("p", "li") and s.parent.contents[0] is s]
    assert len(misconceptions) >= 4


def test_the_syllabus_plans_three_five_and_eight_sessions(instructor_pages):
    page = instructor_pages["instructors/syllabus.html"]
    for heading, sessions in (("Three sessions", 3), ("Five sessions", 5), ("Eight sessions", 8)):
        section = next(s for s in page.select("section") if _text(s.find("h2")).startswith(heading))
        assert len(section.select("table tbody tr")) == sessions, heading


def test_no_key_or_feedback_readable_in_the_pages_widget_state(built, student_pages):
    """The exercise items carry their keys and feedback sealed: neither the rendered text nor the widget
    state in the page source (nor the course download) holds an answer's feedback in readable form."""
    import zipfile

    from usrussia import bundle

    state = []
    for page in student_pages.values():
        for script in page.select('script[type="application/vnd.jupyter.widget-state+json"]'):
            state.append(json.dumps(json.loads(script.string), ensure_ascii=False))
    with zipfile.ZipFile(built / "_downloads" / f"{bundle.NAME}.zip") as archive:
        state += [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".ipynb")]
    text = _plain(" ".join(state))
    assert "sealed" in text  # the exercises' items are there...
    for q in COURSE.questions.itertuples():  # ...but not their feedback
        assert _plain(q.feedback) not in text, q.question_id
    for source in COURSE.sources.query("kind == 'seed'").itertuples():  # nor the sourcing item's answers
        assert _plain(source.trust_note) not in text, source.source_id
