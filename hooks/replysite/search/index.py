"""The site's search index, fed page by page while the site is written (see `worker` for the files).

Each reply page goes, as soon as it is rendered, to a worker process that cuts its text into terms
on the other core; `finish` waits for it to write the index. The search page (docs/assets/search.js
with search-index.js) answers from these static files alone: no server, no request elsewhere.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import replysite
from replysite.errors import SiteError
from replysite.search import grams

FOLDER = "search/index"  # the index's folder in the site
_END = None  # tells the feeding thread that no page follows


class SearchIndexError(SiteError):
    """The search index could not be written."""


class LiveIndex:
    """The index of the site in `site_dir`, written by a worker process from the pages `add` sends;
    `order` lists the replies' page URLs (/replies/2018/x/) newest first: each page's number."""

    def __init__(self, site_dir: Path, order: list[str]) -> None:
        self.site_dir = site_dir
        self._numbers = {url: number for number, url in enumerate(order)}
        self.folder = site_dir / FOLDER
        shutil.rmtree(self.folder, ignore_errors=True)
        self.index_pages: dict[str, dict[str, str]] = {}  # facet → name → its index page
        hooks = str(Path(replysite.__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [hooks, os.environ.get("PYTHONPATH", "")]))}
        self._worker = subprocess.Popen(
            [sys.executable, "-m", "replysite.search.worker", str(self.folder), str(len(order))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        )
        self._pages: queue.Queue[bytes | None] = queue.Queue()  # lines for the worker, sent by a thread of their own
        self._failed: BaseException | None = None
        self._feeder = threading.Thread(target=self._feed, name="search-index", daemon=True)
        self._feeder.start()

    def add(self, record: dict[str, Any], article: str) -> None:
        """Queue one reply page: its search record (`records.record_of`) and its article's HTML."""
        if self._failed is not None:
            raise self._error()
        number = self._numbers.get(record["url"])
        if number is None:
            raise SearchIndexError(f"{record['url']} 不是本站的答复页面，不能放进搜索索引：请报告这个问题。")
        for facet, name, page in grams.index_links(record["url"], article):
            self.index_pages.setdefault(facet, {})[name] = page
        self._pages.put(json.dumps({"page": number, "record": record, "article": article}, ensure_ascii=False).encode("utf-8") + b"\n")

    def _feed(self) -> None:
        stdin = self._worker.stdin
        assert stdin is not None
        try:
            while (line := self._pages.get()) is not _END:
                stdin.write(line)
            stdin.close()
        except OSError as error:  # the worker ended early: its error output says why
            self._failed = error

    def finish(self) -> int:
        """Wait for the worker to write the index, write the search page's other files, and return how many pages the index holds."""
        self._pages.put(_END)
        self._feeder.join()
        self._worker.stdin = None  # closed by the feeding thread
        out, err = self._worker.communicate()
        if self._worker.returncode != 0 or self._failed is not None:
            raise self._error(err)
        folding = self.site_dir / grams.FOLDING_PATH
        folding.parent.mkdir(parents=True, exist_ok=True)
        folding.write_bytes(grams.folding_json())
        (self.site_dir / grams.INDEX_PAGES_PATH).write_bytes(grams.index_pages_json(self.index_pages))
        return int(json.loads(out)["pages"])

    def _error(self, err: bytes = b"") -> SearchIndexError:
        if not err and self._worker.poll() is not None and self._worker.stderr is not None:
            err = self._worker.stderr.read()
        detail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [str(self._failed or "")]
        return SearchIndexError(f"生成搜索索引失败：{detail[0]}")

    def close(self) -> None:
        """Stop the worker (a build that failed); safe to call more than once."""
        if self._worker.poll() is None:
            self._worker.kill()
            self._worker.wait()
        self._pages.put(_END)
