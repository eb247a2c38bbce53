"""The publishing workflow: linted offline by actionlint (with shellcheck) and zizmor, and read for the
promises the README makes about it: pull requests only check, main deploys, least privilege."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.sitebuild import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def tool(name: str) -> str:
    """A linter installed from requirements-dev.txt into this environment."""
    found = shutil.which(name, path=str(BIN))
    assert found, f"{name} is missing: install requirements-dev.txt"
    return found


def run(*command: str) -> subprocess.CompletedProcess[str]:
    # actionlint finds shellcheck on PATH and then checks every run: script with it.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False, timeout=120)


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return run(tool("actionlint"), "-no-color", "-shellcheck", tool("shellcheck"), str(path))


def zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    return run(tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress", "--color", "never", str(path))


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return loaded


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    found = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert isinstance(found, dict)
    return found


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_finds_nothing() -> None:
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_even_pedantic() -> None:
    result = zizmor(ROOT / ".github")  # the workflow and Dependabot's settings
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_the_linters_catch_an_unsafe_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    assert "potentially untrusted" in actionlint(bad).stdout
    found = zizmor(bad)
    assert found.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"):
        assert audit in found.stdout, audit


def test_pull_requests_check_and_main_deploys(workflow: dict[Any, Any]) -> None:
    on = triggers(workflow)
    assert set(on) == {"pull_request", "push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}
    deploy = workflow["jobs"]["deploy"]
    upload = next(step for step in steps(workflow) if "upload-pages-artifact" in step.get("uses", ""))
    for condition in (deploy["if"], upload["if"]):
        assert "github.event_name != 'pull_request'" in condition
        assert "github.ref == 'refs/heads/main'" in condition
    assert upload["with"] == {"path": "site"}
    assert deploy["needs"] == "build"


def test_it_runs_the_tests_validation_and_a_strict_build_with_the_pinned_files(workflow: dict[Any, Any]) -> None:
    commands = [step["run"] for step in steps(workflow) if "run" in step]
    assert commands == ["bash tests/run -q", ".venv/bin/python -m scripts validate", ".venv/bin/mkdocs build --strict"]
    setup = (ROOT / "tests" / "run").read_text(encoding="utf-8")
    assert "-r requirements-dev.txt -c constraints.txt" in setup
    assert "chromium" in setup


def test_least_privilege(workflow: dict[Any, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert workflow["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_no_untrusted_input_runs_and_every_action_is_pinned(workflow: dict[Any, Any]) -> None:
    text = WORKFLOW.read_text(encoding="utf-8")
    assert "pull_request_target" not in text
    assert "workflow_run" not in text
    for step in steps(workflow):
        assert "${{" not in step.get("run", ""), step
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
    checkout = next(step for step in steps(workflow) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False


def test_the_readme_explains_publishing_with_a_gitlab_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
    for words in (".github/workflows/publish.yml", "GitHub Actions", "site/", "site_url"):
        assert words in section, words
    example = re.search(r"```yaml\n# \.gitlab-ci\.yml\n(.*?)```", section, re.S)
    assert example, "the README needs a .gitlab-ci.yml example"
    gitlab = yaml.safe_load(example.group(1))
    assert "mkdocs build --strict" in " ".join(gitlab["pages"]["script"])
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
