"""Build the Pagefind search bundle while the site is being written.

Pagefind's extended build splits Chinese text into words; only elements marked
`data-pagefind-body` (the reply letters) are indexed, with filters and sort keys from their markup.
Each reply page goes to a Pagefind service as soon as it is rendered, so indexing runs on the
other core while MkDocs renders the rest, instead of after the whole site is written.
"""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any, cast

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from .library import newest_first
from .model import Reply

BUNDLE = "pagefind"
NEWEST_PATH = "search/newest.json"
NEWEST_COUNT = 10  # the search page's first page of results (PAGE_SIZE in docs/assets/search.js)


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


class _PromptService(PagefindService):
    """Pagefind's service client, reading each answer as soon as it arrives.

    The stock client sleeps 0.1 s before reading every answer (pagefind 1.5.2), which limits it to
    ten pages a second; this loop only waits for the service itself.
    """

    async def _wait_for_responses(self) -> None:
        stdout = self._backend.stdout
        assert stdout is not None
        try:
            while True:
                self._answer(json.loads(base64.b64decode((await stdout.readuntil(b","))[:-1])))
        except (asyncio.IncompleteReadError, ValueError) as error:  # the service ended or spoke garbage
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(SearchIndexError(f"Pagefind 服务意外退出：{error}"))

    def _answer(self, answer: dict[str, Any]) -> None:
        payload = answer.get("payload") or {}
        message_id = answer.get("message_id")
        if message_id is None and payload.get("original_message"):  # a message it could not read
            message_id = json.loads(payload["original_message"]).get("message_id")
        future = self._responses.get(message_id) if isinstance(message_id, int) else None
        if future is None or future.done():
            return
        if payload.get("type") == "Error":
            future.set_exception(SearchIndexError(str(payload.get("message"))))
        else:
            future.set_result(cast(Any, payload))

    async def close(self) -> None:
        """End the service by closing its input, and let it exit by itself so no write is cut short."""
        stdin = self._backend.stdin
        if stdin is not None and not stdin.is_closing():
            stdin.close()
        try:
            await asyncio.wait_for(self._backend.wait(), timeout=120)
        except TimeoutError:
            self._backend.terminate()
            await self._backend.wait()
        self._poll_task.cancel()


class LiveIndex:
    """A Pagefind index fed page by page from the build, on an event loop of its own thread."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self._pending: list[Future[Any]] = []
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()
        self._service: PagefindService | None = None
        self._index: PagefindIndex = self._call(self._open())

    def _call(self, coroutine: Any) -> Any:
        return self._wait(asyncio.run_coroutine_threadsafe(coroutine, self._loop))

    def _wait(self, pending: Future[Any]) -> Any:
        try:
            return pending.result()
        except Exception as error:  # the service reports failures as plain exceptions
            self.close()
            raise SearchIndexError(f"生成搜索索引失败：{error}") from error

    async def _open(self) -> PagefindIndex:
        self._service = await _PromptService().launch()
        return await self._service.create_index(IndexConfig(force_language="zh", output_path=str(self.site_dir / BUNDLE)))

    def add(self, url: str, article: str) -> None:
        """Queue one reply for indexing: its site URL (/replies/2018/x/) and its article's HTML.

        The article alone carries everything indexed (text, meta, filters); leaving out the theme's
        header, navigation and footer makes each message a fraction of the whole page.
        """
        document = f'<!DOCTYPE html><html lang="zh"><body>{article}</body></html>'
        self._pending.append(asyncio.run_coroutine_threadsafe(self._index.add_html_file(content=document, url=url), self._loop))

    def finish(self) -> int:
        """Wait for every page, write the bundle into the site, and return how many pages it holds."""
        for pending in self._pending:
            self._wait(pending)
        self._call(self._index.write_files())
        self._wait_for_entry()
        self.close()
        return indexed_pages(self.site_dir)

    def _wait_for_entry(self, seconds: float = 60) -> None:
        """The service answers before its files are all on disk; the entry file is complete last."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                indexed_pages(self.site_dir)
                return
            except (OSError, ValueError, KeyError):
                time.sleep(0.05)

    def close(self) -> None:
        """Stop the service and the thread; safe to call more than once."""
        if self._service is not None:
            service, self._service = self._service, None
            asyncio.run_coroutine_threadsafe(service.close(), self._loop).result()
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()


def newest_listing(replies: list[Reply]) -> bytes:
    """The newest replies in the shape of Pagefind's result data, for the search page's opening list.

    With no query and no filter the page lists every reply newest first; Pagefind can only do that
    by loading its whole index (30 MB at 10,000 replies), so the first page comes from this small file
    and the index is loaded only if the reader asks for more.
    """
    items = [
        {
            "url": reply.url,
            "meta": {"title": reply.title, "date": reply.date.isoformat(), "doc_number": reply.doc_number},
            "filters": {"办理结果": [f"{reply.result} 类"], "答复单位": [reply.agency], "提案人": list(reply.proposers)},
        }
        for reply in sorted(replies, key=newest_first)[:NEWEST_COUNT]
    ]
    return json.dumps(items, ensure_ascii=False, sort_keys=True).encode("utf-8")


def indexed_pages(site_dir: Path) -> int:
    """How many pages the written bundle can find, from its entry file."""
    entry = json.loads((site_dir / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())
