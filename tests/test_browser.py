"""The built book in a real browser (headless Chromium driven by Playwright), with the network cut off.

Every page is served from localhost and any request elsewhere is blocked and recorded. On every page:
no external or failed request, no console error, every figure drawn, every widget rendered, no serious
or critical accessibility violation (axe-core). A screenshot of each page is saved in
``_build/screenshots/``. The key widgets are operated, by keyboard and mouse, and must respond with no
kernel.

Without Chromium these tests are skipped with a message saying how to install it; CI sets
``USRUSSIA_REQUIRE_BROWSER=1``, which turns that skip into a failure.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT, toc_pages

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("USRUSSIA_REQUIRE_BROWSER") == "1"
HOW_TO_INSTALL = ("Chromium is not installed, so the browser checks are skipped. On Debian or Ubuntu: "
                  "sudo apt-get install chromium (Playwright's own browser download is not needed).")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - playwright is in requirements.txt
    sync_playwright = None

if not Path(CHROMIUM).exists() or sync_playwright is None:
    if REQUIRED:
        raise RuntimeError(HOW_TO_INSTALL + " (USRUSSIA_REQUIRE_BROWSER=1 makes the browser checks required)")
    pytest.skip(HOW_TO_INSTALL, allow_module_level=True)

SCREENSHOTS = ROOT / "_build" / "screenshots"
TOC_PAGES = [f"{name}.html" for name in toc_pages()]
PAGES = TOC_PAGES + ["search.html", "genindex.html"]
CHAPTERS = [p for p in TOC_PAGES if p.startswith("chapters/")]
WIDGETS_RENDERED = """() => [...document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]')]
    .every(s => s.previousElementSibling && s.previousElementSibling.classList.contains('usr-widget')
                && s.previousElementSibling.dataset.rendered === 'true')"""
READ_THROUGH = """async () => {
    for (const figure of document.querySelectorAll('.plotly-graph-div')) {
        figure.scrollIntoView();
        await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    }
    window.scrollTo(0, 0);
}"""
FIGURES_DRAWN = """() => [...document.querySelectorAll('.plotly-graph-div')].every(d => d.querySelector('.main-svg'))"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(directory):
    """Serve a built book on localhost, as any static host would serve it; yield its address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=directory))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def site(built):
    """The student edition, served."""
    yield from _serve(built)


@pytest.fixture(scope="session")
def instructor_site(instructor_built):
    """The instructor edition, served: the instructor guide's pages are checked there."""
    yield from _serve(instructor_built)


@dataclass
class Visit:
    """A page opened with everything off localhost blocked, and what went wrong while it loaded."""

    page: object
    external: list = field(default_factory=list)
    failed: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    requests: list = field(default_factory=list)


@pytest.fixture
def open_page(browser, request):
    contexts = []

    def visit(path: str, width: int = 1400) -> Visit:
        site = request.getfixturevalue("instructor_site" if path.startswith("instructors/") else "site")
        context = browser.new_context(viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        result = Visit(page)

        def route(route):
            url = route.request.url
            if url.startswith(site):
                result.requests.append(url)
                route.continue_()
            else:
                result.external.append(url)
                route.abort()

        page.route("**/*", route)
        page.on("console", lambda m: result.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: result.errors.append(str(e)))
        page.on("requestfailed", lambda r: result.failed.append(f"{r.url} ({r.failure})")
                if r.url.startswith(site) else None)
        page.on("response", lambda r: result.failed.append(f"{r.url} ({r.status})") if r.status >= 400 else None)
        page.goto(site + path, wait_until="load")
        page.wait_for_function(WIDGETS_RENDERED, timeout=15_000)
        # a reader scrolls through the page: each figure is drawn as it comes near
        page.evaluate(READ_THROUGH)
        page.wait_for_function(FIGURES_DRAWN, timeout=10_000)
        return result

    yield visit
    for context in contexts:
        context.close()


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_whole_and_offline(open_page, path):
    visit = open_page(path)
    assert visit.external == [], "requests left localhost"
    assert visit.failed == [], "requests failed"
    assert visit.errors == [], "console errors"
    page = visit.page
    assert page.evaluate("() => [...document.querySelectorAll('.usr-widget')]"
                         ".filter(w => !w.dataset.rendered).length") == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / (path.replace("/", "_").removesuffix(".html") + ".png")), full_page=True)


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_accessibility_violations(open_page, path):
    from axe_playwright_python.sync_playwright import Axe

    visit = open_page(path)
    results = Axe().run(visit.page)
    serious = [f"{v['id']} ({v['impact']}): {v['help']} — e.g. {v['nodes'][0]['target']}"
               for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_toolbar_icons_are_drawn_and_a_tooltip_points_at_its_button(open_page):
    """The stylesheet is joined and lightened at build time (usrussia/stylesheets.py): the icons and
    the tooltip's arrow, whose class Bootstrap builds at run time, must survive it."""
    page = open_page("chapters/01-personal-diplomacy.html").page
    icons = page.evaluate("""() => [...document.querySelectorAll('.article-header-buttons i, .search-button i')]
        .filter(i => i.offsetParent).map(i => {
            const s = getComputedStyle(i, '::before');
            return [i.className, s.content, s.fontFamily];
        })""")
    assert len(icons) >= 3
    for name, content, family in icons:
        assert content not in ("none", "normal", '""') and "Font Awesome" in family, name
    page.hover(".article-header-buttons .btn-fullscreen-button")
    page.wait_for_selector(".tooltip.show .tooltip-arrow")
    arrow = page.evaluate("""() => { const s = getComputedStyle(
        document.querySelector('.tooltip.show .tooltip-arrow'), '::before');
        return ['Top', 'Bottom', 'Left', 'Right'].map(side => [s['border' + side + 'Width'],
                                                              s['border' + side + 'Color']]); }""")
    assert any(width != "0px" and color != "rgba(0, 0, 0, 0)" for width, color in arrow), arrow


@pytest.mark.parametrize("path", CHAPTERS)
def test_chapter_loads_plotly_once_and_describes_every_figure(open_page, path):
    visit = open_page(path)
    assert sum("plotly-basic.min.js" in url for url in visit.requests) == 1
    page = visit.page
    figures = page.locator(".usr-figure")
    assert figures.count() >= 1
    for i in range(figures.count()):
        assert len(figures.nth(i).locator("figcaption").inner_text()) > 40  # the figure's text description


def test_timeline_explorer_zooms_to_a_presidency_without_a_kernel(open_page):
    page = open_page("chapters/01-personal-diplomacy.html").page
    figure_id = "fig-ch01-timeline-all"
    page.locator(f"#{figure_id}").scroll_into_view_if_needed()
    before = page.evaluate(f"() => document.getElementById('{figure_id}').layout.xaxis.range.slice()")
    page.locator(f"#{figure_id} .updatemenu-header-group").click()
    page.locator(f"#{figure_id} .updatemenu-dropdown-button", has_text="Barack Obama").click()
    page.wait_for_timeout(500)
    after = page.evaluate(f"() => document.getElementById('{figure_id}').layout.xaxis.range.slice()")
    assert after != before
    assert after[0].startswith("2009-01-20") and after[1].startswith("2017-01-20")


def test_claim_weigher_responds_to_the_keyboard_without_a_kernel(open_page):
    from usrussia import data, scoring

    page = open_page("chapters/01-personal-diplomacy.html").page
    weigher = page.locator(".usrcw").first
    sliders = weigher.locator("input[type=range]")
    assert weigher.locator(".usrcw-verdict").inner_text().startswith("Weigh at least one claim")
    claims = data.load().claims.query("chapter == 'personal-diplomacy'")
    theses = dict(zip(claims["claim_id"], claims["thesis"]))
    first, last = sliders.first, sliders.last
    first.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    last.focus()
    page.keyboard.press("ArrowRight")
    weights = {first.get_attribute("data-claim"): 3, last.get_attribute("data-claim"): 1}
    expected = scoring.thesis_balance(theses, weights)
    assert weigher.locator(".usrcw-verdict").inner_text() == scoring.balance_verdict(expected)
    widths = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.usrcw-seg')]
        .map(s => [s.dataset.thesis, parseFloat(s.style.width)]))""")
    assert widths == {t: pytest.approx(share * 100, abs=0.1) for t, share in expected.items() if share > 0}
    assert first.get_attribute("aria-valuetext") == "largely"
    menu = weigher.locator("select").first
    menu.focus()
    page.keyboard.press("ArrowDown")
    assert menu.input_value() != ""


def test_timeline_explorer_works_by_keyboard(open_page):
    page = open_page("chapters/01-personal-diplomacy.html").page
    figure_id = "fig-ch01-timeline-all"
    menu = page.locator(f"#{figure_id}-menu")
    assert page.locator(f"label[for='{figure_id}-menu']").inner_text().startswith("Zoom to a presidency")
    menu.focus()
    page.keyboard.press("ArrowDown")  # the first presidency after "All years"
    page.wait_for_timeout(300)
    after = page.evaluate(f"() => document.getElementById('{figure_id}').layout.xaxis.range.slice()")
    assert after[0].startswith("1989-01-20") and after[1].startswith("1993-01-20")


def test_nato_paradox_steps_through_the_years_by_keyboard_without_a_kernel(open_page):
    page = open_page("chapters/02-security.html").page
    figure_id = "fig-ch02-nato-paradox"
    year = page.locator(f"#{figure_id}-slider")
    assert year.input_value() == str(len(year.locator("option").all()) - 1)  # starts at the latest year
    year.focus()
    page.keyboard.press("Home")  # 1991
    page.wait_for_timeout(300)

    def note():
        return page.evaluate(f"() => document.getElementById('{figure_id}').layout.annotations[0].text")

    assert note().startswith("1991: 16 members")
    for _ in range(13):  # to 2004
        page.keyboard.press("ArrowDown")
    page.wait_for_timeout(300)
    assert note().startswith("2004: 26 members") and "level 1" in note()
    marker = page.evaluate(f"() => document.getElementById('{figure_id}').layout.shapes[0].x0")
    assert marker == 2004


def test_prospect_lab_choice_flips_where_the_maths_says_without_a_kernel(open_page):
    from usrussia.prospect import PRESETS, preference

    page = open_page("chapters/04-risk.html").page
    lab = page.locator(".usrpl").first
    verdict = lab.locator(".usrpl-verdict")
    assert verdict.get_attribute("data-choice") == preference(PRESETS["losses"]["choice"], 0.88, 0.88, 2.25) == "gamble"
    beta = lab.locator("input[data-key=beta]")
    beta.focus()
    for _ in range(12):  # 0.88 -> 1.00 in steps of 0.01
        page.keyboard.press("ArrowRight")
    assert verdict.get_attribute("data-choice") == "indifferent"
    page.keyboard.press("ArrowRight")  # 1.01: concave for losses, so the sure loss is preferred
    assert verdict.get_attribute("data-choice") == preference(PRESETS["losses"]["choice"], 0.88, 1.01, 2.25) == "sure"
    lab.locator(".usrpl-presets button").nth(1).click()  # the mixed gamble: loss aversion decides
    mixed = PRESETS["mixed"]["choice"]
    assert verdict.get_attribute("data-choice") == preference(mixed, 0.88, 1.01, 2.25)
    assert f"{mixed.expected_gamble():.1f}" in lab.locator(".usrpl-numbers").inner_text()


def test_prospect_lab_reference_point_moves_the_choice_as_the_python_does_by_keyboard(open_page):
    from dataclasses import replace

    from usrussia.prospect import PRESETS, TVERSKY_KAHNEMAN_1992, preference

    page = open_page("chapters/04-risk.html").page
    lab = page.locator(".usrpl").first
    verdict, numbers = lab.locator(".usrpl-verdict"), lab.locator(".usrpl-numbers")
    reference = lab.locator("input[data-key=reference]")
    assert lab.locator(f"label[for='{reference.get_attribute('id')}']").inner_text() == "Reference point (r)"
    assert [reference.get_attribute(a) for a in ("min", "max", "step")] == ["-100", "100", "5"]
    preset = PRESETS["reference"]
    lab.locator(".usrpl-presets button", has_text=preset["label"]).click()
    assert reference.input_value() == "0"

    def shows(r: int) -> None:
        """The lab agrees with the Python, to the digit it shows, at reference point r."""
        choice = replace(preset["choice"], reference=r)
        tk = TVERSKY_KAHNEMAN_1992
        assert reference.input_value() == str(r)
        assert verdict.get_attribute("data-choice") == preference(choice, **tk)
        assert f"reference point at {r} " in verdict.inner_text()
        assert (f"Value of the sure outcome: {choice.sure_value(**tk):.1f}. "
                f"Value of the gamble: {choice.gamble_value(**tk):.1f} ") in numbers.inner_text()

    shows(0)
    assert verdict.get_attribute("data-choice") == "sure"
    reference.focus()
    for _ in range(16):  # 0 -> 80 in steps of 5
        page.keyboard.press("ArrowRight")
    shows(80)
    assert verdict.get_attribute("data-choice") == "sure"
    page.keyboard.press("ArrowRight")  # 85: past the flip at r = 83.2
    shows(85)
    assert verdict.get_attribute("data-choice") == "gamble"
    page.keyboard.press("End")
    shows(100)
    page.keyboard.press("Home")
    shows(-100)
    lab.locator(".usrpl-presets button").first.click()  # a preset puts the reference point back at 0
    assert reference.input_value() == "0"
    assert verdict.get_attribute("data-choice") == preference(PRESETS["losses"]["choice"], **TVERSKY_KAHNEMAN_1992)


def test_threat_sorter_reveals_the_readings_after_an_answer_without_a_kernel(open_page):
    page = open_page("chapters/03-threat-perception.html").page
    sorter = page.locator(".usrso").first
    first = sorter.locator(".usrso-item").first
    assert first.locator(".usrso-reveal").is_hidden()
    first.locator("input[type=radio]").first.focus()
    page.keyboard.press("Space")
    assert first.locator(".usrso-reveal").is_visible()
    assert "1 of" in sorter.locator(".usrso-summary").inner_text()


def test_synthesis_weigher_shows_the_balance_by_factor_without_a_kernel(open_page):
    from usrussia import data, scoring

    page = open_page("chapters/07-synthesis.html").page
    weigher = page.locator(".usrcw").first
    claims = data.load().claims
    assert weigher.locator("input[type=range]").count() == len(claims)  # every claim of the course
    slider = weigher.locator("input[type=range]").nth(5)
    slider.focus()
    page.keyboard.press("End")  # fully convincing
    claim_id = slider.get_attribute("data-claim")
    expected = scoring.factor_balance(dict(zip(claims["claim_id"], claims["factor"])), {claim_id: 4})
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.usrcw-factors li')]
        .map(li => [li.dataset.factor, parseFloat(li.querySelector('.usrcw-meter').style.width)]))""")
    assert shown == {f: pytest.approx(share * 100, abs=0.1) for f, share in expected.items()}


def test_a_student_does_exercise_1_on_the_page_and_hands_it_in(open_page, tmp_path):
    """The whole exercise on the published page, no kernel, a fresh browser profile, the network cut off:
    wrong and right answers get their feedback, a claim is weighed, an argument written; a reload keeps
    everything; the export downloads both files, and the instructor's summary reads the JSON."""
    from usrussia import data, keys, summary

    course = data.load()
    visit = open_page("exercises/01-personal-diplomacy.html", width=390)  # a phone
    page = visit.page
    status = page.locator(".usrst")
    assert "kept in this browser" in status.inner_text() and "No answers kept" in status.inner_text()

    # Part 1: a wrong order first, then the right one.
    order = page.locator(".usri-order").first
    right = keys.reset_order(course)
    wrong = right[1:] + right[:1]
    for position, reset in enumerate(wrong, start=1):
        order.locator(f"select[data-item='{reset}']").select_option(str(position))
    order.locator("xpath=..").get_by_role("button", name="Check my order").click()
    feedback = order.locator("xpath=..").locator(".usri-feedback")
    assert "✘ 0 of 6 in the right place. Not yet right: position 1" in feedback.inner_text()
    for position, reset in enumerate(right, start=1):
        order.locator(f"select[data-item='{reset}']").select_option(str(position))
    order.locator("xpath=..").get_by_role("button", name="Check my order").click()
    assert "✔ All 6 in the right place." in feedback.inner_text()

    # Part 3: a factual-problem question, wrong then right; the feedback gives the record either way.
    question = course.questions.query("kind == 'problem' and chapter == 'personal-diplomacy'").iloc[0]
    item = page.locator(".usri-choice").first
    answer = keys.problem_answer(question)
    item.locator("input[type=radio]").nth((answer + 1) % len(question.options.split("|"))).check()
    item.get_by_role("button", name="Check my answer").click()
    assert "✘ Not this one." in item.locator(".usri-feedback").inner_text()
    assert "The record:" in item.locator(".usri-feedback").inner_text()
    item.locator("input[type=radio]").nth(answer).check()
    item.get_by_role("button", name="Check my answer").click()
    assert "✔ Right." in item.locator(".usri-feedback").inner_text()
    box = item.locator(".usri-option").first.bounding_box()
    assert box["height"] >= 24  # touch targets

    # Part 4: weigh a claim by keyboard; Part 5: write.
    slider = page.locator(".usrcw input[type=range]").first
    slider.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    text = "Structure sets the limits; leaders choose the timing. " * 3
    page.locator(".usri-written textarea").fill(text)
    assert "24 words (aim for 250–400)." in page.locator(".usri-count").inner_text()
    assert "4 answers kept for this exercise" in status.inner_text()

    # Reload: everything is still there, with the marks it earned.
    page.reload()
    page.wait_for_function(WIDGETS_RENDERED, timeout=15_000)
    assert "✔ All 6 in the right place." in page.locator(".usri-order").first.locator("xpath=..").inner_text()
    assert "✔ Right." in page.locator(".usri-choice").first.locator(".usri-feedback").inner_text()
    assert page.locator(".usrcw input[type=range]").first.input_value() == "3"
    assert page.locator(".usri-written textarea").input_value() == text

    # Hand in: both files downloaded; the unfinished parts listed; the summary reads the JSON.
    hand_in = page.locator(".usrhi")
    assert "Part 5. Your argument: 24 words; aim for 250–400." in hand_in.inner_text()
    hand_in.get_by_label("Your name:").fill("Ana María O'Neil")
    with page.expect_download() as submission:
        hand_in.get_by_role("button", name="Export my answers").click()
    with page.expect_download() as copy:
        hand_in.get_by_role("link", name="Download answers-ana-maria-oneil.md (a copy you can read)").click()
    assert [submission.value.suggested_filename, copy.value.suggested_filename] == [
        "answers-ana-maria-oneil.json", "answers-ana-maria-oneil.md"]
    for download in (submission.value, copy.value):
        download.save_as(tmp_path / download.suggested_filename)
    readable = (tmp_path / "answers-ana-maria-oneil.md").read_text(encoding="utf-8")
    assert "# Answers of Ana María O'Neil" in readable and "### Part 1. Order the resets" in readable
    assert "largely convincing" in readable  # weights in words
    submissions, skipped = summary.read_submissions([tmp_path])
    assert [s.student for s in submissions] == ["Ana María O'Neil"] and skipped == []
    assert submissions[0].exercises["01-personal-diplomacy"][keys.ORDER_KEY] == right
    assert visit.external == [] and visit.errors == []


def test_start_again_asks_first_and_refused_storage_is_said(open_page):
    visit = open_page("exercises/07-synthesis.html")
    page = visit.page
    page.locator(".usri-written textarea").first.fill("A first thought.")
    status = page.locator(".usrst")
    assert "1 answer kept" in status.inner_text()
    page.once("dialog", lambda dialog: dialog.dismiss())
    status.get_by_role("button", name="Start again").click()
    assert page.locator(".usri-written textarea").first.input_value() == "A first thought."  # dismissed: kept
    page.once("dialog", lambda dialog: dialog.accept())
    status.get_by_role("button", name="Start again").click()
    page.wait_for_load_state("load")
    page.wait_for_function(WIDGETS_RENDERED, timeout=15_000)
    assert page.locator(".usri-written textarea").first.input_value() == ""
    # A browser that refuses storage: the page says so, and export still works.
    page.add_init_script("Object.defineProperty(window, 'localStorage', "
                         "{get() { throw new DOMException('denied', 'SecurityError'); }})")
    page.reload()
    page.wait_for_function(WIDGETS_RENDERED, timeout=15_000)
    assert "does not let the page keep your answers" in status.inner_text()
    page.locator(".usri-written textarea").first.fill("Kept in memory only.")
    page.locator(".usrhi").get_by_label("Your name:").fill("Ada Lovelace")
    with page.expect_download() as download:
        page.locator(".usrhi").get_by_role("button", name="Export my answers").click()
    assert download.value.suggested_filename == "answers-ada-lovelace.json"
