"""Every entry under `replies/`, found without following links, and what each one is.

The build publishes the reply files and their scans this finds and refuses everything else with a
message: a link, a pipe, a reserved or over-long name, a file of another kind. Nothing is passed over.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from replysite.model.names import file_slug
from replysite.model.problems import Problem

HOUSEKEEPING = {".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"}  # written by git or the operating system
RESERVED_STEMS = {"index", "readme"}  # MkDocs and code hosts treat these as a folder's own page
SCAN_SUFFIXES = {".pdf": b"%PDF-", ".png": b"\x89PNG\r\n\x1a\n", ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
MAX_SLUG = 80  # characters of a reply's own part of its URL; file systems stop at 255 bytes


@dataclass
class Listing:
    """What `inventory` found, sorted by path."""

    replies: list[Path] = field(default_factory=list)  # regular .md files, to be read as replies
    attachments: list[Path] = field(default_factory=list)  # a scan beside the reply of the same name
    ignored: list[Path] = field(default_factory=list)  # housekeeping files of git or the operating system
    problems: list[Problem] = field(default_factory=list)  # every entry refused, and why


class OutsideError(OSError):
    """A path to be published resolves outside the replies folder."""


def inventory(folder: Path, root: Path) -> Listing:
    """Walk `folder` without following links; `root` is what paths in messages are relative to."""
    listing = Listing()
    pending = [folder]
    while pending:
        directory = pending.pop()
        with os.scandir(directory) as entries:
            for entry in sorted(entries, key=lambda item: item.name):
                path = Path(entry.path)
                shown = path.relative_to(root).as_posix()
                if entry.is_symlink():
                    listing.problems.append(_link_problem(path, shown, folder))
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                elif entry.is_file(follow_symlinks=False):
                    _classify(path, shown, listing)
                else:
                    message = "这不是普通文件（而是命名管道、设备或套接字等）：replies/ 中只能放答复文件和扫描件，请删除它。"
                    listing.problems.append(Problem(shown, 1, "file", message))
    for found in (listing.replies, listing.attachments, listing.ignored):
        found.sort()
    return listing


def _classify(path: Path, shown: str, listing: Listing) -> None:
    if path.name in HOUSEKEEPING:
        listing.ignored.append(path)
    elif path.suffix.lower() in SCAN_SUFFIXES and _is_regular(path.with_suffix(".md")):
        listing.attachments.append(path)
    elif path.suffix != ".md":
        found = path.suffix or "无扩展名"
        message = f"答复文件必须是扩展名为 .md（小写）的 Markdown 文件，现为“{found}”：请改名为 {path.stem}.md，或把它移出 replies/。"
        listing.problems.append(Problem(shown, 1, "file", message))
    elif problem := _name_problem(path, shown):
        listing.problems.append(problem)
    else:
        listing.replies.append(path)


def _name_problem(path: Path, shown: str) -> Problem | None:
    if path.stem.lower() in RESERVED_STEMS:
        message = (f"文件名 {path.name} 是保留的名字（会被当作文件夹的首页或说明，不会生成答复页面）："
                   "请按文号改名，例如 xujiao-2018-76.md。")
        return Problem(shown, 1, "file", message)
    slug = file_slug(path.stem)
    if len(slug) > MAX_SLUG:
        message = (f"文件名太长：它在网址中写作“{slug[:24]}…”，共 {len(slug)} 个字符，最多 {MAX_SLUG} 个。"
                   "请改用简短的文件名，例如按文号写作 xujiao-2018-76.md。")
        return Problem(shown, 1, "file", message)
    return None


def _link_problem(path: Path, shown: str, folder: Path) -> Problem:
    what = "文件夹" if path.is_dir() else "文件"
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    where = "replies/ 之外的" if not _inside(path, folder) else ""
    message = (f"这是一个指向{where}“{target}”的符号链接，不是{what}本身：链接不会发布。"
               f"请删除链接，把{what}本身放进 replies/。")
    return Problem(shown, 1, "file", message)


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def read_inside(path: Path, folder: Path) -> bytes:
    """The bytes of a regular file that really lies in `folder`: a link anywhere on the way is refused."""
    if not _inside(path, folder):
        raise OutsideError(f"{path} 不在 {folder} 之中")
    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OutsideError(f"{path} 不是普通文件")
        return stream.read()
