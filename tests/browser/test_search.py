"""Full-text search in Chromium: Chinese words, names and 文号 find the right reply; nothing found says so."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.finder import result_urls, search, settle
from tests.sitebuild import Built

SEED = "replies/2018/xujiao-2018-76/"


def test_the_seed_topic_finds_the_seed_reply_first(page: Page) -> None:
    assert search(page, "集团化办学").startswith("找到包含“集团化办学”的答复")
    assert result_urls(page)[0] == SEED
    marked = page.locator(".rs-finder__results .rs-entry__excerpt").first.locator("mark").all_inner_texts()
    assert marked
    assert all(text and text in "集团化办学" for text in marked), marked


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("欧阳晓梅", "replies/2022/zhujian-2022-5/", id="a proposer's full name"),
        pytest.param("九三学社许昌市委", "replies/2020/weijian-2020-8/", id="an organisation proposing"),
        pytest.param("许教〔2018〕76号", SEED, id="a 文号 as written, full-width brackets"),
        pytest.param("许住建〔2022〕5号", "replies/2022/zhujian-2022-5/", id="another 文号"),
        pytest.param("足球", "replies/2019/jiaoyu-2019-12/", id="a two-character word"),
        pytest.param("口琴", SEED, id="a two-character word only in the seed letter's body"),
        pytest.param("雨水花园", "replies/2022/zhujian-2022-5/", id="a word only in one fixture's body"),
    ],
)
def test_a_query_finds_the_right_reply_first(page: Page, query: str, expected: str) -> None:
    assert search(page, query).startswith("找到")
    assert result_urls(page)[0] == expected


def test_a_word_in_no_reply_says_nothing_was_found(page: Page) -> None:
    assert search(page, "潜水艇") == "没有找到包含“潜水艇”的答复。请换个关键词，或检查是否有错别字。"
    assert result_urls(page) == []
    expect(page.locator(".rs-finder__results li")).to_have_count(0)


def test_the_header_form_opens_the_search_page_with_the_query(page: Page) -> None:
    page.goto("years/")
    page.get_by_role("search", name="站内搜索").get_by_role("searchbox").fill("集团化办学")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    settle(page)
    expect(page.get_by_label("关键词", exact=True)).to_have_value("集团化办学")
    assert result_urls(page)[0] == SEED


def test_a_result_link_opens_the_reply(page: Page) -> None:
    search(page, "口琴")
    page.locator(".rs-finder__results .rs-entry__title").first.click()
    page.wait_for_url(f"**/{SEED}")
    expect(page.locator("h1")).to_have_text("对市政协七届二次会议第004号提案的答复")


def test_the_search_page_holds_no_reply_data(browser_site: Built) -> None:
    """The page stays the same size however many replies there are: results come from the index."""
    html = browser_site.page("search/")
    for listed in ("许交〔2020〕40号", "许卫健〔2020〕8号", "关于优化城区公交线路的建议", "民盟许昌市委", "张建国"):
        assert listed not in html
