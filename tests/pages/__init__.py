"""Tests of hooks/replysite/pages/, and how they read built pages: as a reader's browser would,
parsed HTML, links resolved from the page."""

from __future__ import annotations

import json
import posixpath
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Tag

from tests.sitebuild import Built


def soup(built: Built, url: str) -> BeautifulSoup:
    return BeautifulSoup(built.page(url), "html.parser")


def article(built: Built, url: str) -> Tag:
    """The page's main content (Material's article), without header, navigation and footer."""
    found = soup(built, url).select_one("article.md-content__inner")
    assert found is not None, f"no article on {url}"
    return found


def resolve(here: str, href: str) -> str:
    """Site path that a relative link on the page at `here` points to."""
    path = unquote(urlsplit(href).path)
    joined = posixpath.normpath(posixpath.join("/" + here, path))
    return (joined.strip("/") + "/") if joined != "/" else ""


def search_fragments(built: Built) -> list[dict[str, Any]]:
    """Every record of the search index, in page order: url, content, meta and filters of one indexed page."""
    folder = built.site / "search" / "index" / "pages"
    return [json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.iterdir(), key=lambda path: int(path.stem))]


def list_entries(built: Built, url: str) -> list[tuple[str, str]]:
    """(title, target site path) of each reply listed on an index page, in order."""
    return [(link.get_text(strip=True), resolve(url, str(link["href"]))) for link in article(built, url).select(".rs-entry__title")]
