"""Files in `replies/` that cannot be committed as fixtures (links, pipes) are made here, one per case:
each is refused with the message it must get, by validate and the build alike, and the audit lists
the folder apart from the build so that a file the build passed over stops the publication."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from replysite.model import folder, library, settings
from replysite.model.problems import ReplyError
from replysite.published import audit
from tests.sitebuild import FIXTURES, ROOT, SEED, build, make_project

GOOD = FIXTURES / "site" / "2019" / "jiaoyu-2019-12.md"


def linked_reply_outside(replies: Path) -> str:
    outside = replies.parent / "elsewhere.md"
    shutil.copy(GOOD, outside)
    (replies / "2019" / "linked.md").symlink_to(outside)
    return "replies/2019/linked.md"


def linked_reply_inside(replies: Path) -> str:
    (replies / "2019" / "linked.md").symlink_to(replies / "2018" / SEED.name)
    return "replies/2019/linked.md"


def dangling_link(replies: Path) -> str:
    (replies / "2019" / "gone.md").symlink_to(replies / "2019" / "never-there.md")
    return "replies/2019/gone.md"


def linked_year_folder(replies: Path) -> str:
    elsewhere = replies.parent / "more"
    (elsewhere).mkdir()
    shutil.copy(GOOD, elsewhere / "jiaoyu-2019-99.md")
    (replies / "2017").symlink_to(elsewhere, target_is_directory=True)
    return "replies/2017"


def named_pipe(replies: Path) -> str:
    os.mkfifo(replies / "2019" / "pipe.md")
    return "replies/2019/pipe.md"


def scan_linked_to_passwd(replies: Path) -> str:
    reply = replies / "2019" / "jiaoyu-2019-12.md"
    reply.write_text(reply.read_text(encoding="utf-8").replace("\n---\n", "\nscan: jiaoyu-2019-12.pdf\n---\n", 1), encoding="utf-8")
    (replies / "2019" / "jiaoyu-2019-12.pdf").symlink_to("/etc/passwd")  # refused as a file, and as the reply's scan
    return "replies/2019/jiaoyu-2019-12.md"


CASES: dict[str, tuple[Callable[[Path], str], str]] = {
    "reply linked from outside replies/": (linked_reply_outside, "指向replies/ 之外的"),
    "reply linked to another reply": (linked_reply_inside, "符号链接，不是文件本身"),
    "dangling link": (dangling_link, "符号链接"),
    "linked year folder": (linked_year_folder, "不是文件夹本身"),
    "named pipe": (named_pipe, "不是普通文件"),
    "scan linked to /etc/passwd": (scan_linked_to_passwd, "原件扫描件 jiaoyu-2019-12.pdf 是一个符号链接"),
}


def project_with(tmp: Path, make: Callable[[Path], str]) -> tuple[Path, str]:
    project = make_project(tmp, FIXTURES / "site")
    return project, make(project / "replies")


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_entry_is_refused_by_validate_with_its_message(case: str, tmp_path: Path) -> None:
    make, phrase = CASES[case]
    project, shown = project_with(tmp_path, make)
    with pytest.raises(ReplyError) as caught:
        library.load_replies(project / "replies", settings.Settings(), root=project)
    problems = [problem for problem in caught.value.problems if problem.path == shown]
    assert len(problems) == 1 and phrase in problems[0].message, caught.value.problems
    assert all("符号链接" in problem.message for problem in caught.value.problems if problem.path != shown)
    validate = [sys.executable, "-m", "scripts", "validate", "--config", str(project / "mkdocs.yml")]
    result = subprocess.run(validate, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 1 and f"{shown}:" in result.stderr, result.stderr


def test_build_refuses_a_scan_linked_to_a_file_of_the_machine(tmp_path: Path) -> None:
    project, shown = project_with(tmp_path, scan_linked_to_passwd)
    built = build(project)
    assert built.returncode != 0
    assert f"{shown}:" in built.log and "符号链接" in built.log
    assert not list((project / "site").rglob("*.pdf")) if (project / "site").exists() else True
    assert "root:x:0:0" not in built.log


def test_audit_lists_the_folder_apart_from_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file the inventory failed to report would stop the publication at the audit."""
    project = make_project(tmp_path, FIXTURES / "site")
    built = build(project)
    assert built.returncode == 0, built.log
    replies = library.load_replies(project / "replies", settings.Settings(), root=project)
    assert audit.audit(built.site, project / "replies", replies, settings.Settings()) == []
    os.mkfifo(project / "replies" / "2019" / "pipe.md")
    (project / "replies" / "2019" / "linked.md").symlink_to("/etc/hostname")
    shutil.copy(GOOD, project / "replies" / "2019" / "unread.md")
    problems = audit.audit(built.site, project / "replies", replies, settings.Settings())
    assert problems == [f"replies/2019/{name}: 既没有发布，也没有被拒绝" for name in ("linked.md", "pipe.md", "unread.md")]

    real_inventory = folder.inventory

    def blind(directory: Path, root: Path) -> folder.Listing:
        listing = real_inventory(directory, root)
        listing.problems = [problem for problem in listing.problems if "pipe.md" not in problem.path]
        return listing

    (project / "replies" / "2019" / "linked.md").unlink()
    (project / "replies" / "2019" / "unread.md").unlink()
    monkeypatch.setattr(library, "inventory", blind)
    again = library.load_replies(project / "replies", settings.Settings(), root=project)  # the blind build passes
    assert [reply.path for reply in again] == [reply.path for reply in replies]
    assert audit.audit(built.site, project / "replies", replies, settings.Settings()) == ["replies/2019/pipe.md: 既没有发布，也没有被拒绝"]
