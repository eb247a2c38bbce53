"""Check the written site against the replies folder: every file in it is a reply with exactly one page,
listed on every index page it belongs to, or that reply's published scan. A file staff put there is
never silently missing. The folder is listed here with `os.walk`, apart from the build's own inventory,
so that a file the inventory passed over is caught."""

from __future__ import annotations

import os
import posixpath
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from replysite.model.folder import HOUSEKEEPING
from replysite.model.reply import Reply
from replysite.model.settings import Settings
from replysite.pages.catalogue import group_urls
from replysite.search.index import FOLDER as INDEX_FOLDER

TERMS = f"{INDEX_FOLDER}/terms/"  # the search index's terms: characters and words, never a whole 文号 or address

_ENTRY = re.compile(r'class="rs-entry__title" href="([^"]+)"')


def listed_on(site_dir: Path, group_url: str) -> set[str]:
    """Site paths of the replies listed on a list page and on all its further pages."""
    folder = site_dir / group_url
    pages = [folder / "index.html", *sorted((folder / "page").glob("*/index.html"))]
    found: set[str] = set()
    for page in pages:
        here = page.parent.relative_to(site_dir).as_posix() + "/"
        found |= {_resolve(here, href) for href in _ENTRY.findall(page.read_text(encoding="utf-8"))}
    return found


def _resolve(here: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(here, href)).strip("/") + "/"


def audit(site_dir: Path, source: Path, replies: list[Reply], settings: Settings, withheld: Sequence[Reply] = ()) -> list[str]:
    """Every way the written site differs from the replies folder, in words for staff: each published reply
    written and listed, each withheld one (不予公开) nowhere."""
    accounted = _published(site_dir, replies) | _withheld_files(withheld)
    problems = [f"{path}: 既没有发布，也没有被拒绝" for path in sorted(_every_file(source) - accounted)]
    problems += _withheld_found(site_dir, withheld)
    pages = {path.parent.relative_to(site_dir).as_posix() + "/" for path in (site_dir / "replies").glob("*/*/index.html")}
    problems += [f"{reply.path}: 页面 /{reply.url} 没有写出" for reply in replies if reply.url not in pages]
    problems += [f"网站中多出了页面 /{url}，replies/ 中没有对应的文件" for url in sorted(pages - {reply.url for reply in replies})]
    problems += _missing_from_lists(site_dir, replies, settings)
    return problems


def _withheld_files(withheld: Sequence[Reply]) -> set[str]:
    """The files of the withheld replies, and their scans: validated, deliberately not published."""
    scans = {posixpath.join(posixpath.dirname(reply.path), reply.scan) for reply in withheld if reply.scan}
    return {reply.path for reply in withheld} | scans


_WRITTEN_TEXT = {".html", ".xml", ".json", ".csv", ".txt"}


def _withheld_found(site_dir: Path, withheld: Sequence[Reply]) -> list[str]:
    """Where a withheld reply shows anyway: its page, or its address, 文号 or 索引号 in any page, feed,
    sitemap or data file (one pass over the written files, whatever the number of withheld replies)."""
    if not withheld:
        return []
    problems = [f"{reply.path}: 不予公开，却写出了页面 /{reply.url}" for reply in withheld if (site_dir / reply.url).exists()]
    needles = {text: reply for reply in withheld for text in (reply.url, reply.doc_number, reply.index_number) if text}
    pattern = re.compile("|".join(re.escape(text) for text in sorted(needles, key=len, reverse=True)))
    for path in sorted(site_dir.rglob("*")):
        if path.suffix in _WRITTEN_TEXT and path.is_file() and not path.relative_to(site_dir).as_posix().startswith(TERMS):
            for found in sorted(set(pattern.findall(path.read_text(encoding="utf-8-sig", errors="replace")))):
                problems.append(f"{needles[found].path}: 不予公开，却出现在 {path.relative_to(site_dir).as_posix()} 中（{found}）")
    return problems


def _every_file(source: Path) -> set[str]:
    """Every entry of the folder but its subfolders (links to folders included), as `replies/...` paths."""
    found = set()
    for directory, folders, files in os.walk(source):  # a linked folder is listed, never entered
        entries = [*files, *(name for name in folders if os.path.islink(os.path.join(directory, name)))]
        found |= {Path(directory, name).relative_to(source.parent).as_posix() for name in entries if name not in HOUSEKEEPING}
    return found


def _published(site_dir: Path, replies: list[Reply]) -> set[str]:
    """The reply files whose page was written, and the scans written beside them."""
    done = {reply.path for reply in replies if (site_dir / reply.url / "index.html").is_file()}
    scans = {posixpath.join(posixpath.dirname(reply.path), reply.scan): reply.scan_url for reply in replies if reply.scan}
    return done | {path for path, url in scans.items() if (site_dir / url).is_file()}


def _missing_from_lists(site_dir: Path, replies: list[Reply], settings: Settings) -> list[str]:
    expected: dict[str, set[str]] = defaultdict(set)
    for reply in replies:
        for url in group_urls(reply, settings):
            expected[url].add(reply.url)
    problems = []
    for group_url, wanted in sorted(expected.items()):
        found = listed_on(site_dir, group_url)
        problems += [f"/{group_url} 的列表中缺少 /{url}" for url in sorted(wanted - found)]
        problems += [f"/{group_url} 的列表中多出了 /{url}" for url in sorted(found - wanted)]
    return problems
