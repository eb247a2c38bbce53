"""The Pagefind service client: fast answers, one part after another merged into one bundle, and a
clear failure rather than a hang if the service dies."""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import signal
import threading
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest

from replysite.search import protocol
from replysite.search.bundle import page_count
from replysite.search.parts import Shard
from replysite.search.protocol import PagefindService
from replysite.search.service import LiveIndex, SearchIndexError

ARTICLE = '<article data-pagefind-body><h1 data-pagefind-meta="title">关于集团化办学的提案</h1><p>集团化办学答复正文。</p></article>'


def run_apart(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine on a thread of its own: a browser test earlier in the run may leave this
    thread's event loop running (Playwright's sync API), where asyncio.run refuses to start."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def shard(name: str, count: int) -> Shard:
    return Shard(name, tuple(f"replies/{name}/r{number}/" for number in range(count)))


def eventually(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_pages_added_one_by_one_are_all_in_the_bundle(tmp_path: Path) -> None:
    part = shard("2020", 30)
    index = LiveIndex(tmp_path, [part])
    for url in part.urls:
        index.add("/" + url, ARTICLE)
    assert index.finish() == 30
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def test_a_part_is_written_and_its_service_ended_once_its_last_page_is_in(tmp_path: Path) -> None:
    newer, older = shard("1", 5), shard("2", 4)
    index = LiveIndex(tmp_path, [newer, older])
    for url in newer.urls:
        index.add("/" + url, ARTICLE)
    first, second = index.shards
    assert eventually(lambda: first.written and first.service is None), "the full part was not written at once"
    assert page_count(tmp_path / ".pagefind-parts" / "1") == 5
    assert second.service is None and not (tmp_path / ".pagefind-parts" / "2").exists()  # not opened before its first page
    for url in older.urls:
        index.add("/" + url, ARTICLE)
    assert index.finish() == 9
    assert page_count(tmp_path / "pagefind") == 9
    assert not (tmp_path / ".pagefind-parts").exists()


def test_only_one_part_holds_pages_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    running: list[int] = []
    start, close = PagefindService.start, PagefindService.close

    async def counted_start(cls: type[PagefindService]) -> PagefindService:
        running.append(running[-1] + 1 if running else 1)
        return await start()

    async def counted_close(self: PagefindService) -> None:
        await close(self)
        running.append(running[-1] - 1)

    monkeypatch.setattr(PagefindService, "start", classmethod(counted_start))
    monkeypatch.setattr(PagefindService, "close", counted_close)
    parts = [shard(str(number), 5) for number in range(1, 4)]
    index = LiveIndex(tmp_path, parts)
    for part in parts:  # every page queued at once, as a fast build would
        for url in part.urls:
            index.add("/" + url, ARTICLE)
    assert index.finish() == 15
    assert max(running) == 1 and running[-1] == 0, running


def test_no_replies_still_write_an_empty_bundle(tmp_path: Path) -> None:
    assert LiveIndex(tmp_path, []).finish() == 0
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def test_parts_left_by_a_stopped_build_are_removed(tmp_path: Path) -> None:
    stale = tmp_path / ".pagefind-parts" / "1"
    stale.mkdir(parents=True)
    index = LiveIndex(tmp_path, [shard("1", 1), shard("2", 1)])
    assert not stale.exists()
    index.close()


def test_a_page_outside_every_part_is_an_error(tmp_path: Path) -> None:
    index = LiveIndex(tmp_path, [shard("2020", 1)])
    try:
        index.add("/replies/2019/stray/", ARTICLE)
    except SearchIndexError as error:
        assert "/replies/2019/stray/" in str(error)
    else:
        raise AssertionError("a page of no part was accepted")
    finally:
        index.close()


def test_a_service_that_dies_fails_the_build_instead_of_hanging(tmp_path: Path) -> None:
    index = LiveIndex(tmp_path, [shard("2020", 2)])
    index.add("/replies/2020/r0/", ARTICLE)
    assert eventually(lambda: index.shards[0].service is not None)
    service = index.shards[0].service
    assert service is not None
    os.kill(service.pid, signal.SIGKILL)
    outcome: list[BaseException] = []

    def finish() -> None:
        try:
            index.finish()
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=finish, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "finish() hung after the service died"
    assert len(outcome) == 1 and isinstance(outcome[0], SearchIndexError)


def test_an_error_the_service_reports_fails_that_request_with_its_message() -> None:
    async def add_to_a_missing_index() -> None:
        service = await PagefindService.start()
        try:
            await service.add_html_file(99, "/replies/2020/r0/", ARTICLE)
        finally:
            await service.close()

    with pytest.raises(SearchIndexError, match="Invalid index"):
        run_apart(add_to_a_missing_index())


@pytest.mark.parametrize(
    ("said", "reason"),
    [("thread main panicked: out of memory", "意外退出。thread main panicked"), ("not base64!,", "无法读取：not base64!")],
)
def test_a_service_that_says_something_else_fails_with_what_it_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, said: str, reason: str
) -> None:
    fake = tmp_path / "pagefind_extended"
    fake.write_text(f"#!/bin/sh\nhead -c 1 >/dev/null\necho '{said}'\nexit 101\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(protocol, "executable", lambda: fake)

    async def open_an_index() -> None:
        service = await PagefindService.start()
        try:
            await service.new_index("zh")
        finally:
            await service.close()

    with pytest.raises(SearchIndexError, match=reason):
        run_apart(open_an_index())


def test_a_request_after_the_service_is_closed_fails_at_once() -> None:
    async def ask_a_closed_service() -> None:
        service = await PagefindService.start()
        await service.close()
        await service.new_index("zh")

    with pytest.raises(SearchIndexError, match="已经关闭"):
        run_apart(ask_a_closed_service())
