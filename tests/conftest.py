"""Shared fixtures. Also keeps nbval's kernels away from any real answers file."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SHARED_SOURCES = ROOT.parent / "shared" / "sources"


def toc_pages(caption: str | None = None) -> list[str]:
    """The pages listed in ``_toc.yml`` (names without suffix, e.g. ``chapters/01-personal-diplomacy``), in
    order: the root page first, then every part's. With ``caption``, only the pages of the part so titled."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def files(entries):
        for entry in entries:
            yield entry["file"]
            yield from files(entry.get("sections", []))

    parts = [part for part in toc["parts"] if caption is None or part["caption"] == caption]
    assert parts, f"_toc.yml has no part titled {caption!r}"
    return ([toc["root"]] if caption is None else []) + [name for part in parts for name in files(part["chapters"])]


# nbval starts its kernels from this process: give them an empty answers folder, so stored
# outputs never depend on answers a developer saved while trying an exercise.
os.environ["USRUSSIA_ANSWERS_DIR"] = tempfile.mkdtemp(prefix="usrussia-answers-")


def build_book(out: Path, edition: str) -> Path:
    """Build one edition of the book into ``out`` with -W (any warning fails); the HTML folder."""
    env = {k: v for k, v in os.environ.items() if k != "USRUSSIA_EDITION"}
    if edition != "student":
        env["USRUSSIA_EDITION"] = edition
    result = subprocess.run(
        [str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--path-output", str(out),
         "-W", "-n", "--keep-going"],
        capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "_build" / "html"


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The student edition (what ``jupyter-book build .`` gives), built once per test session."""
    return build_book(tmp_path_factory.mktemp("book"), "student")


@pytest.fixture(scope="session")
def instructor_built(tmp_path_factory) -> Path:
    """The instructor edition (``USRUSSIA_EDITION=instructor``), built once per test session."""
    return build_book(tmp_path_factory.mktemp("instructor-book"), "instructor")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the real data folder, and of references.bib beside it, that a test may damage."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    return target


def pytest_terminal_summary(terminalreporter):
    """Say how many notebook cells nbval checked, and in how many notebooks."""
    items = [item for stats in terminalreporter.stats.values() for item in stats
             if getattr(item, "when", "") == "call" and getattr(item, "nodeid", "").split("::")[0].endswith(".ipynb")]
    notebooks = {item.nodeid.split("::")[0] for item in items}
    if items:
        terminalreporter.write_line(f"nbval: {len(items)} notebook cells checked in {len(notebooks)} notebooks: "
                                    + ", ".join(sorted(notebooks)))


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Debian's, driven by Playwright), shared by the browser tests
    and the JupyterLab test; those modules skip themselves where Chromium is missing."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                  "--disable-background-networking", "--disable-component-update"])
        yield browser
        browser.close()
