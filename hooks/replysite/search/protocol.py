"""A small client of Pagefind's service protocol, so the build drives Pagefind without its Python client.

`pagefind_extended --service` reads requests on its input and writes answers on its output, each one
JSON object in base64 followed by a comma. A request is `{"message_id": n, "payload": {"type": ...}}`;
its answer carries the same `message_id` and a payload of the answer's type, or of type `Error`
(with the request's own text as `original_message` when the service could not read it, and no id).
Requests may be sent before the earlier ones are answered; the service works on them in turn.
"""

from __future__ import annotations

import asyncio
import base64
import json
from asyncio.subprocess import PIPE, STDOUT
from pathlib import Path
from typing import Any

import pagefind_bin_extended  # type: ignore[import-untyped]  # the binary's package ships no type information

from replysite.errors import SiteError

ANSWER_LIMIT = 1 << 30  # bytes of one answer at most (a part's whole bundle is one answer: tens of MB)
EXIT_WAIT = 120  # seconds a service is given to exit once its input is closed, before it is killed
SHOWN = 500  # characters of an unreadable answer quoted in the error (a crash's message, usually)


class SearchIndexError(SiteError):
    """Pagefind could not index the site."""


def executable() -> Path:
    """The `pagefind_extended` binary that the `pagefind[extended]` package installed."""
    try:
        return Path(pagefind_bin_extended.get_executable())
    except FileNotFoundError as error:
        raise SearchIndexError(f"找不到 Pagefind 程序：{error}。请重新安装 requirements.txt 中的 pagefind[extended]。") from error


class PagefindService:
    """One Pagefind process in service mode: requests go out as they come, answers are matched to them by id.

    Each answer is read as soon as it arrives (Pagefind's own client sleeps 0.1 s before each, ten
    pages a second at most). If the process ends or says something unreadable, every request still
    waiting, and every later one, fails with a `SearchIndexError` instead of waiting for ever.
    """

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self._process = process
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._last_id = 0
        self._ended: SearchIndexError | None = None
        self._reader = asyncio.ensure_future(self._read_answers())

    @classmethod
    async def start(cls) -> PagefindService:
        """Start a Pagefind service (the event loop's own thread must call this)."""
        try:
            process = await asyncio.create_subprocess_exec(
                executable(), "--service", stdin=PIPE, stdout=PIPE, stderr=STDOUT, limit=ANSWER_LIMIT
            )
        except OSError as error:
            raise SearchIndexError(f"无法启动 Pagefind：{error}") from error
        return cls(process)

    @property
    def pid(self) -> int:
        return self._process.pid

    async def new_index(self, language: str) -> int:
        """Make an empty index whose pages are all in `language`; return its id."""
        answer = await self.request({"type": "NewIndex", "config": {"force_language": language}}, "NewIndex")
        return int(answer["index_id"])

    async def add_html_file(self, index_id: int, url: str, html: str) -> None:
        """Index one page, given as its HTML and the URL readers will find it at."""
        payload = {"type": "AddFile", "index_id": index_id, "url": url, "file_contents": html, "file_path": None}
        await self.request(payload, "IndexedFile")

    async def get_files(self, index_id: int) -> list[tuple[str, bytes]]:
        """Every file of the index's bundle, as (path in the bundle, content).

        Taken through the service rather than with `WriteFiles`: Pagefind answers that before its
        last bytes are on disk (its files are not flushed), and one read too early copied a cut-off file."""
        answer = await self.request({"type": "GetFiles", "index_id": index_id}, "GetFiles")
        return [(str(file["path"]), base64.b64decode(file["content"])) for file in answer["files"]]

    async def request(self, payload: dict[str, Any], answer_type: str) -> dict[str, Any]:
        """Send one request and wait for its answer's payload, which must be of `answer_type`."""
        if self._ended is not None:
            raise self._ended
        self._last_id += 1
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[self._last_id] = future
        message = json.dumps({"message_id": self._last_id, "payload": payload}).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(base64.b64encode(message) + b",")  # the service answers once it has read the comma
            await stdin.drain()
        except (ConnectionError, RuntimeError) as error:  # the service has ended, or is being closed
            self._waiting.pop(self._last_id, None)
            raise self._ended or SearchIndexError(f"无法向 Pagefind 服务发送请求：{error}") from error
        answer = await future
        if answer.get("type") != answer_type:
            raise SearchIndexError(f"Pagefind 服务对 {payload['type']} 的回答是 {answer.get('type')}，而不是 {answer_type}")
        return answer

    async def _read_answers(self) -> None:
        stdout = self._process.stdout
        assert stdout is not None
        try:
            while True:
                raw = await stdout.readuntil(b",")
                try:
                    answer = json.loads(base64.b64decode(raw[:-1]))
                except ValueError as error:  # not base64 or not JSON: the service printed something else
                    raise SearchIndexError(f"Pagefind 服务的回答无法读取：{_shown(raw)}") from error
                if isinstance(answer, dict):
                    self._settle(answer)
        except asyncio.IncompleteReadError as error:  # the output ended: the service exited
            self._end(SearchIndexError(f"Pagefind 服务意外退出。{_shown(error.partial)}".rstrip()))
        except asyncio.LimitOverrunError:
            self._end(SearchIndexError(f"Pagefind 服务的回答超过 {ANSWER_LIMIT} 字节"))
        except SearchIndexError as error:
            self._end(error)
        except Exception as error:  # whatever else stops the reader must not leave a request waiting
            self._end(SearchIndexError(f"读取 Pagefind 服务的回答时出错：{error!r}"))

    def _settle(self, answer: dict[str, Any]) -> None:
        """Resolve the request that `answer` is for; one that matches no waiting request is dropped, but
        an error that names no request fails them all, since which one it was cannot be told."""
        payload = answer.get("payload") or {}
        message_id = answer.get("message_id")
        if message_id is None and payload.get("original_message"):  # a request it could not read
            message_id = _message_id(payload["original_message"])
        future = self._waiting.pop(message_id, None) if isinstance(message_id, int) else None
        if future is None and message_id is None and payload.get("type") == "Error":  # of no request we can tell
            self._end(SearchIndexError(f"Pagefind 报告错误：{payload.get('message')}"))
        if future is None or future.done():
            return
        if payload.get("type") == "Error":
            future.set_exception(SearchIndexError(f"Pagefind 报告错误：{payload.get('message')}"))
        else:
            future.set_result(payload)

    def _end(self, error: SearchIndexError) -> None:
        """Fail every request still waiting, and every later one, with `error` (or the first reason given)."""
        self._ended = self._ended or error
        for future in self._waiting.values():
            if not future.done():
                future.set_exception(self._ended)
        self._waiting.clear()

    async def close(self) -> None:
        """End the service by closing its input and let it exit by itself, so no write is cut short;
        kill it if it has not exited after `EXIT_WAIT` seconds."""
        self._ended = self._ended or SearchIndexError("Pagefind 服务已经关闭")
        stdin = self._process.stdin
        if stdin is not None and not stdin.is_closing():
            stdin.close()
        try:
            await asyncio.wait_for(self._process.wait(), timeout=EXIT_WAIT)
        except TimeoutError:
            self._process.kill()
            await self._process.wait()
        finally:
            self._reader.cancel()


def _message_id(original: str) -> Any:
    """The id of the request whose text is `original`, if it can be read."""
    try:
        request = json.loads(original)
    except ValueError:
        return None
    return request.get("message_id") if isinstance(request, dict) else None


def _shown(raw: bytes) -> str:
    """The start of what the service wrote, as text for an error message."""
    return raw.decode("utf-8", errors="replace").strip()[:SHOWN]
