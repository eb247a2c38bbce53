"""Elderly and low-vision readers: the text-size control and high contrast, keyboard operable, announced
and remembered; at the largest size and at 200 % zoom no page overflows a phone; text, headings and
tap targets large and dark enough. Screenshots go to tests/artifacts/reading-*.png for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.chromium import DESKTOP, PHONE, opened
from tests.browser.layout import overflowing, page_width
from tests.browser.reading import headings, small_or_faint_text, small_targets

PAGES = ["", "years/2020/", "proposers/", "agencies/", "results/b/", "replies/2018/xujiao-2018-76/",
         "replies/2022/zhujian-2022-5/", "statistics/", "about/", "reading/", "open-data/", "search/", "staff/"]
ZOOMED = {"width": 188, "height": 370}  # a 375 px phone at 200 % zoom: CSS pixels halve


def _choose(page: Page, size: str, contrast: bool = False) -> None:
    page.goto("")
    page.evaluate("([size, contrast]) => localStorage.setItem('rs-reading', JSON.stringify({size, contrast}))", [size, contrast])


def test_the_text_size_control_works_from_the_keyboard_and_is_remembered(page: Page) -> None:
    page.goto("")
    control = page.locator("#rs-reading")
    assert control.is_visible()
    assert "字号" in (control.get_attribute("aria-label") or "") + control.inner_text()
    largest = page.locator("[data-rs-size=largest]")
    largest.focus()
    page.keyboard.press("Enter")
    assert largest.get_attribute("aria-pressed") == "true"
    assert page.locator("[data-rs-size=standard]").get_attribute("aria-pressed") == "false"
    assert page.locator("#rs-reading-status").inner_text() == "字号已设为特大"
    root_size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert root_size == pytest.approx(30)  # Material's 20 px × 1.5
    page.goto("replies/2018/xujiao-2018-76/")
    assert "rs-size-largest" in (page.locator("html").get_attribute("class") or "")
    assert page.locator("[data-rs-size=largest]").get_attribute("aria-pressed") == "true"
    page.locator("[data-rs-size=large]").focus()
    page.keyboard.press("Space")
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == pytest.approx(25)


def test_high_contrast_is_a_switch_that_is_announced_and_remembered(page: Page) -> None:
    page.goto("")
    switch = page.locator("[data-rs-contrast]")
    switch.focus()
    page.keyboard.press("Enter")
    assert switch.get_attribute("aria-pressed") == "true"
    assert page.locator("#rs-reading-status").inner_text() == "已开启高对比度"
    page.goto("years/2020/")
    assert "rs-contrast" in (page.locator("html").get_attribute("class") or "")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert small_or_faint_text(page) == []


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(("size", "viewport"), [("largest", PHONE), ("standard", ZOOMED), ("largest", ZOOMED)])
def test_nothing_overflows_a_phone_at_the_largest_size_or_zoomed(browser: Browser, base_url: str, url: str, size: str,
                                                                  viewport: dict[str, int]) -> None:
    with opened(browser, base_url, viewport) as page:
        _choose(page, size)
        page.goto(url)
        scroll_width, client_width = page_width(page)
        assert scroll_width <= client_width, f"{url} is {scroll_width} px wide at {size}"
        assert overflowing(page) == []


@pytest.mark.parametrize("url", PAGES)
def test_text_is_large_and_dark_enough_and_targets_big_enough(phone: Page, url: str) -> None:
    phone.goto(url)
    assert small_or_faint_text(phone) == []
    assert small_targets(phone) == []
    for text, brightest, weight in headings(phone):
        assert brightest <= 51 and int(weight) >= 600, f"heading {text} is light or thin"


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
@pytest.mark.parametrize("size", ["standard", "largest"])
def test_screenshots_for_review(browser: Browser, base_url: str, artifacts: Path, name: str, viewport: dict[str, int], size: str) -> None:
    with opened(browser, base_url, viewport) as page:
        _choose(page, size)
        for url, label in [("", "home"), ("replies/2018/xujiao-2018-76/", "reply"), ("proposers/", "proposers")]:
            page.goto(url)
            path = artifacts / f"reading-{label}-{name}-{size}.png"
            page.screenshot(path=str(path))
            assert path.stat().st_size > 10_000
