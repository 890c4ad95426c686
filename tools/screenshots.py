"""Screenshots of a built book, to compare before and after a change of its scripts or styles.

    python tools/screenshots.py _build/html OUT_DIR

Serves the folder on localhost and opens, in headless Chromium (Debian's, through Playwright), a
chapter page, a text page and the search page (with a query), in the light and the dark theme, at
1400 px and 390 px wide; it also opens the download menu and the first plotly menu of the chapter
and screenshots them. Requests that leave localhost are blocked and listed, with console errors, in
OUT_DIR/report.txt. Look at the PNGs: icons, both themes, search results, the download menu and the
figure's menu must all be there.
"""
from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

PAGES = {
    "chapter": "chapters/01-personal-diplomacy.html",
    "text": "glossary.html",
    "search": "search.html?q=NATO",
}
WIDTHS = (1400, 390)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def main(folder: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    server, base = serve(folder)
    report = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for width in WIDTHS:
            for theme in ("light", "dark"):
                context = browser.new_context(viewport={"width": width, "height": 900})
                context.add_init_script(f"localStorage.setItem('mode', '{theme}'); "
                                        f"localStorage.setItem('theme', '{theme}');")
                page = context.new_page()
                errors, outside = [], []
                # The handlers below use this iteration's lists, and run only before its context closes
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # noqa: B023
                page.on("pageerror", lambda e: errors.append(str(e)))  # noqa: B023
                page.on("requestfailed", lambda r: errors.append(f"failed: {r.url}"))  # noqa: B023

                def block(route):
                    outside.append(route.request.url)  # noqa: B023
                    route.abort()

                page.route(lambda url: not url.startswith(base), block)
                for name, path in PAGES.items():
                    page.goto(base + path, wait_until="networkidle")
                    page.wait_for_timeout(800)
                    stem = f"{name}-{width}-{theme}"
                    page.screenshot(path=str(out / f"{stem}.png"))
                    if name == "search":
                        hits = page.locator("#search-results li").count()
                        report.append(f"{stem}: {hits} search results")
                    if name == "chapter" and width == 1400:
                        button = page.locator(".dropdown-download-buttons button").first
                        if button.count():
                            button.click()
                            page.wait_for_timeout(300)
                            page.screenshot(path=str(out / f"{stem}-download-menu.png"))
                            page.keyboard.press("Escape")
                        menu = page.locator(".plotly-graph-div .updatemenu-header-group").first
                        if menu.count():
                            menu.scroll_into_view_if_needed()
                            menu.click()
                            page.wait_for_timeout(300)
                            page.screenshot(path=str(out / f"{stem}-plotly-menu.png"))
                        icons = page.evaluate(
                            "() => [...document.querySelectorAll('i.fa-solid, i.fas, i.fab, i.far, .fa-solid, "
                            "svg.svg-inline--fa')]\n                            .filter(e => e.offsetParent !== null)"
                            ".map(e => getComputedStyle(e, '::before').content !== 'none' || e.tagName === 'svg')"
                            ".length")
                        report.append(f"{stem}: {icons} visible icons")
                report.append(f"{width} {theme}: console errors {errors}; blocked outside requests {outside}")
                context.close()
        browser.close()
    server.shutdown()
    (out / "report.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(report))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
