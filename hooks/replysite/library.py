"""All replies of a site: find every file in `replies/`, read each through the model, check them together.

Nothing in the folder is passed over: a file that is not a reply is reported, never skipped.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from pathlib import Path

from .model import Reply, doc_number_key, parse_reply
from .problems import Problem, ReplyError
from .settings import Settings

IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db", "README.md"}
ATTACHMENT_SUFFIXES = {".pdf"}


def reply_files(folder: Path) -> list[Path]:
    """Every file under `folder` that staff put there, sorted."""
    return sorted(path for path in folder.rglob("*") if path.is_file() and path.name not in IGNORED_NAMES)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The file decoded as UTF-8, or a problem that says how to re-save it."""
    data = path.read_bytes()
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


class _Memo:
    """The last run's result for each file, by path, modification time and size.

    `mkdocs serve` rebuilds after every save; re-reading only the files that changed keeps the preview
    fast at thousands of replies. Each run replaces the whole memo, so it holds exactly the current
    files, and any change of settings, folder or date starts it afresh: its answers are those a fresh
    read would give.
    """

    context: tuple[object, ...] = ()
    files: dict[tuple[str, int, int], Loaded] = {}  # noqa: RUF012 - replaced whole, never mutated


def load_replies(
    folder: Path, settings: Settings, root: Path | None = None, today: datetime.date | None = None
) -> list[Reply]:
    """Read and check every reply under `folder`; raise `ReplyError` with all problems at once."""
    root = root or folder.parent
    today = today or settings.today()
    context = (repr(settings), today, folder.resolve(), root.resolve())
    previous = _Memo.files if _Memo.context == context else {}
    current: dict[tuple[str, int, int], Loaded] = {}
    replies: list[Reply] = []
    problems: list[Problem] = []
    for path in reply_files(folder):
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        reply, found = current[key] = previous.get(key) or load_file(path, path.relative_to(root).as_posix(), folder, settings, today)
        problems += found
        if reply:
            replies.append(reply)
    _Memo.context, _Memo.files = context, current
    problems += check_together(replies)
    if problems:
        raise ReplyError(problems)
    return sorted(replies, key=newest_first)


def load_file(
    path: Path, shown: str, folder: Path, settings: Settings, today: datetime.date | None = None
) -> tuple[Reply | None, list[Problem]]:
    """Read one file of the replies folder, checking its place in the folder too."""
    if path.suffix.lower() in ATTACHMENT_SUFFIXES and path.with_suffix(".md").exists():
        return None, []
    if path.suffix != ".md":
        found = path.suffix or "无扩展名"
        message = f"答复文件必须是扩展名为 .md（小写）的 Markdown 文件，现为“{found}”：请改名为 {path.stem}.md，或把它移出 replies/。"
        return None, [Problem(shown, 1, "file", message)]
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    reply, problems = parse_reply(shown, text, settings, today)
    if reply:
        problems = _check_place(reply, path.relative_to(folder))
    return (None if problems else reply), problems


def _check_place(reply: Reply, relative: Path) -> list[Problem]:
    if len(relative.parts) != 2 or relative.parts[0] != str(reply.year):
        message = f"文件应放在以年份命名的文件夹中：日期为 {reply.date.isoformat()}，请移到 replies/{reply.year}/{relative.name}。"
        return [Problem(reply.path, reply.lines.get("date", 0), "date", message)]
    return []


def check_together(replies: list[Reply]) -> list[Problem]:
    """Problems that only show across files: a 文号 or a page URL used twice."""
    problems: list[Problem] = []
    for label in ("doc_number", "file"):
        groups: dict[str, list[Reply]] = defaultdict(list)
        for reply in replies:
            groups[doc_number_key(reply.doc_number) if label == "doc_number" else reply.url].append(reply)
        for value, group in groups.items():
            if len(group) > 1:
                problems += _duplicate(label, value, group)
    return problems


def _duplicate(label: str, value: str, group: list[Reply]) -> list[Problem]:
    paths = "、".join(reply.path for reply in group)
    what = f"文号“{value}”被多个文件使用" if label == "doc_number" else f"这些文件会生成同一个网址 /{value}"
    message = f"{what}：{paths}。每个答复只能有一个文件，请核对后改正。"
    return [Problem(reply.path, reply.lines.get(label, 1), label, message) for reply in group]


def newest_first(reply: Reply) -> tuple[int, str, str]:
    """Sort key for lists of replies: newest date first, then by 文号 and path for a stable order."""
    return (-reply.date.toordinal(), reply.doc_number, reply.path)
