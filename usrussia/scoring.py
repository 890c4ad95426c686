"""How answers are scored and put into words: pure functions, no UI, no files.

Everything a student's answer turns into — whether an objective item is right, where claim weights put
the balance, a written answer's word count, an answer in words for the readable export, what is still
unfinished — is decided here, and mirrored in ``static/common.js`` for the front end. The constants
both sides use (labels, thresholds, scale) live only here: ``constants()`` hands them to the
JavaScript, and ``tests/test_parity.py`` runs the JavaScript formulas under Node on generated cases
and compares them with these.
"""
from __future__ import annotations

import base64
import json
import re
import unicodedata
from dataclasses import dataclass

THESIS_LABELS = {"personal": "personal diplomacy", "structural": "structural factors", "other": "other explanations"}
# The claim weigher's scale, 0-4, in the words students see (and the report and the export use).
WEIGHT_LABELS = ["not at all", "barely", "somewhat", "largely", "fully"]
LEVEL_GAP = 0.1  # |structural - personal| below this reads "roughly level"
STRONG_GAP = 0.4  # at or above this, "strongly"
RIGHT_MARK, WRONG_MARK = "✔", "✘"


def constants() -> dict:
    """The constants the front end needs, as JSON-able data (prepended to every widget's module)."""
    return {"THESIS_LABELS": THESIS_LABELS, "WEIGHT_LABELS": WEIGHT_LABELS, "LEVEL_GAP": LEVEL_GAP,
            "STRONG_GAP": STRONG_GAP, "RIGHT_MARK": RIGHT_MARK, "WRONG_MARK": WRONG_MARK}


# --- the balance of claim weights -----------------------------------------------------------

def _weight(value) -> int:
    """A saved weight as the scale knows it: a whole number from 0 to 4 (anything else counts 0)."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4 else 0


def mean_shares(groups: dict[str, str], weights: dict[str, int], names=()) -> dict[str, float]:
    """Each group's mean weight over its claims (an unweighed claim counts 0), as a share of the sum
    of the groups' means; all 0 when nothing is weighed. ``names`` are groups shown even when empty.

    Means, not totals, so that a side with more claims does not outweigh one with fewer: a student
    who finds every claim equally convincing sees the sides level.
    """
    sums, counts = dict.fromkeys(names, 0.0), dict.fromkeys(names, 0)
    for claim_id, group in groups.items():
        sums[group] = sums.get(group, 0.0) + _weight(weights.get(claim_id, 0))
        counts[group] = counts.get(group, 0) + 1
    means = {group: (sums[group] / counts[group] if counts[group] else 0.0) for group in sums}
    grand = sum(means.values())
    return {group: (mean / grand if grand else 0.0) for group, mean in means.items()}


def thesis_balance(theses: dict[str, str], weights: dict[str, int]) -> dict[str, float]:
    """Where the weights put the balance between the theses (claim id -> thesis; claim id -> 0-4)."""
    return mean_shares(theses, weights, THESIS_LABELS)


def factor_balance(factors: dict[str, str], weights: dict[str, int]) -> dict[str, float]:
    """The balance between the factors (claim id -> factor), in order of first use."""
    return mean_shares(factors, weights)


def lean(balance: dict[str, float]) -> str:
    """'structural', 'personal' or 'level': which side the balance leans to (the report counts these)."""
    gap = balance["structural"] - balance["personal"]
    return "level" if abs(gap) < LEVEL_GAP else ("structural" if gap > 0 else "personal")


def balance_verdict(balance: dict[str, float]) -> str:
    """One sentence saying where the weights put the balance."""
    personal, structural = balance["personal"], balance["structural"]
    if personal == structural == 0:
        if balance.get("other", 0) > 0:
            return "Your weights rest only on other explanations: neither personal diplomacy nor structural factors."
        return "Weigh at least one claim to see where your balance lies."
    side = lean(balance)
    if side == "level":
        return "Your weights put the two explanations roughly level."
    strength = "strongly" if abs(structural - personal) >= STRONG_GAP else "somewhat"
    return f"Your weights lean {strength} towards {THESIS_LABELS[side]}."


# --- objective items ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    """Outcome of checking an objective item: how many parts right, of how many, and which are wrong."""

    correct: int
    total: int
    wrong: tuple = ()

    @property
    def all_correct(self) -> bool:
        return self.correct == self.total


def check_order(given: list[str], correct: list[str]) -> Result:
    """Compare an ordering with the correct one, position by position; ``wrong`` holds 1-based positions."""
    if sorted(given) != sorted(correct):
        raise ValueError("the answer must order exactly the items of the question")
    wrong = tuple(i for i, (item, right) in enumerate(zip(given, correct), start=1) if item != right)
    return Result(len(correct) - len(wrong), len(correct), wrong)


def check_matches(given: dict, correct: dict[str, str]) -> Result:
    """Compare part -> choice answers with the key; unanswered parts count as wrong."""
    wrong = tuple(part for part, right in correct.items() if given.get(part) != right)
    return Result(len(correct) - len(wrong), len(correct), wrong)


def check_choice(given: int | None, correct: int) -> Result:
    """One single-choice answer (option index) against the key."""
    return Result(int(given == correct), 1, () if given == correct else (given,))


def check_multi(given: list[int], correct: list[int], options: int) -> Result:
    """A multiple-choice answer: each option judged (chosen or not) against the key; ``wrong`` holds the
    indices of the options judged wrongly."""
    chosen, right = set(given), set(correct)
    wrong = tuple(i for i in range(options) if (i in chosen) != (i in right))
    return Result(options - len(wrong), options, wrong)


def word_count(text: str) -> int:
    """Words in a written answer."""
    return len(text.split())


# --- keys that travel in the page ---------------------------------------------------------------

def _keystream(seed: str, length: int) -> bytes:
    """Pseudo-random bytes from a seed (FNV-1a, then xorshift32): the same in ``common.js``."""
    state = 0x811C9DC5
    for byte in seed.encode("utf-8"):
        state = ((state ^ byte) * 0x01000193) & 0xFFFFFFFF
    out = bytearray()
    for _ in range(length):
        state ^= (state << 13) & 0xFFFFFFFF
        state ^= state >> 17
        state ^= (state << 5) & 0xFFFFFFFF
        state &= 0xFFFFFFFF
        out.append(state & 0xFF)
    return bytes(out)


def seal(content, seed: str) -> str:
    """An item's key and feedback as a string a student cannot read at a glance (base64 of the JSON
    XOR-ed with a keystream seeded by the item's id). Not secret: it only keeps the answers out of
    sight in the page source; ``unseal`` (and ``common.js``) reverse it."""
    raw = json.dumps(content, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return base64.b64encode(bytes(a ^ b for a, b in zip(raw, _keystream(seed, len(raw))))).decode("ascii")


def unseal(sealed: str, seed: str):
    raw = base64.b64decode(sealed)
    return json.loads(bytes(a ^ b for a, b in zip(raw, _keystream(seed, len(raw)))).decode("utf-8"))


# --- answers in words -------------------------------------------------------------------------

def slug(text: str) -> str:
    """A file-name-safe form of a name: 'Ana María O'Neil' -> 'ana-maria-oneil'; letters of any script
    are kept, accents and apostrophes dropped ('student' if nothing is left)."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
    text = re.sub("['’]", "", text)
    return "-".join("".join(c if c.isalnum() else " " for c in text).split()) or "student"


def _weigher_words(spec: dict, value: dict) -> str:
    weights, evidence = value.get("weights", {}), value.get("evidence", {})
    lines = []
    for claim in spec["claims"]:
        if claim["id"] not in weights and not evidence.get(claim["id"]):
            continue
        line = f"- {claim['text']} — {WEIGHT_LABELS[_weight(weights.get(claim['id'], 0))]} convincing"
        labels = {v: label for label, v in claim["evidence"]}
        if evidence.get(claim["id"]) in labels:
            line += f"; key evidence: {labels[evidence[claim['id']]]}"
        lines.append(line)
    weighed = {c["id"]: c["thesis"] for c in spec["claims"]}
    lines.append(balance_verdict(thesis_balance(weighed, weights)))
    if value.get("argument", "").strip():
        lines += ["", "Why: " + value["argument"].strip()]
    return "\n".join(lines)


def answer_words(spec: dict, value) -> str:
    """A saved answer in words, for the readable export (the chosen options' text, weights in words)."""
    kind = spec["kind"]
    if kind == "choice":
        return spec["options"][value]["text"] if isinstance(value, int) and 0 <= value < len(spec["options"]) else ""
    if kind == "multi":
        return "\n".join(f"- {spec['options'][i]['text']}" for i in sorted(value) if 0 <= i < len(spec["options"]))
    if kind == "order":
        texts = {item["id"]: item["text"] for item in spec["items"]}
        return "\n".join(f"{i}. {texts.get(item, item)}" for i, item in enumerate(value, start=1))
    if kind == "match":
        choices = {c["value"]: c["text"] for c in spec["choices"]}
        return "\n".join(f"- {part['text']} → {choices.get(value.get(part['id']), 'not answered')}"
                         for part in spec["parts"])
    if kind == "sort":
        labels = dict(spec["options"])
        return "\n".join(f"- {item['title']}: {labels.get(value.get(item['id']), 'not answered')}"
                         for item in spec["items"])
    if kind == "weigh":
        return _weigher_words(spec, value)
    if kind == "written":
        return f"{value.strip()}\n\n({word_count(value)} words)"
    raise ValueError(f"unknown item kind {kind!r}")


def readable(spec: dict, value) -> dict:
    """What the readable export shows of one answer: where it is, the question and the answer in words."""
    return {"part": spec["part"], "position": spec["position"], "question": spec["question"],
            "answer": answer_words(spec, value)}


# --- what is unfinished, and the readable export --------------------------------------------------

def progress(entry: dict, value) -> tuple[int, int]:
    """(parts done, parts in all) of one item, from its outline entry (``measure``: single, parts,
    weights or words) and its saved value (None when unanswered)."""
    measure, total = entry["measure"], entry["total"]
    if value is None:
        return 0, total
    if measure == "parts":
        return min(len(value) if isinstance(value, dict) else 0, total), total
    if measure == "weights":
        return min(len(value.get("weights", {})) if isinstance(value, dict) else 0, total), total
    if measure == "words":
        return (min(word_count(value), total) if isinstance(value, str) else 0), total
    return total, total


def unfinished(outline: list[dict], exercises: dict) -> list[str]:
    """One line per unfinished part of each exercise the student has begun, in course order."""
    lines = []
    for exercise in outline:
        answers = exercises.get(exercise["id"])
        if not answers:
            continue
        for entry in exercise["items"]:
            done, total = progress(entry, answers.get(entry["key"]))
            if done >= total:
                continue
            where = f"{exercise['title']}, {entry['part']}"
            if entry["measure"] == "words":
                low, high = entry["words"]
                lines.append(f"{where}: {word_count(answers.get(entry['key']) or '')} words; aim for {low}–{high}.")
            elif entry["measure"] in ("parts", "weights"):
                lines.append(f"{where}: {total - done} of {total} {entry['label']} not answered yet.")
            else:
                lines.append(f"{where}: {entry['label']} not answered yet.")
    return lines


def markdown(submission: dict, outline: list[dict], where: str) -> str:
    """The readable copy of a submission: each exercise begun, part by part, in course order; at the
    top what the file holds and what is unfinished. ``where`` says where the answers were kept."""
    titles = {e["id"]: e["title"] for e in outline}
    order = {e["id"]: i for i, e in enumerate(outline)}
    begun = sorted((e for e, a in submission["exercises"].items() if a), key=lambda e: (order.get(e, len(order)), e))
    lines = [f"# Answers of {submission['student']}", "",
             f"Exported {submission.get('exported', '')} from {where}. This file holds every exercise answered "
             f"there so far: {', '.join(titles.get(e, e) for e in begun) or 'none yet'}.", ""]
    todo = unfinished(outline, submission["exercises"])
    if todo:
        lines += ["**Not finished yet** (you can still hand this in):", ""] + [f"- {t}" for t in todo] + [""]
    for exercise in begun:
        lines += [f"## {titles.get(exercise, exercise)}", ""]
        entries = sorted(submission.get("readable", {}).get(exercise, {}).values(), key=lambda r: r["position"])
        part = None
        for entry in entries:
            if entry["part"] != part:
                part = entry["part"]
                lines += [f"### {part}", ""]
            lines += [f"**{entry['question']}**", "", entry["answer"], ""]
    return "\n".join(lines)
