"""Build real sites from fixture replies in a temporary folder, the way `mkdocs build` does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from scripts.measures.sandbox import full_config, serve

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "replies" / "2018" / "xujiao-2018-76.md"


@dataclass(frozen=True)
class Built:
    """The outcome of one build: its folders, exit code and log."""

    project: Path
    site: Path
    returncode: int
    log: str

    def page(self, url: str) -> str:
        """The HTML of the page at site path `url` (`replies/2018/x/`)."""
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def make_project(tmp: Path, replies: Path | None = None, with_seed: bool = True, extra: dict[str, object] | None = None) -> Path:
    """A project folder in `tmp`: this repository's docs and hooks, with its own replies and mkdocs.yml."""
    full_config(tmp, extra)
    target = tmp / "replies"
    if replies is not None:
        shutil.copytree(replies, target)
    target.mkdir(exist_ok=True)
    if with_seed:
        (target / "2018").mkdir(exist_ok=True)
        shutil.copy(SEED, target / "2018" / SEED.name)
    return tmp


def build(project: Path, *args: str, strict: bool = True) -> Built:
    """Run `mkdocs build --strict` on the project and capture what it printed."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-f", str(project / "mkdocs.yml"), *args]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    return Built(project, project / "site", result.returncode, result.stdout + result.stderr)


@contextmanager
def built_and_served(project: Path) -> Iterator[str]:
    """Build the project with --strict (the build must succeed) and serve its site while the block runs."""
    built = build(project)
    assert built.returncode == 0, built.log
    with serve(built.site) as url:
        yield url
