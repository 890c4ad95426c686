"""Joining and lightening the built stylesheets (usrussia/stylesheets.py): what is kept, what goes, and
that what a page refers to still resolves from the joined file."""
from __future__ import annotations

from pathlib import Path

from usrussia import stylesheets

PAGE = ('<html><head>{links}<script src="_static/app.js"></script></head>'
        '<body><div class="card used bg">x</div><i class="fa-solid fa-download"></i></body></html>')


def site(tmp: Path, links: list[str]) -> Path:
    """A built site of one page linking ``links`` (paths in _static), a script and two stylesheets."""
    static = tmp / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "webfonts").mkdir()
    (static / "webfonts" / "icons.woff2").write_bytes(b"\0")
    (static / "basic.css").write_text(".card{margin:0}.sidebar-only{float:left}.bg{background:url(file.png)}")
    (static / "file.png").write_bytes(b"\0")
    (static / "styles" / "theme.css").write_text(
        '@charset "UTF-8";@import "../basic.css";'
        '@font-face{font-family:Icons;src:url("../webfonts/icons.woff2")}'
        ".fa-download:before{content:\"\\f019\"}.fa-unused:before{content:\"\\f000\"}"
        "@media (max-width:600px){.used{padding:0}.never{padding:1px}}"
        ".bs-tooltip-auto .tooltip-arrow{border:1px}:root{--x:1}.a:not(.nowhere){color:red}")
    (static / "own.css").write_text(".used{color:blue}")
    (static / "app.js").write_text("el.classList.add('tooltip-arrow'); cls = `bs-${this.NAME}-auto`; a")
    tags = "".join(f'<link rel="stylesheet" type="text/css" href="_static/{link}?v=1" />\n' for link in links)
    (tmp / "page.html").write_text(PAGE.format(links=tags))
    return tmp


def test_a_page_gets_one_stylesheet_holding_what_it_uses_in_order(tmp_path):
    root = site(tmp_path, ["styles/theme.css", "own.css"])
    lists = stylesheets.bundle_site(root)
    html = (root / "page.html").read_text()
    [(name, sheets)] = lists.items()
    assert sheets == ["styles/theme.css", "own.css"]
    assert html.count('rel="stylesheet"') == 1 and f"_static/{name}?v=" in html
    css = (root / "_static" / name).read_text()
    # kept: rules naming classes the page or its script holds, at-rules, :root, names built by a template
    for kept in (".card{margin:0}", "@font-face", ".fa-download:before", "@media (max-width:600px){.used",
                 ".bs-tooltip-auto .tooltip-arrow", ":root{--x:1}", ".a:not(.nowhere)"):
        assert kept in css, kept
    # gone: icons, classes and media rules no page uses
    for gone in (".fa-unused", ".sidebar-only", ".never"):
        assert gone not in css, gone
    assert css.index(".card{margin:0}") < css.index("@font-face") < css.index(".used{color:blue}")
    # what the stylesheets referred to resolves from the joined file's folder
    assert 'url("webfonts/icons.woff2")' in css and "url(file.png)" in css
    assert "@import" not in css and css.count("@charset") == 1


def test_a_broken_stylesheet_does_not_take_the_next_one_with_it(tmp_path):
    """Browsers parse each stylesheet on its own: an unclosed block ends with its file."""
    root = site(tmp_path, ["styles/theme.css", "own.css"])
    (root / "_static" / "styles" / "theme.css").write_text(".card{margin:0} @media print { .used{color:red")
    [name] = stylesheets.bundle_site(root)
    css = (root / "_static" / name).read_text()
    assert css.endswith(".used{color:blue}"), css


def test_a_later_build_makes_the_bundle_again_and_gives_every_page_its_new_version(tmp_path):
    root = site(tmp_path, ["styles/theme.css", "own.css"])
    [name] = stylesheets.bundle_site(root)
    first = (root / "page.html").read_text()
    # a later build that rewrote no page: same file, same link
    assert stylesheets.bundle_site(root) == {name: ["styles/theme.css", "own.css"]}
    assert (root / "page.html").read_text() == first
    # a later build rewrote another page that uses a class the first did not, and the theme changed
    (root / "_static" / "own.css").write_text(".used{color:green}")
    (root / "other.html").write_text(PAGE.format(links='<link rel="stylesheet" href="_static/styles/theme.css" />'
                                                       '<link rel="stylesheet" href="_static/own.css" />')
                                     .replace("card used", "sidebar-only used"))
    stylesheets.bundle_site(root)
    css = (root / "_static" / name).read_text()
    assert ".sidebar-only" in css and "color:green" in css
    version = (root / "other.html").read_text().split(f"{name}?v=")[1][:10]
    assert version in (root / "page.html").read_text() and version not in first
