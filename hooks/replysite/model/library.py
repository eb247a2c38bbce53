"""All replies of a site: find every file in `replies/`, read each through the model, check them together.

Nothing in the folder is passed over: a file that is not a reply or its scan is reported, never skipped
(`folder.inventory` says what each entry is).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from replysite.model import markup, scans, threads
from replysite.model.folder import inventory, read_inside
from replysite.model.problems import Problem, ReplyError
from replysite.model.reply import Reply, doc_number_key, parse_reply
from replysite.model.settings import Settings


def reply_files(folder: Path) -> list[Path]:
    """The reply files under `folder` (not their scans), sorted."""
    return inventory(folder, folder).replies


def read_text(path: Path, shown: str, folder: Path) -> tuple[str | None, list[Problem]]:
    """The file decoded as UTF-8, or a problem that says how to re-save it."""
    try:
        data = read_inside(path, folder)
    except OSError:
        return None, [Problem(shown, 1, "file", "这个文件无法读取（权限不足或已损坏）：请检查文件后重新保存。")]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        hint = "它像是 GBK 编码（中文 Windows 记事本、WPS 常用）" if _is_gbk(data) else "它不是 UTF-8 编码"
        return None, [Problem(shown, line, "encoding", f"{hint}：请用编辑器“另存为”UTF-8 编码后再提交。")]


def _is_gbk(data: bytes) -> bool:
    try:
        data.decode("gbk")
    except UnicodeDecodeError:
        return False
    return True


Loaded = tuple[Reply | None, list[Problem]]


@dataclass
class Memo:
    """The last read's result for each file (and scan), by path, modification time and size.

    `mkdocs serve` rebuilds after every save; re-reading only the files that changed keeps the preview
    fast at thousands of replies. The caller that wants this (the glue) keeps one and passes it in.
    Each read replaces its whole content, so it holds exactly the current files, and any change of
    settings, folder or date starts it afresh: its answers are those a fresh read would give.
    """

    context: tuple[object, ...] = ()
    files: dict[tuple[str, int, int], Loaded] = field(default_factory=dict)
    scans: dict[tuple[object, ...], list[Problem]] = field(default_factory=dict)


def load_replies(
    folder: Path, settings: Settings, root: Path | None = None, today: datetime.date | None = None, memo: Memo | None = None
) -> list[Reply]:
    """Read and check every reply under `folder`; raise `ReplyError` with all problems at once.

    `memo`, kept by the caller from one read to the next, lets unchanged files be reused."""
    replies, problems = read_replies(folder, settings, root, today, memo)
    if problems:
        raise ReplyError(problems)
    return replies


def read_replies(
    folder: Path, settings: Settings, root: Path | None = None, today: datetime.date | None = None, memo: Memo | None = None
) -> tuple[list[Reply], list[Problem]]:
    """Every reply under `folder` with no problem of its own, newest first, and every problem found.

    For a preview, which shows the good replies and lists the problems; publishing uses `load_replies`."""
    root = root or folder.parent
    today = today or settings.today()
    memo = memo or Memo()
    context = (repr(settings), today, folder.resolve(), root.resolve())
    previous = memo.files if memo.context == context else {}
    current: dict[tuple[str, int, int], Loaded] = {}
    replies: list[Reply] = []
    listing = inventory(folder, root)
    problems: list[Problem] = list(listing.problems)
    for path in listing.replies:
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        reply, found = current[key] = previous.get(key) or load_file(path, path.relative_to(root).as_posix(), folder, settings, today)
        problems += found
        if reply:
            replies.append(reply)
    memo.context, memo.files = context, current
    problems += check_together(replies)
    problems += threads.check_threads(replies)
    problems += check_scans(replies, listing.attachments, folder, root, memo)
    problems += markup.link_problems(replies)
    refused = {problem.path for problem in problems}
    return sorted((reply for reply in replies if reply.path not in refused), key=newest_first), sorted(problems)


def load_file(
    path: Path, shown: str, folder: Path, settings: Settings, today: datetime.date | None = None
) -> tuple[Reply | None, list[Problem]]:
    """Read one reply file of the replies folder, checking its place in the folder and its body too."""
    text, problems = read_text(path, shown, folder)
    if text is None:
        return None, problems
    reply, problems = parse_reply(shown, text, settings, today)
    if reply:
        problems = _check_place(reply, path.relative_to(folder)) + markup.body_problems(reply.path, reply.body, reply.body_line)
    return (None if problems else reply), problems


def check_scans(replies: list[Reply], attachments: list[Path], folder: Path, root: Path, memo: Memo) -> list[Problem]:
    """Each scan a reply names can be published, and no scan beside a reply is left unnamed."""
    problems: list[Problem] = []
    named: set[Path] = set()
    checked: dict[tuple[object, ...], list[Problem]] = {}
    for reply in replies:
        if not reply.scan:
            continue
        path = scans.scan_path(reply, root)
        named.add(path)
        try:
            stat = path.lstat()
            key: tuple[object, ...] = (str(path), stat.st_mtime_ns, stat.st_size, reply.reviewed_numbers)
        except OSError:
            key = (str(path),)
        cached = memo.scans.get(key) if len(key) > 1 else None  # a missing scan is looked for again
        checked[key] = found = cached if cached is not None else scans.check_scan(reply, folder, root)
        problems += found
    memo.scans = checked
    for path in attachments:
        if path not in named:
            shown, reply_name = path.relative_to(root).as_posix(), path.with_suffix(".md").name
            message = (f"这份扫描件没有被 {reply_name} 的 scan 字段引用，不会发布："
                       f"请在 {reply_name} 中写 scan: {path.name}，或把它移出 replies/。")
            problems.append(Problem(shown, 1, "file", message))
    return problems


def _check_place(reply: Reply, relative: Path) -> list[Problem]:
    if len(relative.parts) != 2 or relative.parts[0] != str(reply.year):
        message = f"文件应放在以年份命名的文件夹中：日期为 {reply.date.isoformat()}，请移到 replies/{reply.year}/{relative.name}。"
        return [Problem(reply.path, reply.lines.get("date", 0), "date", message)]
    return []


def check_together(replies: list[Reply]) -> list[Problem]:
    """Problems that only show across files: a 文号, a 索引号 or a page URL used twice."""
    keys: dict[str, Callable[[Reply], str]] = {
        "doc_number": lambda reply: doc_number_key(reply.doc_number), "file": lambda reply: reply.url,
        "index_number": lambda reply: reply.index_number.strip(),
    }
    problems: list[Problem] = []
    for label, key in keys.items():
        groups: dict[str, list[Reply]] = defaultdict(list)
        for reply in replies:
            if key(reply):
                groups[key(reply)].append(reply)
        for value, group in groups.items():
            if len(group) > 1:
                problems += _duplicate(label, value, group)
    return problems


def _duplicate(label: str, value: str, group: list[Reply]) -> list[Problem]:
    paths = "、".join(reply.path for reply in group)
    what = {"doc_number": f"文号“{value}”被多个文件使用", "index_number": f"索引号“{value}”被多个文件使用"}.get(
        label, f"这些文件会生成同一个网址 /{value}")
    message = f"{what}：{paths}。每个答复只能有一个文件，请核对后改正。"
    return [Problem(reply.path, reply.lines.get(label, 1), label, message) for reply in group]


def newest_first(reply: Reply) -> tuple[int, str, str]:
    """Sort key for lists of replies: newest date first, then by 文号 and path for a stable order."""
    return (-reply.date.toordinal(), reply.doc_number, reply.path)
