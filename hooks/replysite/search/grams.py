"""Search terms that find a string anywhere in a reply, also inside a longer word.

Pagefind matches a query against the beginnings of the words jieba cut the text into, so 政府 misses
区政府. Each reply is therefore also indexed as a run of terms the reader's query is cut into the same
way (docs/assets/search.js): every pair of neighbouring Chinese characters, and every Latin or digit
word, in the text's order, after NFKC and traditional → simplified folding. Each character pair is
written as one ASCII word (`q` and the two characters' code points in base 36), so the indexer
keeps it whole; the query's terms stand side by side in the index where the reply holds the whole
query, which is how the search page tells an exact match from a partial one.
"""

from __future__ import annotations

import functools
import html
import itertools
import json
import posixpath
import re
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
PIECES = re.compile(rf"[{HAN}]+|[0-9a-z]+")
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
PREFIX = "q"  # no base-36 code of a character begins a Latin word of the letters: q + 8 characters


FOLDING_PATH = "search/folding.json"  # the same table for the search page's queries


@functools.cache
def simplified() -> dict[str, str]:
    """Each traditional character and its simplified form, from OpenCC's character table (its first
    choice). Characters, not OpenCC's phrases: the browser folds a query with this very table."""
    import opencc  # type: ignore[import-untyped]

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    pairs = (line.split("\t") for line in table.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return {source: target.split()[0] for source, target in pairs if target.split() and target.split()[0] != source}


def fold(text: str) -> str:
    """The text as it is matched: NFKC (full-width letters and digits become plain), lower case,
    traditional characters as simplified ones (黃 → 黄)."""
    table = simplified()
    return "".join(table.get(character, character) for character in unicodedata.normalize("NFKC", text).lower())


def folding_json() -> bytes:
    """The folding table for the search page (assets/search-terms.js), in a stable order."""
    return json.dumps(simplified(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _code(character: str) -> str:
    value, digits = ord(character), ""
    for _ in range(4):
        value, digit = divmod(value, 36)
        digits = DIGITS[digit] + digits
    return digits


def terms(text: str) -> Iterator[str]:
    """The text's search terms in order: one per pair of neighbouring Chinese characters (one for a
    lone character), and each Latin or digit word as it is."""
    for piece in PIECES.findall(fold(text)):
        if piece[0].isascii():
            yield piece
        elif len(piece) == 1:
            yield PREFIX + _code(piece)
        else:
            yield from (PREFIX + _code(first) + _code(second) for first, second in itertools.pairwise(piece))


class _Text(HTMLParser):
    """The text of an article's elements, kept apart; the metadata panel's labels (dt) left out."""

    SKIP: ClassVar = frozenset({"dt", "h2"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skipping += tag in self.SKIP
        self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        self.skipping -= tag in self.SKIP and self.skipping > 0
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def article_words(article: str) -> list[str]:
    """The search terms of a reply's article: its letter and the values of its metadata."""
    parser = _Text()
    parser.feed(article)
    return list(terms("".join(parser.parts)))


def terms_element(words: list[str]) -> str:
    """The terms as an element of the document Pagefind indexes; the page itself does not carry it."""
    return f'<div class="rs-terms">{" ".join(words)}</div>'


def article_terms(article: str) -> str:
    """The search terms of a reply's article, as the element Pagefind indexes."""
    return terms_element(article_words(article))


INDEX_PAGES_PATH = "search/pages.json"  # name → its index page, for the search page's offer
_FACET_LINK = re.compile(r'<a href="([^"]+)" data-pagefind-filter="(提案人|答复单位)">([^<]+)</a>')


def index_links(url: str, article: str) -> Iterator[tuple[str, str, str]]:
    """The facet, name and site path of each proposer's and agency's index page the article links to
    (relative links resolved against the page's `url`, /replies/2018/x/)."""
    for href, facet, name in _FACET_LINK.findall(article):
        yield facet, html.unescape(name), posixpath.normpath(posixpath.join(url, html.unescape(href))).lstrip("/") + "/"


def index_pages_json(pages: dict[str, dict[str, str]]) -> bytes:
    return json.dumps(pages, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
