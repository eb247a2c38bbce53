"""Check the written site against the replies folder: every reply has exactly one page and is
listed on every index page it belongs to. A reply staff wrote is never silently missing."""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from pathlib import Path

from .library import reply_files
from .model import Reply
from .settings import Settings
from .views import group_urls

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


def audit(site_dir: Path, source: Path, replies: list[Reply], settings: Settings) -> list[str]:
    """Every way the written site differs from the replies folder, in words for staff."""
    problems = []
    files = {path.relative_to(source.parent).as_posix() for path in reply_files(source) if path.suffix == ".md"}
    published = {reply.path for reply in replies}
    problems += [f"{path}: 没有生成答复页面" for path in sorted(files - published)]
    pages = {path.parent.relative_to(site_dir).as_posix() + "/" for path in (site_dir / "replies").glob("*/*/index.html")}
    problems += [f"{reply.path}: 页面 /{reply.url} 没有写出" for reply in replies if reply.url not in pages]
    problems += [f"网站中多出了页面 /{url}，replies/ 中没有对应的文件" for url in sorted(pages - {reply.url for reply in replies})]
    problems += _missing_from_lists(site_dir, replies, settings)
    return problems


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
