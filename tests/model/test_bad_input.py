"""Every kind of staff mistake is caught, with a message naming the file, the line and the field.

The fixtures in tests/fixtures/bad/ are one file per mistake; expected.yml says what must be reported.
The same checks run in `python -m scripts validate` and in the build, which then refuses to publish.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from replysite.model import library, settings
from replysite.model.problems import Problem, ReplyError
from tests.sitebuild import FIXTURES, ROOT, build, make_project

BAD = FIXTURES / "bad"
EXPECTED: dict[str, dict[str, list[list[object]]]] = yaml.safe_load((BAD / "expected.yml").read_text(encoding="utf-8"))
TODAY = datetime.date(2026, 1, 1)


def expected_lines() -> list[tuple[str, int, str, str]]:
    return sorted(
        (f"replies/{path}", int(line), str(field), str(phrase))  # type: ignore[call-overload]
        for files in EXPECTED.values() for path, problems in files.items() for line, field, phrase in problems
    )


def problems_for(tmp: Path, files: list[str]) -> list[Problem]:
    """Load a replies folder holding only the given fixture files."""
    for name in files:
        target = tmp / "replies" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(BAD / name, target)
    with pytest.raises(ReplyError) as caught:
        library.load_replies(tmp / "replies", settings.Settings(), root=tmp, today=TODAY)
    return caught.value.problems


def test_every_fixture_file_has_an_expectation() -> None:
    on_disk = {path.relative_to(BAD).as_posix() for path in BAD.rglob("*") if path.is_file() and path.name != "expected.yml"}
    assert on_disk == {path for files in EXPECTED.values() for path in files}
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("mistake", sorted(EXPECTED))
def test_mistake_is_reported_with_file_line_and_field(mistake: str, tmp_path: Path) -> None:
    problems = problems_for(tmp_path, list(EXPECTED[mistake]))
    files = {f"replies/{name}" for name in EXPECTED[mistake]}
    wanted = {(path, line, field): phrase for path, line, field, phrase in expected_lines() if path in files}
    assert sorted((problem.path, problem.line, problem.field) for problem in problems) == sorted(wanted)
    for problem in problems:
        assert wanted[(problem.path, problem.line, problem.field)] in problem.message
        assert str(problem).startswith(f"{problem.path}:{problem.line}: {problem.field}: ")


def test_accepted_files_load_bom_masked_numbers_reviewed_numbers_and_chinese_names() -> None:
    replies = library.load_replies(FIXTURES / "accepted", settings.Settings(), root=FIXTURES, today=TODAY)
    assert len(replies) == 3
    named = next(reply for reply in replies if reply.path.endswith("住建局供暖答复.md"))
    assert named.url == "replies/2018/zhu-jian-ju-gong-nuan-da-fu/"
    bom = next(reply for reply in replies if reply.path.endswith("utf8-bom.md"))
    assert bom.title == "关于改善老旧小区供暖的建议"


def bad_project(tmp: Path) -> Path:
    project = make_project(tmp, with_seed=False)
    shutil.rmtree(project / "replies")
    shutil.copytree(BAD, project / "replies", ignore=shutil.ignore_patterns("expected.yml"))
    return project


def test_validate_prints_every_problem_sorted_and_fails(tmp_path: Path) -> None:
    project = bad_project(tmp_path)
    command = [sys.executable, "-m", "scripts", "validate", "--config", str(project / "mkdocs.yml")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.startswith("replies/")]
    assert [line.split(": ", 2)[:2] for line in lines] == [[f"{path}:{line}", field] for path, line, field, _ in expected_lines()]


def test_build_refuses_to_publish_and_names_every_problem(tmp_path: Path) -> None:
    built = build(bad_project(tmp_path))
    assert built.returncode != 0
    for path, line, field, _ in expected_lines():
        assert f"{path}:{line}: {field}: " in built.log
    assert not (built.site / "replies").exists()
    print(f"\nbad-input fixtures: {len(EXPECTED)} mistakes, {len(expected_lines())} problems; the build rejected all of them")
