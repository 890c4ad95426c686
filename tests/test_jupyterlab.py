"""An exercise done in JupyterLab 4 and in Notebook 7, driven in Chromium as a student would: open the
downloaded course, Run All, answer, restart the kernel and run again (the answers come back), and export.

Needs Debian's Chromium, like test_browser.py (skipped without it, required in CI)."""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile

import pytest
import test_browser  # noqa: F401  (skips this module too where Chromium is missing)

from conftest import ROOT
from usrussia import bundle


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


FRONT_ENDS = {"jupyterlab": "lab/tree/exercises/07-synthesis.ipynb",
              "notebook": "notebooks/exercises/07-synthesis.ipynb"}


@pytest.fixture(scope="module", params=sorted(FRONT_ENDS))
def lab(tmp_path_factory, request):
    """JupyterLab or Notebook 7 serving the downloaded course (the zip every exercise page links to), unzipped."""
    folder = tmp_path_factory.mktemp("student")
    with zipfile.ZipFile(bundle.course_zip(folder)) as archive:
        archive.extractall(folder)
    course = folder / bundle.NAME
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "USRUSSIA_ANSWERS_DIR"}  # answers: beside the notebook
    # settings and workspaces of this run only, not the user's
    env.update(JUPYTERLAB_SETTINGS_DIR=str(folder / "lab-settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(folder / "lab-workspaces"))
    server = subprocess.Popen(
        [sys.executable, "-m", request.param, "--no-browser", "--allow-root", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
         "--ServerApp.disable_check_xsrf=True", f"--ServerApp.root_dir={course}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(120):
        try:
            urllib.request.urlopen(url + "api/status", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("JupyterLab did not start")
    # Every cell stays in the page (JupyterLab 4 otherwise drops cells scrolled out of view), and no news.
    for plugin, settings in [("@jupyterlab/notebook-extension:tracker", {"windowingMode": "none"}),
                             ("@jupyterlab/apputils-extension:notification", {"fetchNews": "false"})]:
        put = urllib.request.Request(f"{url}lab/api/settings/{plugin}", method="PUT",
                                     data=json.dumps({"raw": json.dumps(settings)}).encode())
        urllib.request.urlopen(put, timeout=10)
    yield url, course, FRONT_ENDS[request.param]
    server.terminate()
    server.wait(timeout=20)
    shutil.rmtree(course / "exercises" / ".ipynb_checkpoints", ignore_errors=True)


def _wait_for_an_idle_kernel(url: str) -> None:
    for _ in range(120):
        sessions = json.loads(urllib.request.urlopen(url + "api/sessions", timeout=5).read())
        if sessions and all(s["kernel"]["execution_state"] == "idle" for s in sessions):
            time.sleep(1)  # the front end connects to it
            return
        time.sleep(0.5)
    pytest.fail("the kernel did not start")


def _run_menu(page, menu: str, item: str) -> None:
    page.locator(f".lm-MenuBar-itemLabel:text-is('{menu}')").click()
    page.locator(f".lm-Menu-itemLabel:text-is('{item}')").click()


def test_a_student_does_an_exercise_in_jupyter(lab, browser):
    url, course, notebook = lab
    answers = course / "exercises" / "my-answers.json"
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(url + notebook)
        page.locator(".jp-Notebook").wait_for(timeout=60_000)
        _wait_for_an_idle_kernel(url)
        _run_menu(page, "Run", "Run All Cells")
        page.locator(".usrst:has-text('No answers saved yet')").wait_for(timeout=60_000)
        memo = page.locator(".usri-written textarea").last
        memo.wait_for(timeout=60_000)

        # Arrow keys move the weigher's slider; they are not taken as notebook shortcuts.
        slider = page.locator(".usrcw input[type=range]").first
        slider.focus()
        active_cell = ("() => [...document.querySelectorAll('.jp-Notebook-cell')]"
                       ".findIndex(c => c.classList.contains('jp-mod-active'))")
        active = page.evaluate(active_cell)
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert slider.input_value() == "2"
        assert page.evaluate(active_cell) == active  # the focus stayed in the widget
        # The weigher's balance does not cover the claims in JupyterLab (it is not sticky there).
        assert page.evaluate("() => getComputedStyle(document.querySelector('.usrcw-summary')).position") != "sticky"

        memo.fill("Summits can open doors that structures have already unlocked.")
        for _ in range(40):
            if answers.exists() and "already unlocked" in answers.read_text(encoding="utf-8"):
                break
            page.wait_for_timeout(250)
        saved = json.loads(answers.read_text(encoding="utf-8"))["exercises"]["07-synthesis"]
        assert saved["memo"] == "Summits can open doors that structures have already unlocked."
        assert list(saved["all-claim-weights"]["weights"].values()) == [2]

        # Restart the kernel and run everything again: the answers come back.
        _run_menu(page, "Kernel", "Restart Kernel and Run All Cells…")
        page.locator(".jp-Dialog-button.jp-mod-accept").click()
        page.wait_for_timeout(1500)
        page.locator(".usrst").wait_for(timeout=60_000)
        page.locator(".usrst:has-text('2 answer(s) from an earlier session restored')").wait_for(timeout=60_000)
        page.wait_for_function("""() => {  // every cell has run again and drawn its widget
            const areas = document.querySelectorAll('.usri-written textarea');
            return areas.length === 2 && document.querySelector('.usrhi')
                && areas[1].value === 'Summits can open doors that structures have already unlocked.';
        }""", timeout=60_000)
        assert page.locator(".usrcw input[type=range]").first.input_value() == "2"

        # Export: both files beside the notebook, the unfinished parts said first.
        hand_in = page.locator(".usrhi")
        assert "Part 2. Argue the other side: 0 words; aim for 150–250." in hand_in.inner_text()
        hand_in.get_by_label("Your name:").fill("Ana María O'Neil")
        hand_in.get_by_role("button", name="Export my answers").click()
        hand_in.locator(".usrhi-result:has-text('answers-ana-maria-oneil.json')").wait_for(timeout=30_000)
    finally:
        context.close()
    exported = json.loads((course / "exercises" / "answers-ana-maria-oneil.json").read_text(encoding="utf-8"))
    assert exported["student"] == "Ana María O'Neil"
    readable = (course / "exercises" / "answers-ana-maria-oneil.md").read_text(encoding="utf-8")
    assert "### Part 3. Advise the president" in readable and "already unlocked" in readable


def test_the_course_download_holds_what_the_exercises_need_and_no_instructor_text():
    names = [p.relative_to(ROOT).as_posix() for p in bundle.files()]
    assert {f"exercises/{p.name}" for p in ROOT.glob("exercises/*.ipynb")} <= set(names)
    assert {"requirements-student.txt", "usrussia/answers.schema.json", "references.bib"} <= set(names)
    assert not [n for n in names if n.startswith(("instructors/", "tests/", "tools/", ".ci/"))]
    student = (ROOT / "requirements-student.txt").read_text(encoding="utf-8")
    assert "playwright" not in student and "jupyter-book" not in student and "pytest" not in student
