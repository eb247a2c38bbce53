"""The page records readers download hold the letter, not the search terms indexed after it.

Pagefind keeps the whole text it indexed in each page's record (its fragment), the terms of `grams`
included: about three quarters of a record's text, downloaded with every result shown and never
read. Each record is trimmed as its part's files come back from Pagefind, but only where its text
ends with exactly the terms that page was given (checked by a digest); any other record is kept as
it is. The word index is untouched, so what is found stays the same.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from replysite.search.bundle import FRAGMENT, SIGNATURE

INVISIBLE = "\u200b"  # Pagefind puts one between the words it cut


@dataclass(frozen=True)
class Terms:
    """What a page's terms are, without keeping them: how many, and a digest of their text."""

    count: int
    digest: bytes

    @classmethod
    def of(cls, words: list[str]) -> Terms:
        return cls(len(words), _digest(words))


def _digest(words: Iterable[str]) -> bytes:
    return hashlib.sha1(" ".join(words).encode("utf-8")).digest()


def trimmed(files: Iterable[tuple[str, bytes]], terms: dict[str, Terms], urls: dict[str, str]) -> Iterator[tuple[str, bytes]]:
    """The files of one part's bundle, each page record without its page's terms (`terms`: URL → its
    terms); `urls` is given each record's name (as the bundle's metadata lists it) and page URL."""
    for name, content in files:
        if name.startswith(FRAGMENT + "/"):
            yield name, _trimmed_record(name.removeprefix(FRAGMENT + "/").removesuffix(f".pf_{FRAGMENT}"), content, terms, urls)
        else:
            yield name, content


def _trimmed_record(name: str, content: bytes, terms: dict[str, Terms], urls: dict[str, str]) -> bytes:
    raw = gzip.decompress(content)
    if not raw.startswith(SIGNATURE):
        return content
    record = json.loads(raw[len(SIGNATURE) :])
    if isinstance(record, dict) and isinstance(record.get("url"), str):
        urls[name] = record["url"]
    expected = terms.get(record.get("url", "")) if isinstance(record, dict) else None
    text = record.get("content") if isinstance(record, dict) else None
    if expected is None or not isinstance(text, str):
        return content
    letter = letter_text(text, expected)
    if letter is None:
        return content
    record["content"] = letter
    data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return gzip.compress(SIGNATURE + data, compresslevel=6, mtime=0)


def letter_text(text: str, expected: Terms) -> str | None:
    """`text` without its last `expected.count` words when they are the page's terms; None otherwise."""
    if expected.count == 0:
        return None
    words = text.split(" ")
    if len(words) <= expected.count:
        return None
    tail = [word.replace(INVISIBLE, "") for word in words[-expected.count :]]
    tail[-1] = tail[-1].removesuffix(".")  # Pagefind closes the block the terms stood in
    if _digest(tail) != expected.digest:
        return None
    return " ".join(words[: -expected.count]).rstrip(" " + INVISIBLE)
