"""Build the Pagefind search bundle while the site is being written.

Pagefind's extended build splits Chinese text into words; only elements marked
`data-pagefind-body` (the reply letters) are indexed, with filters and sort keys from their markup.
Each reply page goes to a Pagefind service as soon as it is rendered, so indexing runs on the
other core while MkDocs renders the rest, instead of after the whole site is written. The replies
are indexed in parts (`parts`), one Pagefind after the other, and the parts are merged into
the one bundle readers load (`merge`).
"""

from __future__ import annotations

import asyncio
import json
import shutil
import threading
from concurrent.futures import Future
from itertools import pairwise
from pathlib import Path
from typing import Any

from replysite.model.reply import Reply
from replysite.search import bundle as pagefind
from replysite.search import fragments, grams, stable
from replysite.search import merge as searchmerge
from replysite.search.parts import Shard
from replysite.search.protocol import PagefindService
from replysite.search.protocol import SearchIndexError as SearchIndexError  # the glue catches it from here

BUNDLE = "pagefind"  # the bundle's folder in the site
PARTS = ".pagefind-parts"  # the parts' folders while the site is built, removed after the merge
LANGUAGE = "zh"  # every page is indexed as Chinese, split into words by Pagefind's extended build
NEWEST_PATH = "search/newest.json"
NEWEST_COUNT = 10  # the search page's first page of results (PAGE_SIZE in docs/assets/search.js)


class _ShardIndex:
    """One part's Pagefind service: opened with its first page once the part before it is written,
    written and ended after its last page, so only one Pagefind holds pages at a time."""

    def __init__(self, shard: Shard, folder: Path) -> None:
        self.shard = shard
        self.folder = folder
        self.added = 0
        self.service: PagefindService | None = None  # while the part is open
        self.pending: list[Future[Any]] = []  # its pages' additions, as queued by the build
        self.turn = asyncio.Event()  # set when the part before it is written (at once for the first)
        self.next: _ShardIndex | None = None
        self._opening: asyncio.Task[tuple[PagefindService, int]] | None = None  # its service and index, once up
        self.written = False
        self.terms: dict[str, fragments.Terms] = {}  # URL → the terms its page was given, to trim its record
        self.places: searchmerge.Places = {}  # each page record's place in the order its page was sent

    async def add(self, url: str, document: str) -> None:
        if self._opening is None:
            self._opening = asyncio.ensure_future(self._open())
        service, index_id = await self._opening
        await service.add_html_file(index_id, url, document)
        self.added += 1
        if self.added == len(self.shard.urls):
            await self.write()

    async def _open(self) -> tuple[PagefindService, int]:
        await self.turn.wait()
        self.service = service = await PagefindService.start()
        return service, await service.new_index(LANGUAGE)

    async def write(self, even_empty: bool = False) -> None:
        """Write the bundle, end the service (and its memory), and hand over to the next part.

        The files come back through the service and are written here (see `PagefindService.get_files`)."""
        if even_empty and self._opening is None:
            self._opening = asyncio.ensure_future(self._open())
        if self._opening is not None and not self.written:
            self.written = True
            service, index_id = await self._opening
            urls: dict[str, str] = {}
            pagefind.save(self.folder, fragments.trimmed(await service.get_files(index_id), self.terms, urls))
            sent = {"/" + url: place for place, url in enumerate(self.shard.urls)}
            self.places = {name: sent.get(url, len(sent)) for name, url in urls.items()}
            await self.close()
        if self.next is not None:
            self.next.turn.set()

    async def close(self) -> None:
        if self.service is not None:
            service, self.service = self.service, None
            await service.close()


class LiveIndex:
    """The search index, fed page by page from the build on an event loop of its own thread.

    Pagefind holds every page in memory until it writes, so the replies are indexed in parts (see
    `parts`), one Pagefind after the other: pages come in the order MkDocs renders them, the
    replies' order, newest first, so each part fills, is written and its service ends while the
    build goes on. The parts are then merged into the one bundle readers load (`merge`).
    """

    def __init__(self, site_dir: Path, shards: list[Shard]) -> None:
        self.bundle = site_dir / BUNDLE
        self._parts = site_dir / PARTS  # even one part is merged: the merge numbers the pages in the order they were sent
        shutil.rmtree(self._parts, ignore_errors=True)  # left by a build that was stopped
        self.shards = [_ShardIndex(shard, self._parts / shard.name) for shard in shards]
        for before, after in pairwise(self.shards):
            before.next = after
        if self.shards:
            self.shards[0].turn.set()
        self._shard_of = {"/" + url: shard for shard in self.shards for url in shard.shard.urls}
        self.index_pages: dict[str, dict[str, str]] = {}  # facet → name → its index page
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="pagefind", daemon=True)
        self._thread.start()

    def _call(self, coroutine: Any) -> Any:
        return self._wait(asyncio.run_coroutine_threadsafe(coroutine, self._loop))

    def _wait(self, pending: Future[Any]) -> Any:
        try:
            return pending.result()
        except Exception as error:  # the service reports failures as plain exceptions
            self.close()
            raise SearchIndexError(f"生成搜索索引失败：{error}") from error

    def add(self, url: str, article: str) -> None:
        """Queue one reply for indexing: its site URL (/replies/2018/x/) and its article's HTML.

        The article alone carries everything indexed (text, meta, filters); leaving out the theme's
        header, navigation and footer makes each message a fraction of the whole page.
        """
        shard = self._shard_of.get(url)
        if shard is None:
            raise SearchIndexError(f"{url} 不属于任何搜索索引分卷：请报告这个问题。")
        for facet, name, page in grams.index_links(url, article):
            self.index_pages.setdefault(facet, {})[name] = page
        end = article.rindex("</article>")  # the terms join the indexed article, not the page
        words = grams.article_words(article)
        shard.terms[url] = fragments.Terms.of(words)
        document = f'<!DOCTYPE html><html lang="zh"><body>{article[:end]}{grams.terms_element(words)}{article[end:]}</body></html>'
        shard.pending.append(asyncio.run_coroutine_threadsafe(shard.add(url, document), self._loop))

    def finish(self) -> int:
        """Wait for every page and part, write the site's bundle in a stable order, and return how
        many pages it holds."""
        for shard in self.shards:  # part after part: each one's turn comes when the one before is written
            for pending in shard.pending:
                self._wait(pending)
            self._call(shard.write())  # a part whose pages did not all come is written as it is
        if not self.shards:  # no replies: an empty bundle, so the search page still loads
            empty = _ShardIndex(Shard("", ()), self.bundle)
            empty.turn.set()
            self._call(empty.write(even_empty=True))
        self._stop()
        written = [shard for shard in self.shards if shard.written]
        if written:
            try:
                searchmerge.merge([shard.folder for shard in written], self.bundle, [shard.places for shard in written])
            except pagefind.BundleFormatError as error:
                raise SearchIndexError(f"合并搜索索引失败：{error}") from error
            finally:
                shutil.rmtree(self._parts, ignore_errors=True)
        folding = self.bundle.parent / grams.FOLDING_PATH
        folding.parent.mkdir(parents=True, exist_ok=True)
        folding.write_bytes(grams.folding_json())
        (self.bundle.parent / grams.INDEX_PAGES_PATH).write_bytes(grams.index_pages_json(self.index_pages))
        try:
            stable.stabilise(self.bundle)  # Pagefind's own order changes from run to run
        except pagefind.BundleFormatError as error:
            raise SearchIndexError(f"整理搜索索引失败：{error}") from error
        return pagefind.page_count(self.bundle)

    def _stop(self) -> None:
        if self._loop.is_running():
            for shard in self.shards:
                asyncio.run_coroutine_threadsafe(shard.close(), self._loop).result()
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()

    def close(self) -> None:
        """Stop the services and the thread, and remove the parts; safe to call more than once."""
        self._stop()
        shutil.rmtree(self._parts, ignore_errors=True)


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
        for reply in replies[:NEWEST_COUNT]  # newest first, as the catalogue holds them
    ]
    return json.dumps(items, ensure_ascii=False, sort_keys=True).encode("utf-8")
