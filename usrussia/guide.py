"""The instructor guide in the book: the two editions, and the answer keys printed from the exercises.

**Editions.** One source builds two books. ``jupyter-book build .`` builds the student edition: the
"For instructors" part of ``_toc.yml`` is left out and every ``{solution}`` is hidden (sphinx-exercise's
``hide_solutions``). With ``USRUSSIA_EDITION=instructor`` in the environment the same command builds the
instructor edition, which shows both.

**Answer keys.** ``{answer-key} ../exercises/<stem>`` takes what that exercise asks from the course manifest
(``course.EXERCISES``, which the notebook displays) and prints each objective item as an exercise with its solution,
the answers coming from ``usrussia.keys`` and the data; each written task is printed with its prompt and
rubric (from the notebook's own text) as an exercise labelled ``task-<stem>-<key>``, which the guide's
marking notes answer. The key cannot drift from what students see.
"""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from . import course as manifest
from . import data, keys, sources

EDITION_VARIABLE = "USRUSSIA_EDITION"
EDITIONS = ("student", "instructor")
INSTRUCTOR_PART = "For instructors"
INSTRUCTOR_DOCS = "instructors/*"


def edition() -> str:
    """The edition being built, from $USRUSSIA_EDITION (student by default)."""
    name = os.environ.get(EDITION_VARIABLE, "").strip().lower() or "student"
    if name not in EDITIONS:
        raise ExtensionError(f"{EDITION_VARIABLE}={name!r}: use one of {', '.join(EDITIONS)}")
    return name


def configure_edition(app, config) -> None:
    """Set up the edition (runs after sphinx-external-toc has read ``_toc.yml``)."""
    if edition() == "instructor":
        config.hide_solutions = False
        config.html_title = f"{config.html_title or config.project} (instructor edition)"
        return
    config.hide_solutions = True
    site_map = config.external_site_map
    removed = [tree for tree in site_map.root.subtrees if tree.caption == INSTRUCTOR_PART]
    site_map.root.subtrees[:] = [tree for tree in site_map.root.subtrees if tree.caption != INSTRUCTOR_PART]
    for tree in removed:
        for docname in tree.files():
            del site_map[docname]
    config.exclude_patterns = [*config.exclude_patterns, INSTRUCTOR_DOCS]


# --- what an exercise asks ------------------------------------------------------------------------

def _sections(notebook: Path) -> dict[str, str]:
    """The notebook's "## " sections: heading -> the text under it."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    sections = {}
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and text.startswith("## "):
            heading, _, body = text.partition("\n")
            sections[heading[3:].strip()] = body.strip()
    return sections


def exercise_tasks(notebook: Path) -> list[dict]:
    """What an exercise asks, in order, from the course manifest (``course.EXERCISES``): objective item
    sets and written tasks.

    Each task is a dict with ``kind`` (order, thesis, problems, sourcing or written) and what it needs:
    the chapter or question ids of a question set; the key, heading and text of a written task (the
    notebook's text under the part's heading).
    """
    exercise = manifest.exercise(notebook.stem)
    sections, tasks = _sections(notebook), []
    for part in exercise.parts:
        for piece in part.pieces:
            if piece.kind in ("order", "sourcing"):
                tasks.append({"kind": piece.kind, "section": part.title})
            elif piece.kind == "thesis":
                tasks.append({"kind": "thesis", "chapter": exercise.chapter, "section": part.title})
            elif piece.kind == "problems":
                tasks.append({"kind": "problems", "chapter": exercise.chapter, "ids": list(piece.ids) or None,
                              "section": part.title})
            elif piece.kind == "written":
                tasks.append({"kind": "written", "key": piece.key, "section": part.title,
                              "text": sections.get(part.title, "")})
    return tasks


# --- the answer key as MyST ----------------------------------------------------------------------

def _plain(text: str) -> str:
    """Text from the data, safe inside MyST: every ASCII punctuation mark backslash-escaped."""
    return re.sub(r"([!-/:-@\[-`{-~])", r"\\\1", " ".join(str(text).split()))


def _quote(excerpt_id: str, course: data.CourseData) -> list[str]:
    excerpt = course.excerpts.loc[excerpt_id]
    citation = sources.citation_text(course.sources.loc[excerpt.source_id])
    return [f"> {_plain(excerpt.text)}", ">", f"> — {_plain(citation)}", ""]


def _block(directive: str, argument: str, options: dict, body: list[str]) -> list[str]:
    fence = "::::"
    return ([f"{fence}{{{directive}}} {argument}".rstrip()] + [f":{k}: {v}".rstrip() for k, v in options.items()]
            + [""] + body + [fence, ""])


def _item(stem: str, item_id: str, title: str, where: str, question: list[str], answer: list[str]) -> list[str]:
    label = f"key-{stem}-{item_id}"
    return (_block("exercise", title, {"label": label, "nonumber": ""}, [f"*{where}*", ""] + question)
            + _block("solution", label, {"label": f"{label}-solution"}, answer))


def answer_key_markdown(notebook: Path, course: data.CourseData) -> str:
    """The answer key of one exercise notebook, as MyST."""
    stem, lines = notebook.stem, []
    for task in exercise_tasks(notebook):
        where = f"Exercise part: {_plain(task['section'])}"
        if task["kind"] == "order":
            spans = data.reset_spans(course)
            answer = [f"{i}. {_plain(r.label)}: began {r.start.day} {r.start:%B %Y} ({_plain(r.start_title)})."
                      for i, r in enumerate(spans.itertuples(), start=1)]
            lines += _item(stem, keys.ORDER_KEY, "Order the resets", where,
                           ["Put the attempts at a new start in the order in which they began."], answer)
        elif task["kind"] == "thesis":
            for q in course.questions.query("kind == 'thesis' and chapter == @task['chapter']").itertuples():
                answer = [f"**{_plain(keys.THESIS_CHOICES[q.answer])}.** {_plain(q.feedback)}"]
                lines += _item(stem, q.question_id, "Which thesis?", where,
                               _quote(q.excerpt_id, course) + [_plain(q.prompt)], answer)
        elif task["kind"] == "problems":
            questions = (course.questions.loc[task["ids"]] if task["ids"]
                         else course.questions.query("kind == 'problem' and chapter == @task['chapter']"))
            for q in questions.itertuples():
                options = q.options.split("|")
                right = keys.problem_answer(q)
                records = "; ".join(sources.citation_text(course.sources.loc[s]) for s in q.sources)
                question = _quote(q.excerpt_id, course) + [_plain(q.prompt), ""] + [
                    f"{chr(97 + i)}. {_plain(option)}" for i, option in enumerate(options)]
                answer = [f"**{chr(97 + right)}. {_plain(options[right])}**", "", _plain(q.feedback), "",
                          f"Records: {_plain(records)}"]
                lines += _item(stem, q.question_id, "Spot the factual problem", where, question, answer)
        elif task["kind"] == "sourcing":
            for excerpt_id, source_id in keys.sourcing_answers(course).items():
                source = course.sources.loc[source_id]
                answer = [f"**{_plain(source.genre)}**: {_plain(sources.citation_text(source))}", "",
                          _plain(source.trust_note)]
                lines += _item(stem, excerpt_id, "What kind of text is this?", where,
                               [f"> {_plain(course.excerpts.loc[excerpt_id, 'text'])}", ""], answer)
        elif task["kind"] == "written":
            lines += _block("exercise", task["section"], {"label": f"task-{stem}-{task['key']}", "nonumber": ""},
                            [f"*Written task, saved as `{task['key']}`*", "", task["text"]])
    return "\n".join(lines)


class AnswerKey(SphinxDirective):
    """``{answer-key} <path to an exercise notebook, without .ipynb>``: its answer key (see module doc)."""

    required_arguments = 1

    def run(self):
        notebook = (Path(self.env.doc2path(self.env.docname)).parent / f"{self.arguments[0]}.ipynb").resolve()
        if not notebook.is_file():
            raise self.error(f"answer-key: no notebook {notebook.name} at {self.arguments[0]}")
        course = data.load()
        self.env.note_dependency(str(notebook))
        for spec in data.TABLES.values():
            self.env.note_dependency(str(data.table_path(spec, course.data_dir)))
        markdown = answer_key_markdown(notebook, course)
        node = nodes.container(classes=["usr-answer-key"])
        self.state.nested_parse(StringList(markdown.splitlines(), source=str(notebook)), self.content_offset, node)
        return [node]


def setup(app):
    """Sphinx extension (listed in _config.yml): the edition switch and the answer-key directive."""
    app.connect("config-inited", configure_edition, priority=950)
    app.add_directive("answer-key", AnswerKey)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
