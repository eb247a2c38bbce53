"""What a search matches: the folded text of a reply and its terms, the same in Python and in the browser.

A reply is found by any string of its text, also inside a longer word (政府 finds 区政府). The text is
folded (NFKC, lower case, traditional → simplified, so 黃 finds 黄) and cut into pieces: runs of
Chinese characters, and words of Latin letters or digits. A page's terms are every one, two and three
characters of each Chinese run, and each word; a query is cut the same way (docs/assets/search-index.js),
so a page holds a query of three characters or fewer exactly when it holds its terms.
"""

from __future__ import annotations

import functools
import html
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
LONGEST = 3  # characters: the longest term of a Chinese run
TITLE = "^"  # a title's terms are also indexed with this mark, to rank title matches first


FOLDING_PATH = "search/folding.json"  # the same table for the search page's queries


@functools.cache
def simplified() -> dict[str, str]:
    """Each traditional character and its simplified form, from OpenCC's character table (its first
    choice). Characters, not OpenCC's phrases: the browser folds a query with this very table."""
    import opencc  # type: ignore[import-untyped]

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    pairs = (line.split("\t") for line in table.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return {source: target.split()[0] for source, target in pairs if target.split() and target.split()[0] != source}


@functools.cache
def _translation() -> dict[int, str]:
    return {ord(source): target for source, target in simplified().items()}


def fold(text: str) -> str:
    """The text as it is matched: NFKC (full-width letters and digits become plain), lower case,
    traditional characters as simplified ones (黃 → 黄)."""
    return unicodedata.normalize("NFKC", text).lower().translate(_translation())


def folding_json() -> bytes:
    """The folding table for the search page (assets/search-terms.js), in a stable order."""
    return json.dumps(simplified(), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def pieces(text: str) -> list[str]:
    """The folded text's runs of Chinese characters and its words of Latin letters or digits."""
    return PIECES.findall(fold(text))


def piece_terms(piece: str) -> Iterator[str]:
    """A piece's terms: a word itself; every one, two and three characters of a Chinese run."""
    if piece[0].isascii():
        yield piece
        return
    for size in range(1, LONGEST + 1):
        yield from (piece[start : start + size] for start in range(len(piece) - size + 1))


def text_terms(text: str) -> set[str]:
    """Every term of a text, each once."""
    return {term for piece in pieces(text) for term in piece_terms(piece)}


class _Text(HTMLParser):
    """An article's text: its letter (the body) apart from the rest; the panels' labels (dt, h2) left out."""

    SKIP: ClassVar = frozenset({"dt", "h2"})
    VOID: ClassVar = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
    BODY = "rs-reply__body"

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.in_body = 0  # open elements inside the letter's body, itself included
        self.parts: list[str] = []
        self.letter: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            self._out().append(" ")
            return
        if self.in_body:
            self.in_body += 1
        elif tag == "div" and self.BODY in (dict(attrs).get("class") or "").split():
            self.in_body = 1
        self.skipping += tag in self.SKIP
        self._out().append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        self._out().append(" ")
        self.skipping -= tag in self.SKIP and self.skipping > 0
        self.in_body -= self.in_body > 0

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._out().append(data)

    def _out(self) -> list[str]:
        return self.letter if self.in_body else self.parts


def article_text(article: str) -> tuple[str, str]:
    """A reply article's matched text in two parts: its letter, then the rest (the heading, and the values
    of its panels without their labels). Excerpts come from the letter alone."""
    parser = _Text()
    parser.feed(article[article.find("<article") : article.rfind("</article>") + len("</article>")])  # not the crumbs before it
    return " ".join("".join(parser.letter).split()), " ".join("".join(parser.parts).split())


INDEX_PAGES_PATH = "search/pages.json"  # name → its index page, for the search page's offer
_FACET_LINK = re.compile(r'<a href="([^"]+)" data-facet="(提案人|答复单位)">([^<]+)</a>')


def index_links(url: str, article: str) -> Iterator[tuple[str, str, str]]:
    """The facet, name and site path of each proposer's and agency's index page the article links to
    (relative links resolved against the page's `url`, /replies/2018/x/)."""
    for href, facet, name in _FACET_LINK.findall(article):
        yield facet, html.unescape(name), posixpath.normpath(posixpath.join(url, html.unescape(href))).lstrip("/") + "/"


def index_pages_json(pages: dict[str, dict[str, str]]) -> bytes:
    return json.dumps(pages, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
