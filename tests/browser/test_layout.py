"""Phones and desktops: nothing overflows at 375 px, the metadata panel stays readable, screenshots are saved.

Screenshots go to tests/artifacts/ (ignored by git) for a person to look at after the run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.chromium import DESKTOP, PHONE, opened
from tests.browser.finder import settle
from tests.browser.layout import overflowing, page_width

PAGES = {
    "home": "",
    "index": "years/2020/",
    "overview": "agencies/",
    "reply": "replies/2018/xujiao-2018-76/",
    "reply-with-table": "replies/2022/zhujian-2022-5/",
    "search": "search/?q=%E6%95%99%E8%82%B2",
    "statistics": "statistics/",
}
SCREENSHOTS = ("home", "index", "reply", "search", "statistics")


def _open(page: Page, name: str) -> None:
    page.goto(PAGES[name])
    if name == "search":
        settle(page)


@pytest.mark.parametrize("name", PAGES)
def test_nothing_overflows_on_a_phone(phone: Page, name: str) -> None:
    _open(phone, name)
    scroll_width, client_width = page_width(phone)
    assert client_width == PHONE["width"]
    assert scroll_width <= client_width, f"{name} is {scroll_width} px wide"
    assert overflowing(phone) == []


def test_the_metadata_panel_is_readable_on_a_phone(phone: Page) -> None:
    phone.goto("replies/2022/zhujian-2022-5/")
    fields = phone.locator(".rs-meta__list > div")
    assert fields.count() >= 10
    for index in range(fields.count()):
        field = fields.nth(index)
        term, value = field.locator("dt"), field.locator("dd")
        row_box, term_box, value_box = field.bounding_box(), term.bounding_box(), value.bounding_box()
        assert row_box and term_box and value_box
        assert row_box["x"] >= 0
        assert value_box["x"] + value_box["width"] <= PHONE["width"], term.inner_text()
        room = row_box["x"] + row_box["width"] - value_box["x"]
        assert room >= 180, f"{term.inner_text()} leaves only {room} px for its value"
        assert term_box["x"] + term_box["width"] <= value_box["x"], "label and value overlap"
        size = float(value.evaluate("el => parseFloat(getComputedStyle(el).fontSize)"))
        assert size >= 14, f"{term.inner_text()} is set in {size} px"


@pytest.mark.parametrize(("size", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_screenshots_for_review(browser: Browser, base_url: str, artifacts: Path, size: str, viewport: dict[str, int]) -> None:
    with opened(browser, base_url, viewport) as page:
        for name in SCREENSHOTS:
            _open(page, name)
            path = artifacts / f"{name}-{size}.png"
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000
