"""Shared fixtures. Also keeps nbval's kernels away from any real answers file."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED_SOURCES = ROOT.parent / "shared" / "sources"

# nbval starts its kernels from this process: give them an empty answers folder, so stored
# outputs never depend on answers a developer saved while trying an exercise.
os.environ["USRUSSIA_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="usrussia-answers-")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the real data folder that a test may damage."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def pytest_terminal_summary(terminalreporter):
    """Say how many notebook cells nbval checked, and in how many notebooks."""
    items = [item for stats in terminalreporter.stats.values() for item in stats
             if getattr(item, "when", "") == "call" and getattr(item, "nodeid", "").split("::")[0].endswith(".ipynb")]
    notebooks = {item.nodeid.split("::")[0] for item in items}
    if items:
        terminalreporter.write_line(f"nbval: {len(items)} notebook cells checked in {len(notebooks)} notebooks: "
                                    + ", ".join(sorted(notebooks)))
