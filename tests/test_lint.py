"""The code stays as clean as it is: ruff (configured in pyproject.toml) finds nothing in the repository."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT


def _ruff() -> str | None:
    """The ruff executable: the one installed with the Python package, else one on PATH."""
    try:
        from ruff.__main__ import find_ruff_bin
    except ImportError:
        return shutil.which("ruff")
    try:
        return str(find_ruff_bin())
    except FileNotFoundError:
        return shutil.which("ruff")


def test_ruff_finds_nothing():
    ruff = _ruff()
    if ruff is None:
        pytest.skip("ruff is not installed: pip install -r requirements.txt (or pip install ruff) to lint the code")
    result = subprocess.run([ruff, "check", "--no-cache", "--output-format", "concise", "."],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, \
        f"ruff check . (fix by hand or with ruff check --fix):\n{result.stdout}{result.stderr}"
