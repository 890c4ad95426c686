"""Exercise items built from the data: their answer keys follow the tables."""
from __future__ import annotations

from IPython.core.interactiveshell import InteractiveShell

from usrussia import data, exercises, figures, keys
from usrussia.answers import AnswerBook
from usrussia.layout import beside
from usrussia.sources import excerpt_card


def test_reset_order_key_follows_the_dates():
    course = data.load()
    item = exercises.reset_order_item(course)
    assert item.correct == keys.reset_spans(course)["reset_id"].tolist()
    assert list(item.menus) == sorted(item.menus, key=lambda r: course.resets.loc[r, "label"])


def test_thesis_item_uses_the_questions_table():
    course = data.load()
    item = exercises.thesis_item(course, "personal-diplomacy")
    questions = course.questions.query("kind == 'thesis' and chapter == 'personal-diplomacy'")
    assert item.correct == dict(zip(questions["question_id"], questions["answer"]))
    for q in questions.itertuples():
        item.toggles[q.question_id].value = q.answer
    item.check()
    assert f"{len(questions)} of {len(questions)} correct" in item.feedback.value


def test_problem_items_take_their_key_and_sources_from_the_data():
    course = data.load()
    items = exercises.problem_items(course, "personal-diplomacy")
    questions = course.questions.query("kind == 'problem' and chapter == 'personal-diplomacy'")
    assert len(items) == len(questions)
    for item, q in zip(items, questions.itertuples()):
        assert item.answer == int(q.answer) - 1
        item.radio.value = item.answer
        item.check()
        assert "1 of 1 correct" in item.feedback.value
        assert course.sources.loc[q.sources[0], "title"].split(":")[0][:20] in item.feedback.value
        assert "Fact check" not in item.children[0].value  # the card does not give the answer away


def test_open_answer_book_reports_a_damaged_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("USRUSSIA_ANSWERS_DIR", str(tmp_path))
    (tmp_path / "my-answers.json").write_text("{not json", encoding="utf-8")
    assert exercises.open_answer_book("01") is None
    (tmp_path / "my-answers.json").unlink()
    book = exercises.open_answer_book("01")
    assert isinstance(book, AnswerBook)


def test_beside_displays_the_card_then_the_view(monkeypatch):
    shell = InteractiveShell.instance()
    shown = []
    monkeypatch.setattr(shell.display_pub, "publish", lambda data, metadata=None, **kw: shown.append(data))
    course = data.load()
    card = excerpt_card(course.excerpts.index[0], course)
    beside(card, figures.view(figures.reset_durations(course), "fig-x"))
    assert len(shown) == 2
    assert 'class="usr-card' in shown[0]["text/html"] and "usr-beside" in shown[0]["text/html"]
    assert 'id="fig-x"' in shown[1]["text/html"]


def test_sourcing_item_hides_the_source_and_keys_on_it():
    course = data.load()
    item = exercises.sourcing_item(course)
    openings = course.excerpts.query("chapter == 'sources'")
    assert len(item.toggles) == len(openings) == 4
    for excerpt in openings.itertuples():
        assert item.correct[excerpt.excerpt_id] == excerpt.source_id
    for statement in item.children[1::2][:len(openings)]:
        html = statement.value
        assert "usr-attribution" not in html and "data-source" not in html and "The claim:" not in html


def test_problem_items_can_be_chosen_across_chapters():
    course = data.load()
    ids = course.questions.query("kind == 'problem'").index[:3].tolist()
    items = exercises.problem_items(course, question_ids=ids)
    assert [i.key for i in items] == ids
