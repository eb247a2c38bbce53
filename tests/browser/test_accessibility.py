"""Accessibility against WCAG 2.1 AA and GB/T 37668: axe-core finds nothing serious, and the page structure holds.

axe checks what a machine can (contrast, names, roles, labels, landmarks, table markup). It cannot
judge whether text alternatives and link texts make sense, whether the reading order is logical, or
how a screen reader actually announces the search results; those need a person (see the issue note).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from replysite.model.names import name_slug
from tests.browser.axe import blocking
from tests.browser.finder import settle

PAGES = {
    "home": "",
    "overview: years": "years/",
    "overview: proposers": "proposers/",
    "overview: grades": "results/",
    "overview: agencies": "agencies/",
    "list: year": "years/2020/",
    "list: proposer": f"proposers/{name_slug('张建国')}/",
    "list: grade": "results/b/",
    "list: agency": f"agencies/{name_slug('许昌市教育局')}/",
    "reply": "replies/2018/xujiao-2018-76/",
    "reply with a table": "replies/2022/zhujian-2022-5/",
    "statistics": "statistics/",
    "search: results": "search/?q=%E6%95%99%E8%82%B2",
    "search: filters only": "search/?%E5%B9%B4%E4%BB%BD=2020",
    "search: nothing found": "search/?q=%E7%81%AB%E6%98%9F",
    "about": "about/",
}


def _open(page: Page, url: str) -> None:
    page.goto(url)
    if url.startswith("search/"):
        settle(page)


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_page_has_one_h1_landmarks_chinese_language_and_no_serious_axe_violation(page: Page, url: str) -> None:
    _open(page, url)
    assert page.locator("html").get_attribute("lang") == "zh"
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("contentinfo")).to_have_count(1)
    expect(page.get_by_role("search", name="站内搜索")).to_have_count(1)
    assert page.get_by_role("navigation").count() >= 2  # the header's, the tabs' or the sidebar's
    found = blocking(page)
    assert not found, "\n".join(str(item) for item in found)


def test_the_skip_link_comes_first_and_moves_focus_to_the_content(page: Page) -> None:
    page.goto("replies/2018/xujiao-2018-76/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("跳到正文")
    expect(skip).to_be_visible()
    expect(page.locator(".md-skip")).to_have_count(1)
    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("rs-content")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("首页")  # the first link of the page: its 当前位置 breadcrumb


def test_search_is_usable_by_keyboard_and_announces_its_results(page: Page) -> None:
    page.goto("search/")
    settle(page)
    expect(page.get_by_role("status")).to_have_text("共有答复 7 件，按印发日期从新到旧排列。")
    page.get_by_label("关键词", exact=True).focus()
    page.keyboard.type("集团化办学")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_have_text("找到包含“集团化办学”的答复 1 件，按相关程度排列。")
    expect(page.get_by_role("list", name="搜索结果").get_by_role("listitem")).to_have_count(1)


def test_axe_really_runs_and_reports_a_known_violation(page: Page) -> None:
    page.goto("about/")
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"../assets/images/favicon.png\">')")
    assert "image-alt" in [item.rule for item in blocking(page)]
