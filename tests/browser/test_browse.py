"""Browsing by clicking: from the home page through each index to a reply, and back again."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

SEED_TITLE = "继续深化集团化办学，快速放大优质教育资源总量"
SEED_HEADING = "对市政协七届二次会议第004号提案的答复"


@pytest.mark.parametrize(
    ("index", "value", "listed"),
    [
        pytest.param("按年份", "2018 年", 1, id="year"),
        pytest.param("按提案人", "民盟许昌市委", 2, id="proposer"),
        pytest.param("按办理结果", "B 类：正在解决或已列入计划", 3, id="grade"),
        pytest.param("按答复单位", "许昌市教育局", 3, id="agency"),
    ],
)
def test_home_to_a_reply_through_each_index_and_back(page: Page, index: str, value: str, listed: int) -> None:
    page.goto("")
    page.locator(".rs-facets").get_by_role("link", name=index).click()
    expect(page.locator("h1")).to_have_text(index)
    overview = page.url
    page.locator("table").get_by_role("link", name=value).click()
    expect(page.locator(".rs-entry__title")).to_have_count(listed)
    listing = page.url
    page.get_by_role("link", name=SEED_TITLE).click()
    expect(page.locator("h1")).to_have_text(SEED_HEADING)
    page.go_back()
    expect(page).to_have_url(listing)
    page.get_by_role("navigation", name="当前位置").get_by_role("link", name=index).click()
    expect(page).to_have_url(overview)
    page.go_back()
    page.go_back()
    expect(page).to_have_url(overview)
    page.go_back()
    expect(page.locator("h1")).to_have_text("建议提案答复公开")


def test_the_tabs_reach_every_index_and_the_statistics(page: Page) -> None:
    page.goto("")
    for tab in ("按年份", "按提案人", "按办理结果", "按答复单位", "统计", "搜索"):
        page.locator(".md-tabs").get_by_role("link", name=tab, exact=True).click()
        expect(page.locator("h1")).to_have_count(1)
        expect(page.locator(".md-tabs__item--active")).to_have_text(tab)


def test_a_reply_links_to_the_index_pages_that_list_it(page: Page) -> None:
    page.goto("replies/2018/xujiao-2018-76/")
    meta = page.get_by_role("region", name="答复要点")
    for name in ("许昌市教育局", "民盟许昌市委", "B 类"):
        meta.get_by_role("link", name=name).click()
        expect(page.get_by_role("link", name=SEED_TITLE)).to_be_visible()
        page.go_back()
        expect(page.locator("h1")).to_have_text(SEED_HEADING)


def test_the_latest_replies_on_the_home_page_open(page: Page) -> None:
    page.goto("")
    titles = page.locator(".rs-entry__title")
    expect(titles).to_have_count(7)
    expect(titles.first).to_have_text("关于建设海绵城市示范小区的建议")
    titles.first.click()
    expect(page.locator("h1")).to_have_text("对市十届人大二次会议第12号建议的答复")
