"""Lighthouse (mobile, default throttling) over every page of the built book, served gzipped, beside a
default Jupyter Book 1 built in the same run.

    python tools/lighthouse.py                      # builds this book and a default one, then measures
    python tools/lighthouse.py --book _build/html   # measures an existing build of this book
    python tools/lighthouse.py --pages intro.html chapters/01-personal-diplomacy.html
    USRUSSIA_EDITION=instructor python tools/lighthouse.py --no-default   # the instructor edition

Needs npm's `lighthouse` (13.x): set LIGHTHOUSE to its command, or install it outside the repository,
    npm install --prefix ~/.cache/usrussia-node-tools lighthouse@13
(the default place this script looks), or let it fall back to `npx --yes lighthouse@13`. Chromium is
Debian's (CHROME_PATH, default /usr/bin/chromium), run with --headless --no-sandbox --disable-gpu.

The book is served by a small HTTP server that gzips text files (HTML, CSS, JS, SVG, JSON) at level 6
and sends `Content-Encoding: gzip`, as static hosts do. The default book is `jupyter-book create`'s
sample plus one notebook drawing a plotly figure, executed by the build with the `notebook`
renderer (PLOTLY_RENDERER; plotly's default gives only a mime type Jupyter Book 1 does not draw).
The table gives, per page: the performance, accessibility and best-practices scores, the first
contentful paint, and the bytes transferred; then the audits that failed. Scores move by a few points
between runs on a busy machine: compare pages measured in one run.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NODE_TOOLS = Path(os.environ.get("NODE_TOOLS") or Path.home() / ".cache" / "usrussia-node-tools")
COMPRESSIBLE = {".html", ".css", ".js", ".svg", ".json", ".txt", ".xml", ".map", ".ttf", ".inv"}
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
PLOTLY_NOTEBOOK = [
    "import plotly.express as px\n",
    "df = px.data.gapminder().query(\"country == 'Canada'\")\n",
    "px.line(df, x='year', y='lifeExp', title='Life expectancy in Canada')",
]


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder, gzipping text files (level 6) like a static host; no caching between runs."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO
        return BytesIO(body)

    def log_message(self, *args):
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def jupyter_book() -> str:
    return str(Path(sys.executable).parent / "jupyter-book")


def build_ours(out: Path) -> Path:
    subprocess.run([jupyter_book(), "build", str(ROOT), "--path-output", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    return out / "_build" / "html"


def build_default(out: Path) -> Path:
    """`jupyter-book create`'s sample book, plus a page with one plotly figure."""
    book = out / "default-book"
    subprocess.run([jupyter_book(), "create", str(book)], check=True, stdout=subprocess.DEVNULL)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# A plotly figure"),
                      nbformat.v4.new_code_cell("".join(PLOTLY_NOTEBOOK))]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, book / "plotly.ipynb")
    with open(book / "_toc.yml", "a", encoding="utf-8") as toc:
        toc.write("- file: plotly\n")
    # Executed headless, plotly's default renderer gives only its JSON mime type, which Jupyter Book 1
    # skips (no figure); the `notebook` renderer, the usual fix, puts plotly.js into the page.
    env = {**os.environ, "PLOTLY_RENDERER": "notebook"}
    subprocess.run([jupyter_book(), "build", str(book)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=env)
    return book / "_build" / "html"


def lighthouse_command() -> list[str]:
    if os.environ.get("LIGHTHOUSE"):
        return os.environ["LIGHTHOUSE"].split()
    local = NODE_TOOLS / "node_modules" / ".bin" / "lighthouse"
    return [str(local)] if local.exists() else ["npx", "--yes", "lighthouse@13"]


def measure(url: str, out: Path) -> dict:
    report = out / "report.json"
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run([*lighthouse_command(), url, "--quiet", "--output=json", f"--output-path={report}",
                    f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance,accessibility,best-practices"],
                   check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    result = json.loads(report.read_text(encoding="utf-8"))
    audits, categories = result["audits"], result["categories"]
    failed = sorted(
        f"{key}" for category in ("accessibility", "best-practices") for ref in categories[category]["auditRefs"]
        if ref["weight"] and (audit := audits[ref["id"]]).get("score") is not None and audit["score"] < 1
        for key in [ref["id"]])
    return {
        "performance": round(categories["performance"]["score"] * 100),
        "accessibility": round(categories["accessibility"]["score"] * 100),
        "best-practices": round(categories["best-practices"]["score"] * 100),
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "kb": audits["total-byte-weight"]["numericValue"] / 1000,
        "failed": failed,
    }


def book_pages(html: Path) -> list[str]:
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not p.relative_to(html).as_posix().startswith(("_static/", "_sources/"))
                  and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")[:2000].lower())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", type=Path, help="an existing build of this book (its _build/html)")
    parser.add_argument("--pages", nargs="*", help="only these pages of this book")
    parser.add_argument("--no-default", action="store_true", help="leave out the default Jupyter Book")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    try:
        ours = args.book or build_ours(work / "ours")
        targets = [("ours", ours, page) for page in (args.pages or book_pages(ours))]
        if not args.no_default:
            default = build_default(work)
            targets = [("default JB1", default, "intro.html"), ("default JB1", default, "plotly.html")] + targets
        rows, servers = [], {}
        for label, folder, page in targets:
            if folder not in servers:
                servers[folder] = serve(folder)
            result = measure(servers[folder][1] + page, work)
            name = f"{label}: {page}" if label != "ours" else page
            rows.append((name, result))
            print(f"{name:48} {result['performance']:4} {result['accessibility']:4} {result['best-practices']:4} "
                  f"{result['fcp']:6.1f} s {result['kb']:8,.0f} KB", file=sys.stderr, flush=True)
        for server, _ in servers.values():
            server.shutdown()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| page | performance | accessibility | best practices | FCP | LCP | transferred |")
    print("|---|---|---|---|---|---|---|")
    for name, r in rows:
        print(f"| {name} | {r['performance']} | {r['accessibility']} | {r['best-practices']} | {r['fcp']:.1f} s "
              f"| {r['lcp']:.1f} s | {r['kb']:,.0f} KB |")
    failing = [(name, r["failed"]) for name, r in rows if r["failed"]]
    if failing:
        print("\nFailed accessibility / best-practice audits:")
        for name, failed in failing:
            print(f"- {name}: {', '.join(failed)}")


if __name__ == "__main__":
    main()
