"""Drive the search page (docs/overrides/search.html) the way a reader does, and read what it shows."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

from playwright.sync_api import Locator, Page, expect

SETTLED = re.compile(r"^(找到|没有找到|共有)")  # the status once a search has answered


def status(page: Page) -> Locator:
    return page.locator(".rs-finder__status")


def settle(page: Page) -> str:
    """Wait until the search has answered; return the status line it announced."""
    expect(status(page)).to_have_text(SETTLED)
    return status(page).inner_text()


def search(page: Page, query: str) -> str:
    """Open the search page for `query` as the header's form would; return the status line."""
    page.goto("search/?q=" + quote(query))
    return settle(page)


def result_urls(page: Page) -> list[str]:
    """Site paths of the listed results, in order (`replies/2018/xujiao-2018-76/`)."""
    hrefs = page.locator(".rs-finder__results .rs-entry__title").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(href).path.lstrip("/") for href in hrefs]


def result_dates(page: Page) -> list[str]:
    dates: list[str] = page.locator(".rs-finder__results time").evaluate_all("times => times.map(t => t.dateTime)")
    return dates


def query_state(page: Page) -> dict[str, list[str]]:
    """The search state kept in the address bar."""
    return parse_qs(urlsplit(page.url).query)


def options(page: Page, label: str) -> dict[str, bool]:
    """The choices of one filter menu, as shown (`2020（2）`), and whether each can be picked."""
    select = page.get_by_label(label, exact=True)
    found: list[list[object]] = select.locator("option").evaluate_all("os => os.map(o => [o.textContent, !o.disabled])")
    return {str(text): bool(enabled) for text, enabled in found}
