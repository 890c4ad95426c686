"""Launch buttons and the repository links come from one setting, ``repository: url:`` in _config.yml:
with a URL every notebook page gets Binder and Colab buttons that open that very notebook, and the
edit/issue links; without one (as today: the public URL is not known yet) none of them shows."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SAMPLE = "https://github.com/example-org/personalities-or-structures"


@pytest.fixture(scope="module")
def built_with_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("launch")
    config = (ROOT / "_config.yml").read_text(encoding="utf-8").replace('  url: ""', f"  url: {SAMPLE}")
    assert SAMPLE in config
    (out / "_config.yml").write_text(config, encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).parent / "jupyter-book"), "build", str(ROOT), "--config",
                             str(out / "_config.yml"), "--path-output", str(out), "-W", "-n", "--keep-going"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out / "_build" / "html"


@pytest.mark.parametrize("notebook", ["exercises/01-personal-diplomacy", "exercises/sources-evaluation",
                                      "chapters/04-risk"])
def test_each_notebook_page_launches_itself(built_with_url, notebook):
    html = (built_with_url / f"{notebook}.html").read_text(encoding="utf-8")
    repository = "example-org/personalities-or-structures"
    assert f"https://mybinder.org/v2/gh/{repository}/main?urlpath=lab/tree/{notebook}.ipynb" in html
    assert f"https://colab.research.google.com/github/{repository}/blob/main/{notebook}.ipynb" in html
    assert f"{SAMPLE}/edit/main/{notebook}.ipynb" in html
    assert f"{SAMPLE}/issues/new?title=" in html


def test_without_the_setting_no_button_shows(built):
    for page in ["exercises/01-personal-diplomacy.html", "chapters/04-risk.html", "intro.html"]:
        html = (built / page).read_text(encoding="utf-8")
        assert "mybinder.org" not in html and "colab.research.google.com" not in html
        assert "/edit/" not in html and "issues/new" not in html
