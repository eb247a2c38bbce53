"""The publishing workflows: linted offline by actionlint (with shellcheck) and zizmor, with nothing
silenced, and read for the promises the README makes about them: pull requests only check, main
deploys, least privilege, the site built from the hash-checked lock file alone in a container pinned
by digest, the tests in a job of their own, and Dependabot watching actions and Python packages."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.sitebuild import ROOT

GITHUB = ROOT / ".github"
WORKFLOW = GITHUB / "workflows" / "publish.yml"
DIGEST_CHECK = GITHUB / "workflows" / "container-digest.yml"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
LOCK = ROOT / "requirements-build.txt"
BIN = Path(sys.executable).parent
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")
IMAGE_TAG = "python:3.11-bookworm"
IMAGE = re.compile(rf"^{re.escape(IMAGE_TAG)}@sha256:[0-9a-f]{{64}}$")
HASH = re.compile(r"^sha256:[0-9a-f]{64}$")
BAD_WORKFLOW = """\
on: pull_request_target
jobs:
  greet:
    runs-on: ubuntu-24.04
    container: python:3.11-bookworm
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""
TEST_TOOLS = ("requirements-dev.txt", "tests/run", "apt-get", "chromium", "npm", "tesseract", "playwright", "pytest")


def tool(name: str) -> str:
    """A linter installed from requirements-dev.txt into this environment."""
    found = shutil.which(name, path=str(BIN))
    assert found, f"{name} is missing: install requirements-dev.txt"
    return found


def run(*command: str) -> subprocess.CompletedProcess[str]:
    # actionlint finds shellcheck on PATH and then checks every run: script with it.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "NO_COLOR": "1"}
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False, timeout=120)


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return run(tool("actionlint"), "-no-color", "-shellcheck", tool("shellcheck"), *map(str, paths))


def zizmor(path: Path) -> subprocess.CompletedProcess[str]:
    return run(tool("zizmor"), "--offline", "--persona", "pedantic", "--no-progress", "--color", "never", str(path))


def load(path: Path) -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    return load(WORKFLOW)


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    found = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert isinstance(found, dict)
    return found


def steps(workflow: dict[Any, Any], job: str | None = None) -> list[dict[str, Any]]:
    jobs = [workflow["jobs"][job]] if job else workflow["jobs"].values()
    return [step for each in jobs for step in each.get("steps", [])]


def commands(workflow: dict[Any, Any], job: str) -> list[str]:
    return [step["run"] for step in steps(workflow, job) if "run" in step]


def silenced(root: Path) -> list[str]:
    """Every place under `root` that would hide a finding of zizmor, actionlint or shellcheck."""
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_file():
            if path.name.lstrip(".") in {"zizmor.yml", "zizmor.yaml", "actionlint.yml", "actionlint.yaml"}:
                found.append(f"{path}: a linter configuration")
            text = path.read_text(encoding="utf-8", errors="replace")
            for marker in ("zizmor: ignore", "shellcheck disable", "actionlint-ignore"):
                if marker in text:
                    found.append(f"{path}: {marker}")
    return found


# --- the linters ---------------------------------------------------------------------------------


def test_actionlint_finds_nothing() -> None:
    assert len(WORKFLOWS) == 2, WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_even_pedantic() -> None:
    result = zizmor(GITHUB)  # the workflows and Dependabot's settings
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr


def test_no_finding_is_silenced(tmp_path: Path) -> None:
    assert silenced(GITHUB) == []
    assert not [name for name in ("zizmor.yml", ".zizmor.yml", "actionlint.yaml") if (ROOT / name).exists()]
    # The check itself sees an ignore comment and a configuration file.
    (tmp_path / "workflows").mkdir()
    (tmp_path / "workflows" / "x.yml").write_text("container: python:3 # zizmor: ignore[unpinned-images]\n", encoding="utf-8")
    (tmp_path / "zizmor.yml").write_text("rules: {}\n", encoding="utf-8")
    assert len(silenced(tmp_path)) == 2


def test_the_linters_catch_an_unsafe_workflow(tmp_path: Path) -> None:
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    assert "potentially untrusted" in actionlint(bad).stdout
    found = zizmor(bad)
    assert found.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses", "artipacked", "unpinned-images"):
        assert audit in found.stdout, audit


# --- what runs when ------------------------------------------------------------------------------


def test_pull_requests_check_and_main_deploys(workflow: dict[Any, Any]) -> None:
    on = triggers(workflow)
    assert set(on) == {"pull_request", "push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}
    assert set(workflow["jobs"]) == {"test", "build", "deploy"}
    deploy = workflow["jobs"]["deploy"]
    uploads = [step for step in steps(workflow) if "upload-pages-artifact" in step.get("uses", "")]
    assert uploads == [step for step in steps(workflow, "build") if "upload-pages-artifact" in step.get("uses", "")]
    (upload,) = uploads
    for condition in (deploy["if"], upload["if"]):
        assert "github.event_name != 'pull_request'" in condition
        assert "github.ref == 'refs/heads/main'" in condition
    assert upload["with"] == {"path": "site"}
    assert sorted(deploy["needs"]) == ["build", "test"]  # nothing is published unless the tests pass too


def test_the_tests_and_the_lint_run_in_a_job_of_their_own(workflow: dict[Any, Any]) -> None:
    assert commands(workflow, "test") == ["bash tests/run -q"]
    assert "needs" not in workflow["jobs"]["test"]  # side by side with the build, not before it
    setup = (ROOT / "tests" / "run").read_text(encoding="utf-8")
    assert "-r requirements-dev.txt -c constraints.txt" in setup
    assert "ruff check" in setup
    assert "mypy" in setup
    assert "chromium" in setup


def test_the_build_installs_only_the_lock_file_hash_checked(workflow: dict[Any, Any]) -> None:
    build = workflow["jobs"]["build"]
    install, validate, site = commands(workflow, "build")
    venv_line, pip_line = install.strip().splitlines()
    venv = shlex.split(venv_line)
    assert venv[:3] == ["python3", "-m", "venv"]
    env = venv[3]
    assert env.startswith("/") and len(venv) == 4  # a fresh environment outside the checkout
    pip = shlex.split(pip_line)
    assert pip[:2] == [f"{env}/bin/pip", "install"]
    for flag in ("--require-hashes", "--no-deps", "--no-cache-dir"):
        assert flag in pip, flag
    assert pip[pip.index("--only-binary") + 1] == ":all:"  # no source build, whose build tools nothing checks
    assert pip[pip.index("-r") + 1] == LOCK.name
    rest = [arg for arg in pip[2:] if arg.startswith("-") or arg in (LOCK.name, ":all:")]
    assert rest == pip[2:], "only options and the lock file: no package named on the command line"
    assert pip.count("-r") == 1 and "-c" not in pip and "--constraint" not in pip
    assert validate == f"{env}/bin/python -m scripts validate"
    assert site == f"{env}/bin/mkdocs build --strict"
    text = yaml.safe_dump(build).lower()
    for word in TEST_TOOLS:
        assert word not in text, word


def test_every_job_container_is_pinned_by_digest(workflow: dict[Any, Any]) -> None:
    images = {name: job["container"]["image"] for name, job in workflow["jobs"].items() if "container" in job}
    assert set(images) == {"test", "build"}
    for name, image in images.items():
        assert IMAGE.match(image), (name, image)
    assert len(set(images.values())) == 1, "both jobs check on one machine"
    text = WORKFLOW.read_text(encoding="utf-8")
    assert text.count(f"image: {images['build']} # 3.11-bookworm") == 2  # the tag in a comment


def test_least_privilege(workflow: dict[Any, Any]) -> None:
    for path in WORKFLOWS:
        assert load(path)["permissions"] == {"contents": "read"}, path
    for name in ("test", "build"):
        assert "permissions" not in workflow["jobs"][name]
    assert "permissions" not in load(DIGEST_CHECK)["jobs"]["compare"]
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"
    assert workflow["jobs"]["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_no_untrusted_input_runs_and_every_action_is_pinned() -> None:
    for path in WORKFLOWS:
        text = path.read_text(encoding="utf-8")
        assert "pull_request_target" not in text
        assert "workflow_run" not in text
        for step in steps(load(path)):
            assert "${{" not in step.get("run", ""), step
            if "uses" in step:
                assert PINNED.match(step["uses"]), step["uses"]
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


# --- keeping the pins current --------------------------------------------------------------------


def test_dependabot_watches_the_actions_and_the_python_packages() -> None:
    settings = load(GITHUB / "dependabot.yml")
    updates = {update["package-ecosystem"]: update for update in settings["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for update in updates.values():
        assert update["directory"] == "/"
        assert update["schedule"]["interval"] == "monthly"
        assert update["cooldown"]["default-days"] >= 7


def test_a_monthly_run_reports_when_the_container_tag_moves_on(workflow: dict[Any, Any]) -> None:
    # Dependabot's docker ecosystem does not read workflow files; this workflow does its part.
    check = load(DIGEST_CHECK)
    assert set(triggers(check)) == {"schedule", "workflow_dispatch"}
    job = check["jobs"]["compare"]
    assert job["env"]["TAG"] == IMAGE_TAG == workflow["jobs"]["build"]["container"]["image"].split("@")[0]
    (script,) = [step["run"] for step in job["steps"] if "run" in step]
    assert "set -euo pipefail" in script
    assert ".github/workflows/publish.yml" in script
    assert 'docker buildx imagetools inspect "$TAG"' in script
    assert "exit 1" in script


# --- the lock file -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Locked:
    version: str
    hashes: tuple[str, ...]
    marker: Marker | None


def parse_lock(text: str) -> dict[str, Locked]:
    """The packages of a lock file written by `uv pip compile --generate-hashes`, by canonical name."""
    entries: dict[str, Locked] = {}
    joined = re.sub(r"\\\n", " ", text)
    for line in joined.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        words = line.split(" --hash=")
        requirement = Requirement(words[0])
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", line
        name = canonicalize_name(requirement.name)
        assert name not in entries, f"{name} twice"
        entries[name] = Locked(specifier.version, tuple(word.strip() for word in words[1:]), requirement.marker)
    return entries


def pins(path: Path) -> dict[str, Requirement]:
    found: dict[str, Requirement] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            requirement = Requirement(line)
            found[canonicalize_name(requirement.name)] = requirement
    return found


def pinned_version(requirement: Requirement) -> str:
    (specifier,) = requirement.specifier
    assert specifier.operator == "==", requirement
    return specifier.version


def applies(marker: Marker | None, extras: set[str]) -> bool:
    return marker is None or any(marker.evaluate({"extra": extra}) for extra in extras or {""})


def closure(requirements: list[Requirement]) -> set[str]:
    """requirements.txt and everything it pulls in on this machine, read from the installed packages."""
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(canonicalize_name(requirement.name), frozenset(requirement.extras)) for requirement in requirements]
    while todo:
        name, extras = todo.pop()
        if (name, extras) in seen:
            continue
        seen.add((name, extras))
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if applies(requirement.marker, set(extras)):
                todo.append((canonicalize_name(requirement.name), frozenset(requirement.extras)))
    return {name for name, _ in seen}


def lock_problems(lock: dict[str, Locked], requirements: dict[str, Requirement], constraints: dict[str, Requirement]) -> list[str]:
    """What makes the lock disagree with requirements.txt and constraints.txt; nothing when they agree."""
    problems = []
    needed = closure(list(requirements.values()))
    locked = {name for name, entry in lock.items() if applies(entry.marker, set())}
    problems += [f"{name} is needed but not in the lock" for name in sorted(needed - locked)]
    problems += [f"{name} is in the lock but nothing needs it" for name in sorted(locked - needed)]
    for name, requirement in requirements.items():
        if name in lock and lock[name].version != pinned_version(requirement):
            problems.append(f"{name}: {lock[name].version} in the lock, {pinned_version(requirement)} in requirements.txt")
    for name, entry in lock.items():
        if name not in constraints:
            problems.append(f"{name} is not in constraints.txt")
        elif entry.version != pinned_version(constraints[name]):
            problems.append(f"{name}: {entry.version} in the lock, {pinned_version(constraints[name])} in constraints.txt")
        if not entry.hashes:
            problems.append(f"{name} has no hash")
        problems += [f"{name}: {digest} is not a sha256 hash" for digest in entry.hashes if not HASH.match(digest)]
    return problems


def test_the_lock_agrees_with_requirements_and_constraints() -> None:
    lock = parse_lock(LOCK.read_text(encoding="utf-8"))
    requirements = pins(ROOT / "requirements.txt")
    constraints = pins(ROOT / "constraints.txt")
    assert lock_problems(lock, requirements, constraints) == []
    assert set(requirements) <= set(lock)
    assert {"mkdocs", "mkdocs-material", "opencc-python-reimplemented", "click"} <= set(lock)
    assert not set(lock) & set(pins(ROOT / "requirements-dev.txt")) - set(requirements), "no test tool in the lock"


def test_a_lock_that_disagrees_is_caught() -> None:
    text = LOCK.read_text(encoding="utf-8")
    requirements = pins(ROOT / "requirements.txt")
    constraints = pins(ROOT / "constraints.txt")
    lock = parse_lock(text)
    dropped = {name: entry for name, entry in lock.items() if name != "ghp-import"}
    assert "ghp-import is needed but not in the lock" in lock_problems(dropped, requirements, constraints)
    moved = {**lock, "mkdocs": Locked("1.6.0", lock["mkdocs"].hashes, None)}
    assert any("mkdocs: 1.6.0 in the lock" in problem for problem in lock_problems(moved, requirements, constraints))
    bare = {**lock, "nh3": Locked(lock["nh3"].version, (), None)}
    assert "nh3 has no hash" in lock_problems(bare, requirements, constraints)
    extra = {**lock, "pytest": Locked("9.2.0", ("sha256:" + "0" * 64,), None)}
    assert "pytest is in the lock but nothing needs it" in lock_problems(extra, requirements, constraints)


def test_the_lock_holds_hashes_of_every_file_not_just_this_machine() -> None:
    lock = parse_lock(LOCK.read_text(encoding="utf-8"))
    # Wheels for Linux x86_64 and aarch64 and each CPython version (and more): never a single hash
    # for a package that ships compiled code.
    for name in ("markupsafe", "pyyaml", "nh3", "charset-normalizer", "watchdog"):
        assert len(lock[name].hashes) >= 4, name


def test_the_lock_is_written_by_the_pinned_tool_and_the_documented_command() -> None:
    header = LOCK.read_text(encoding="utf-8").splitlines()[:2]
    assert header[0] == "# This file was autogenerated by uv via the following command:"
    command = header[1].removeprefix("#").strip()
    assert command.startswith("uv pip compile requirements.txt ")
    for option in ("--generate-hashes", "--universal", "--constraints constraints.txt", f"--output-file {LOCK.name}"):
        assert option in command, option
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
    assert f".venv/bin/{command}" in section
    tool_pins = {name: pinned_version(req) for name, req in pins(ROOT / "requirements-dev.txt").items() if name == "uv"}
    assert tool_pins == {"uv": pinned_version(pins(ROOT / "constraints.txt")["uv"])}


# --- the README ----------------------------------------------------------------------------------


def test_the_readme_explains_publishing_with_a_gitlab_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
    for words in (
        ".github/workflows/publish.yml",
        "GitHub Actions",
        "site/",
        "site_url",
        LOCK.name,
        "--require-hashes",
        "container-digest.yml",
        "“Lint and test”",
        "“Validate and build”",
    ):
        assert words in section, words
    example = re.search(r"```yaml\n# \.gitlab-ci\.yml\n(.*?)```", section, re.S)
    if example:
        gitlab = yaml.safe_load(example.group(1))
    else:  # the example moved into the repository itself
        assert ".gitlab-ci.yml" in section
        gitlab = load(ROOT / ".gitlab-ci.yml")
    assert "mkdocs build --strict" in " ".join(gitlab["pages"]["script"])
    assert gitlab["pages"]["artifacts"]["paths"] == ["public"]
