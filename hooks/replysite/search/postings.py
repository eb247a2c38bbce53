"""How the search index stores which pages hold a term, and which file holds a term's pages.

A posting is the sorted set of page numbers holding a term: the gaps between them as a list, or a
bitmap ("b" and its bytes in base64, page n at bit n % 8 of byte n // 8) where the term is on more
than one page in sixteen and the bitmap is the smaller. Terms are spread over files by FNV-1a of
their UTF-8 bytes (a title's term by its term's), which the browser computes the same way
(docs/assets/search-index.js).
"""

from __future__ import annotations

import base64
import itertools
from collections.abc import Sequence

from replysite.search.grams import TITLE

Posting = list[int] | str
DENSE = 16  # a term on more than one page in this many is stored as a bitmap
FILE_BYTES = 16_000  # about how much JSON one file of terms holds
FNV_OFFSET, FNV_PRIME = 2166136261, 16777619


def fnv1a32(text: str) -> int:
    """FNV-1a, 32 bits, of the text's UTF-8 bytes."""
    value = FNV_OFFSET
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return value


def encode(pages: Sequence[int], count: int) -> Posting:
    """The posting of `pages` (sorted page numbers) in a site of `count` pages."""
    if len(pages) * DENSE > count:
        bitmap = bytearray((count + 7) // 8)
        for page in pages:
            bitmap[page >> 3] |= 1 << (page & 7)
        return "b" + base64.b64encode(bitmap).decode("ascii")
    return [pages[0], *(after - before for before, after in itertools.pairwise(pages))] if pages else []


def decode(posting: Posting, count: int) -> list[int]:
    """The page numbers of a posting, for tests and checks."""
    if isinstance(posting, str):
        bitmap = base64.b64decode(posting[1:])
        return [page for page in range(count) if bitmap[page >> 3] >> (page & 7) & 1]
    pages, total = [], 0
    for gap in posting:
        total += gap
        pages.append(total)
    return pages


def size_of(pages: int, count: int) -> int:
    """About how many bytes of JSON the posting of a term on `pages` of `count` pages takes (a gap is
    about four characters), to choose how many files to spread the terms over."""
    return (count + 7) // 8 * 4 // 3 + 4 if pages * DENSE > count else 4 * pages + 2


def file_count(total_bytes: int) -> int:
    return max(1, total_bytes // FILE_BYTES)


def file_of(term: str, files: int) -> int:
    """The file holding a term; a title's term (^政府) is in its term's file, so ranking costs no request."""
    return fnv1a32(term.removeprefix(TITLE)) % files
