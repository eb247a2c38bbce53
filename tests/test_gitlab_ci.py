""".gitlab-ci.yml, linted here since no GitLab runs in this project's CI: merge requests only check, the
default branch builds public/ in `pages` and packs a release archive, images pinned, no secret used,
every script line clean under shellcheck, and the README's excerpt the same as the file."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.sitebuild import ROOT

PIPELINE = ROOT / ".gitlab-ci.yml"
SETTINGS = {"workflow", "stages", "variables", "default", "include"}
MERGE_REQUEST = '$CI_PIPELINE_SOURCE == "merge_request_event"'
DEFAULT_BRANCH = '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != "merge_request_event"'
CHECKS = ["bash tests/run -q", ".venv/bin/python -m scripts validate", ".venv/bin/mkdocs build --strict"]
DIGEST = re.compile(r"^python:3\.11-bookworm@sha256:[0-9a-f]{64}$")
PATCH_TAG = re.compile(r"^python:3\.\d+\.\d+-(bookworm|trixie)$")
PREDEFINED = {"CI_PIPELINE_SOURCE", "CI_COMMIT_BRANCH", "CI_DEFAULT_BRANCH", "CI_COMMIT_SHORT_SHA"}


@pytest.fixture(scope="module")
def pipeline() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(PIPELINE.read_text(encoding="utf-8"))
    return loaded


def jobs(pipeline: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {name: job for name, job in pipeline.items() if name not in SETTINGS and not name.startswith(".")}


def images(pipeline: dict[str, Any]) -> list[str]:
    found = [pipeline["default"]["image"]]
    for job in jobs(pipeline).values():
        if "parallel" in job:
            found += [entry["IMAGE"] for entry in job["parallel"]["matrix"]]
        elif "image" in job:
            found.append(job["image"])
    return found


def test_the_jobs_and_their_order(pipeline: dict[str, Any]) -> None:
    assert pipeline["stages"] == ["check", "build", "deploy"]
    assert {name: job["stage"] for name, job in jobs(pipeline).items()} == {"check": "check", "pages": "build", "archive": "deploy"}
    assert jobs(pipeline)["pages"]["needs"] == ["check"]
    assert jobs(pipeline)["archive"]["needs"] == ["pages"]


def test_pipelines_start_for_merge_requests_and_the_default_branch_only(pipeline: dict[str, Any]) -> None:
    starts = [rule["if"] for rule in pipeline["workflow"]["rules"]]
    assert starts[0] == MERGE_REQUEST
    assert all(rule.startswith("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && ") for rule in starts[1:])
    assert not [rule for rule in pipeline["workflow"]["rules"] if rule.get("when") not in (None, "never")]


def test_merge_requests_check_and_deploy_nothing(pipeline: dict[str, Any]) -> None:
    check = jobs(pipeline)["check"]
    assert "rules" not in check  # every pipeline checks, merge requests included
    assert check["script"] == CHECKS
    assert "artifacts" not in check and "pages" not in check
    for name in ("pages", "archive"):
        assert jobs(pipeline)[name]["rules"] == [{"if": DEFAULT_BRANCH}], name


def test_the_default_branch_builds_public_for_gitlab_pages_from_the_hash_checked_lock(pipeline: dict[str, Any]) -> None:
    pages = jobs(pipeline)["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    install = "/opt/site-build/bin/pip install --no-cache-dir --require-hashes --no-deps --only-binary :all: -r requirements-build.txt"
    assert pages["script"] == [
        "python3 -m venv /opt/site-build",
        install,
        "/opt/site-build/bin/python -m scripts validate",
        "/opt/site-build/bin/mkdocs build --strict --site-dir public",
    ]
    assert pages["resource_group"] == "pages" and pages["interruptible"] is False


def test_the_release_archive_holds_the_built_site(pipeline: dict[str, Any], tmp_path: Path) -> None:
    archive = jobs(pipeline)["archive"]
    assert archive["artifacts"]["paths"] == ["replies-site.tar.gz", "replies-site.tar.gz.sha256"]
    public = tmp_path / "public"
    (public / "years").mkdir(parents=True)
    (public / "index.html").write_text("首页", encoding="utf-8")
    (public / "years" / "index.html").write_text("按年份", encoding="utf-8")
    for line in archive["script"]:
        subprocess.run(["bash", "-euo", "pipefail", "-c", line], cwd=tmp_path, check=True)
    listed = subprocess.run(["tar", "-tzf", "replies-site.tar.gz"], cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    assert listed == ["./", "./index.html", "./years/", "./years/index.html"]
    subprocess.run(["sha256sum", "-c", "replies-site.tar.gz.sha256"], cwd=tmp_path, capture_output=True, check=True)


def test_debian_12_with_python_3_11_and_debian_13_with_python_3_13(pipeline: dict[str, Any]) -> None:
    matrix = [entry["IMAGE"] for entry in jobs(pipeline)["check"]["parallel"]["matrix"]]
    assert jobs(pipeline)["check"]["image"] == "$IMAGE"
    assert len(matrix) == 2
    assert DIGEST.match(matrix[0]) and matrix[0] == pipeline["default"]["image"]
    assert re.match(r"^python:3\.13\.\d+-trixie$", matrix[1])


def test_every_image_is_pinned_and_bookworm_is_the_github_workflow_s(pipeline: dict[str, Any]) -> None:
    for image in images(pipeline):
        assert DIGEST.match(image) or PATCH_TAG.match(image), image
    workflow = (ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8")
    github = set(re.findall(r"image: (python:3\.11-bookworm@sha256:[0-9a-f]{64})", workflow))
    assert {image for image in images(pipeline) if "bookworm" in image} == github


def test_no_secret_is_used(pipeline: dict[str, Any]) -> None:
    text = PIPELINE.read_text(encoding="utf-8")
    for word in ("secrets:", "id_tokens:", "CI_JOB_TOKEN", "PASSWORD", "TOKEN", "environment:", "services:", "include:"):
        assert word not in text, word
    used = set(re.findall(r"\$\{?([A-Z_][A-Z0-9_]*)", text))
    assert used <= PREDEFINED | {"IMAGE"}, used - PREDEFINED


def test_every_script_is_clean_under_shellcheck(pipeline: dict[str, Any], tmp_path: Path) -> None:
    shellcheck = Path(sys.executable).parent / "shellcheck"
    assert shellcheck.is_file(), "shellcheck is missing: install requirements-dev.txt"
    for name, job in jobs(pipeline).items():
        script = tmp_path / f"{name}.sh"
        script.write_text("#!/bin/bash\nset -euo pipefail\n" + "\n".join(job["script"]) + "\n", encoding="utf-8")
        result = subprocess.run([str(shellcheck), "--severity=style", str(script)], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout


def test_the_readme_shows_the_pages_job_as_it_is(pipeline: dict[str, Any]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n# \.gitlab-ci\.yml.*?\n(.*?)```", readme, re.S)
    assert example, "the README quotes the pages job of .gitlab-ci.yml"
    quoted = yaml.safe_load(example.group(1))
    assert quoted["pages"]["script"] == jobs(pipeline)["pages"]["script"]
    assert quoted["pages"]["artifacts"]["paths"] == ["public"]
    assert quoted["pages"]["rules"] == jobs(pipeline)["pages"]["rules"]
