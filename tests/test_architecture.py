"""The package's import graph has the rules and the data at the bottom and the views and reports above
them; nothing imports upwards (issue: one source of truth for each concept)."""
from __future__ import annotations

import ast

import pytest

from conftest import ROOT

LAYERS = {  # a module may import only modules of a lower layer (or its own layer's listed peers)
    "scoring": 0, "course": 0, "prospect": 0, "bibliography": 0, "stylesheets": 0,
    "data": 1, "answers": 1,
    "sources": 2, "keys": 2, "bundle": 2,
    "figures": 3, "layout": 3, "widgets": 3,
    "exercises": 4, "summary": 4, "guide": 4, "book": 4,
    "__main__": 5,
}


def imports(module: str) -> set[str]:
    """The package's own modules that ``module`` imports."""
    tree = ast.parse((ROOT / "usrussia" / f"{module}.py").read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module} if node.module else {alias.name for alias in node.names}
    return found


def test_every_module_has_a_layer():
    assert {p.stem for p in (ROOT / "usrussia").glob("*.py")} - {"__init__"} == set(LAYERS)


@pytest.mark.parametrize("module", sorted(LAYERS))
def test_nothing_imports_upwards_or_sideways(module):
    upward = {m for m in imports(module) if LAYERS[m] >= LAYERS[module]}
    assert upward == set(), f"{module} imports {upward}"


def test_the_rules_and_the_report_need_no_ui():
    assert imports("scoring") == set()
    assert "keys" not in imports("figures")  # a derived table of the data lives in data
    assert "widgets" not in imports("summary") and "exercises" not in imports("summary")
