"""The scoring rules run in two languages: Python (usrussia.scoring) for Jupyter, the report and the
answer keys, and JavaScript (static/common.js) on the page. This runs the JavaScript under Node on a few
thousand generated cases and compares every result with Python's. Skipped, with a message, where
``node`` is missing; ``.ci/run`` installs it, so CI always runs it."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from usrussia import scoring, widgets

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed (Debian: apt-get install nodejs); "
                                                     "the JavaScript formulas are not compared with Python's")
EXPORTS = ["thesisBalance", "factorBalance", "balanceVerdict", "lean", "checkOrder", "checkMatches", "checkChoice",
           "checkMulti", "wordCount", "unseal", "slug", "answerWords", "readable", "progress", "unfinished", "markdown"]
THESES = ["personal", "structural", "other"]
WORDS = ["Putin", "Yeltsin", "reset", "NATO", "“quoted”", "O'Neil", "Ødegård", "Анна", "—", "naïve", "x", "12"]


def run_js(calls: list[list], widget: str = "item", exports: list[str] = EXPORTS) -> list:
    """Call a widget module's functions (name, *arguments) under Node; their results, in order."""
    with tempfile.TemporaryDirectory() as folder:
        module = Path(folder) / "common.mjs"
        module.write_text(widgets.esm(widget) + "\nexport { " + ", ".join(exports) + " };\n", encoding="utf-8")
        runner = Path(folder) / "run.mjs"
        runner.write_text("import * as m from './common.mjs'; import { readFileSync } from 'node:fs';\n"
                          "const calls = JSON.parse(readFileSync(0, 'utf8'));\n"
                          "process.stdout.write(JSON.stringify(calls.map(([f, ...a]) => m[f](...a))));\n",
                          encoding="utf-8")
        result = subprocess.run([NODE, str(runner)], input=json.dumps(calls), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def phrase(rng: random.Random, n: int = 6) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, n)))


@pytest.fixture(scope="module")
def rng():
    return random.Random(1991)


def test_balances_verdicts_and_checks_agree(rng):
    cases, expected = [], []
    for _ in range(1500):
        claims = [{"id": f"c{i}", "thesis": rng.choice(THESES), "factor": rng.choice("abc")}
                  for i in range(rng.randint(1, 8))]
        weights = {c["id"]: rng.choice([0, 1, 2, 3, 4, 4, -1, 7]) for c in claims if rng.random() < 0.7}
        theses = {c["id"]: c["thesis"] for c in claims}
        balance = scoring.thesis_balance(theses, weights)
        cases += [["thesisBalance", claims, weights], ["factorBalance", claims, weights],
                  ["balanceVerdict", balance], ["lean", balance]]
        expected += [balance, scoring.factor_balance({c["id"]: c["factor"] for c in claims}, weights),
                     scoring.balance_verdict(balance), scoring.lean(balance)]
        items = [f"i{i}" for i in range(rng.randint(1, 6))]
        given = rng.sample(items, len(items))
        r = scoring.check_order(given, items)
        cases.append(["checkOrder", given, items])
        expected.append({"correct": r.correct, "total": r.total, "wrong": list(r.wrong)})
        key = {p: rng.choice(THESES) for p in items}
        answer = {p: rng.choice(THESES) for p in items if rng.random() < 0.8}
        r = scoring.check_matches(answer, key)
        cases.append(["checkMatches", answer, key])
        expected.append({"correct": r.correct, "total": r.total, "wrong": list(r.wrong)})
        options = rng.randint(2, 5)
        chosen, right = (sorted(rng.sample(range(options), rng.randint(0, options))),
                         sorted(rng.sample(range(options), 1)))
        r = scoring.check_multi(chosen, right, options)
        cases.append(["checkMulti", chosen, right, options])
        expected.append({"correct": r.correct, "total": r.total, "wrong": list(r.wrong)})
        pick = rng.randrange(options)
        r = scoring.check_choice(pick, right[0])
        cases.append(["checkChoice", pick, right[0]])
        expected.append({"correct": r.correct, "total": r.total, "wrong": list(r.wrong)})
    got = run_js(cases)
    for case, want, have in zip(cases, expected, got):
        if isinstance(want, dict) and all(isinstance(v, float) for v in want.values()):
            assert have == pytest.approx(want, abs=1e-12), case
        else:
            assert have == want, case


def test_keys_names_and_words_agree(rng):
    cases, expected = [], []
    for i in range(500):
        content = {"answer": rng.choice([rng.randrange(4), [f"r{j}" for j in range(3)], {"p": "personal"}]),
                   "right": phrase(rng, 20), "explain": {"p": phrase(rng)}}
        seed = f"item-{i}-{phrase(rng, 2)}"
        cases.append(["unseal", scoring.seal(content, seed), seed])
        expected.append(content)
        name = phrase(rng, 4) + rng.choice(["", "  ", "!!", "../"])
        cases.append(["slug", name])
        expected.append(scoring.slug(name))
        text = phrase(rng, 30) + rng.choice(["", "\n\n", "\t"]) + phrase(rng, 5)
        cases.append(["wordCount", text])
        expected.append(scoring.word_count(text))
    assert run_js(cases) == expected


def _spec(rng: random.Random, kind: str) -> tuple[dict, object]:
    where = {"part": f"Part {rng.randint(1, 6)}. {phrase(rng, 3)}", "position": [rng.randint(0, 5), rng.randint(0, 3)],
             "question": phrase(rng, 8)}
    ids = [f"x{i}" for i in range(rng.randint(1, 5))]
    if kind in ("choice", "multi"):
        spec = {"kind": kind, "options": [{"text": phrase(rng)} for _ in ids]}
        value = (rng.randrange(len(ids)) if kind == "choice"
                 else sorted(rng.sample(range(len(ids)), rng.randint(0, len(ids)))))
    elif kind == "order":
        spec = {"kind": kind, "items": [{"id": i, "text": phrase(rng)} for i in ids]}
        value = rng.sample(ids, len(ids))
    elif kind == "match":
        spec = {"kind": kind, "parts": [{"id": i, "text": phrase(rng)} for i in ids],
                "choices": [{"value": t, "text": t.title()} for t in THESES]}
        value = {i: rng.choice(THESES) for i in ids if rng.random() < 0.7}
    elif kind == "sort":
        spec = {"kind": kind, "options": [[t, t] for t in THESES],
                "items": [{"id": i, "title": phrase(rng)} for i in ids]}
        value = {i: rng.choice(THESES) for i in ids if rng.random() < 0.7}
    elif kind == "weigh":
        spec = {"kind": kind, "claims": [{"id": i, "text": phrase(rng), "thesis": rng.choice(THESES), "factor": "f",
                                          "evidence": [[f"supports: {phrase(rng, 3)}", f"e{i}"]]} for i in ids]}
        value = {"weights": {i: rng.randint(0, 4) for i in ids if rng.random() < 0.6},
                 "evidence": {i: f"e{i}" for i in ids if rng.random() < 0.4}, "argument": phrase(rng, 12)}
    else:
        spec, value = {"kind": "written"}, phrase(rng, 40)
    return {**where, **spec}, value


def test_readable_answers_progress_and_the_export_agree(rng):
    kinds = ["choice", "multi", "order", "match", "sort", "weigh", "written"]
    cases, expected = [], []
    for _ in range(60):
        outline, submission = [], {"student": phrase(rng, 3) or "A", "exported": "2026-12-04",
                                   "exercises": {}, "readable": {}}
        for e in range(rng.randint(1, 4)):
            exercise, entries = f"0{e}-ex", []
            answers, readable = {}, {}
            for k in range(rng.randint(1, 6)):
                spec, value = _spec(rng, rng.choice(kinds))
                key = f"k{k}"
                measure = {"match": "parts", "sort": "parts", "weigh": "weights",
                           "written": "words"}.get(spec["kind"], "single")
                entry = {"key": key, "part": spec["part"], "label": phrase(rng, 2), "measure": measure,
                         "total": rng.randint(1, 6), **({"words": [5, 20]} if measure == "words" else {})}
                entries.append(entry)
                cases.append(["readable", spec, value])
                expected.append(scoring.readable(spec, value))
                cases.append(["progress", entry, value])
                expected.append(list(scoring.progress(entry, value)))
                if rng.random() < 0.7:
                    answers[key], readable[key] = value, scoring.readable(spec, value)
            outline.append({"id": exercise, "title": f"Exercise {e}: {phrase(rng, 3)}", "items": entries})
            if answers or rng.random() < 0.5:
                submission["exercises"][exercise], submission["readable"][exercise] = answers, readable
        cases += [["unfinished", outline, submission["exercises"]], ["markdown", submission, outline, "this browser"]]
        expected += [scoring.unfinished(outline, submission["exercises"]),
                     scoring.markdown(submission, outline, "this browser")]
    assert run_js(cases) == expected


def test_the_prospect_lab_and_the_sorter_agree(rng):
    from usrussia import prospect

    cases, expected = [], []
    for _ in range(1000):
        choice = prospect.Choice(rng.randint(-100, 100), rng.choice([0, 0.25, 0.5, 0.9, 1]), rng.randint(-100, 100),
                                 rng.randint(-100, 100), rng.choice([0, -50, 35, 83.2, 100]))
        alpha, beta, lam = rng.uniform(0.3, 1.5), rng.uniform(0.3, 1.5), rng.uniform(0.5, 4)
        cases.append(["preference", vars(choice), alpha, beta, lam])
        expected.append(prospect.preference(choice, alpha, beta, lam))
    got = [result["choice"] for result in run_js(cases, "prospect_lab", ["preference"])]
    assert got == expected
    items = [{"id": f"i{i}", "reference": rng.choice(["", "real", "contrived"])} for i in range(8)]
    cases = [["agreement", items, {i["id"]: rng.choice(["real", "contrived"]) for i in items if rng.random() < 0.6}]
             for _ in range(200)]
    got = run_js(cases, "sorter", ["agreement"])
    assert [[g["agree"], g["answered"]] for g in got] == [list(widgets.agreement(*c[1:])) for c in cases]
