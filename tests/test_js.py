"""The search page's engine (docs/assets/search-index.js, search-terms.js) tested on its own in Node: tests/js/."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.sitebuild import ROOT

ASSETS = ("search-index.js", "search-terms.js")


def test_the_engines_node_tests_pass(tmp_path: Path) -> None:
    """Run in a copy whose package.json declares ES modules, as the site's pages load them (any Node from 18 on)."""
    node = shutil.which("node")
    assert node is not None, "node is missing: run `bash tests/run`, which installs Debian's npm (and node)"
    (tmp_path / "docs" / "assets").mkdir(parents=True)
    for name in ASSETS:
        shutil.copy(ROOT / "docs" / "assets" / name, tmp_path / "docs" / "assets" / name)
    shutil.copytree(ROOT / "tests" / "js", tmp_path / "tests" / "js")
    (tmp_path / "package.json").write_text('{"type": "module"}\n', encoding="utf-8")
    tests = sorted(str(path.relative_to(tmp_path)) for path in (tmp_path / "tests" / "js").glob("*.test.mjs"))
    run = subprocess.run([node, "--test", *tests], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert tests and "# fail 0" in run.stdout and "# pass 0" not in run.stdout
