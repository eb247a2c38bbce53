"""ProperDocs, the maintained fork of MkDocs 1.x that keeps hooks and runs Material unchanged, builds the
same site as MkDocs: the same files, byte for byte, but for the generator tag that names the engine.
MkDocs itself stays pinned below 2.0 (2.0 drops plugins and hooks)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, Built

GENERATOR = re.compile(r'<meta name="generator" content="([^"]+)">')


@pytest.fixture(scope="module")
def properdocs_site(fixture_site: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project that `fixture_site` built with MkDocs, built again with ProperDocs."""
    site = tmp_path_factory.mktemp("properdocs") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(fixture_site.project / "mkdocs.yml"), "-d", str(site)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_files_as_mkdocs(fixture_site: Built, properdocs_site: Path) -> None:
    ours, theirs = files(fixture_site.site), files(properdocs_site)
    assert sorted(ours) == sorted(theirs)
    assert len(ours) > 100 and any(name.startswith("search/index/terms/") for name in ours)
    differ = sorted(name for name in ours if ours[name] != theirs[name])
    # The one difference: each HTML page's generator tag names the engine that wrote it.
    assert differ == sorted(name for name in ours if name.endswith(".html"))
    material = f"mkdocs-material-{version('mkdocs-material')}"
    for name in differ:
        mkdocs, properdocs = ours[name].decode(), theirs[name].decode()
        assert GENERATOR.findall(mkdocs) == [f"mkdocs-{version('mkdocs')}, {material}"], name
        assert GENERATOR.findall(properdocs) == [f"mkdocs-ProperDocs {version('properdocs')}, {material}"], name
        assert GENERATOR.sub("", mkdocs) == GENERATOR.sub("", properdocs), name


def test_mkdocs_stays_pinned_below_2_and_properdocs_does_not_replace_it() -> None:
    pins: dict[tuple[str, str], str] = {}
    for name in ("requirements.txt", "requirements-dev.txt", "constraints.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            found = re.match(r"^(mkdocs|properdocs)==(\S+)", line.split("#")[0].strip())
            if found:
                pins[(name, found.group(1))] = found.group(2)
    assert sorted(pins) == [
        ("constraints.txt", "mkdocs"),
        ("constraints.txt", "properdocs"),
        ("requirements-dev.txt", "properdocs"),
        ("requirements.txt", "mkdocs"),
    ]
    assert pins[("requirements.txt", "mkdocs")] == pins[("constraints.txt", "mkdocs")] == version("mkdocs")
    assert version("mkdocs").startswith("1.")  # MkDocs 2.0 runs no hooks
    assert pins[("requirements-dev.txt", "properdocs")] == pins[("constraints.txt", "properdocs")] == version("properdocs")
    import mkdocs  # ProperDocs aliases `mkdocs` only inside its own command, never in this process

    assert Path(mkdocs.__file__).parent.name == "mkdocs"
