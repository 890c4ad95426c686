"""Exercise items built from the data and the course manifest: their keys follow the tables, the
notebooks show what the manifest says, and the keys travel sealed."""
from __future__ import annotations

import json
import re

from IPython.core.interactiveshell import InteractiveShell

from conftest import ROOT
from usrussia import course as manifest
from usrussia import data, exercises, figures, keys, scoring
from usrussia.layout import beside
from usrussia.sources import excerpt_card

COURSE = data.load()


def test_reset_order_key_follows_the_dates():
    key, spec = exercises.reset_order_spec(COURSE)
    assert key == keys.ORDER_KEY
    assert scoring.unseal(spec["sealed"], spec["seed"])["answer"] == data.reset_spans(COURSE)["reset_id"].tolist()
    labels = [i["text"] for i in spec["items"]]
    assert labels == sorted(labels)  # listed alphabetically, not in the answer's order


def test_thesis_item_uses_the_questions_table():
    key, spec = exercises.thesis_spec(COURSE, "personal-diplomacy")
    questions = COURSE.questions.query("kind == 'thesis' and chapter == 'personal-diplomacy'")
    sealed = scoring.unseal(spec["sealed"], spec["seed"])
    assert key == keys.THESIS_KEY and sealed["answer"] == dict(zip(questions["question_id"], questions["answer"]))
    assert [p["id"] for p in spec["parts"]] == questions["question_id"].tolist()
    assert [c["value"] for c in spec["choices"]] == list(keys.THESIS_CHOICES)


def test_problem_items_take_their_key_and_records_from_the_data():
    specs = exercises.problem_specs(COURSE, "personal-diplomacy")
    questions = COURSE.questions.query("kind == 'problem' and chapter == 'personal-diplomacy'")
    assert [k for k, _ in specs] == questions["question_id"].tolist()
    for (key, spec), q in zip(specs, questions.itertuples()):
        sealed = scoring.unseal(spec["sealed"], key)
        assert sealed["answer"] == int(q.answer) - 1
        record = COURSE.sources.loc[q.sources[0], "title"].split(":")[0][:20]
        assert record in sealed["right"] and record in sealed["wrong"]  # the record, whatever was chosen
        assert "Fact check" not in spec["prompt"]  # the card does not give the answer away
        assert q.feedback not in json.dumps(spec)  # the feedback is not readable in the page


def test_sourcing_item_hides_the_source_and_keys_on_it():
    key, spec = exercises.sourcing_spec(COURSE)
    openings = COURSE.excerpts.query("chapter == 'sources'")
    assert len(spec["parts"]) == len(openings) == 4
    assert scoring.unseal(spec["sealed"], key)["answer"] == dict(zip(openings["excerpt_id"], openings["source_id"]))
    for part in spec["parts"]:
        assert "usr-attribution" not in part["html"] and "The claim:" not in part["html"]


def test_problem_items_can_be_chosen_across_chapters():
    ids = COURSE.questions.query("kind == 'problem'").index[:3].tolist()
    assert [k for k, _ in exercises.problem_specs(COURSE, "", tuple(ids))] == ids


def test_beside_displays_the_card_then_the_view(monkeypatch):
    shell = InteractiveShell.instance()
    shown = []
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, metadata=None, **kw: shown.append(data))
    card = excerpt_card(COURSE.excerpts.index[0], COURSE)
    beside(card, figures.view(figures.reset_durations(COURSE), "fig-x"))
    assert len(shown) == 2
    assert 'class="usr-card' in shown[0]["text/html"] and "usr-beside" in shown[0]["text/html"]
    assert 'id="fig-x"' in shown[1]["text/html"]


def test_notebooks_follow_the_manifest():
    """Each exercise notebook has the manifest's title and part headings, one call per part, and saved
    widgets whose answer keys are the manifest's, in order."""
    assert sorted(e.id for e in manifest.EXERCISES) == sorted(p.stem for p in ROOT.glob("exercises/*.ipynb"))
    for exercise in manifest.EXERCISES:
        notebook = json.loads(exercise.notebook.read_text(encoding="utf-8"))
        cells = ["".join(c["source"]) for c in notebook["cells"]]
        assert cells[0].startswith(f"# {exercise.title}\n")
        assert [c[3:].split("\n")[0] for c in cells if c.startswith("## Part ")] == [p.title for p in exercise.parts]
        assert [c for c in cells if c.startswith("ex.part(")] == [f"ex.part({n})"
                                                                   for n in range(1, len(exercise.parts) + 1)]
        state = notebook["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        shown = [m["state"]["entry"]["key"] for m in state.values() if m["state"].get("entry")]
        expected = [e["key"] for e in exercises.item_entries(exercise, COURSE)]
        assert sorted(shown) == sorted(expected), exercise.id


def test_outline_counts_every_answer_of_the_course():
    outline = exercises.outline(COURSE)
    assert [e["id"] for e in outline] == [e.id for e in manifest.EXERCISES]
    first = outline[0]["items"]
    problems = COURSE.questions.query("kind == 'problem' and chapter == 'personal-diplomacy'")
    assert [e["key"] for e in first if e["key"].startswith("problem-")] == problems["question_id"].tolist()
    weigh = next(e for e in first if e["key"] == "claim-weights")
    assert weigh["total"] == int((COURSE.claims["chapter"] == "personal-diplomacy").sum())


def test_exercise_notebooks_read_well_in_jupyter_too():
    """No MyST role that Jupyter would show as raw text; no widget that needs a kernel to respond."""
    for exercise in manifest.EXERCISES:
        notebook = json.loads(exercise.notebook.read_text(encoding="utf-8"))
        text = "".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
        assert not re.search(r"\{(ref|doc|cite|numref|term)\}`", text), exercise.id
        state = notebook["metadata"]["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
        assert {m["model_name"] for m in state.values()} <= {"AnyModel", "LayoutModel"}, exercise.id


def test_cards_link_to_the_profile_file_that_jupyter_opens():
    card = excerpt_card("hamilton-every-president", COURSE).html()
    assert 'href="../sources/hamilton2025.md"' in card and (ROOT / "sources" / "hamilton2025.md").exists()
