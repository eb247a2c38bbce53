"""Search finds every reply that holds what was typed (issue 14), in real Chromium on a site of its own:
a query inside a longer word, a name, a 文号, traditional characters; whole matches first and counted
apart; excerpts from the letter; the phone layout; a hand-typed filter value."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from scripts.measures.sandbox import serve
from tests.browser.chromium import DESKTOP, opened
from tests.browser.finder import result_urls, search, settle, status
from tests.sitebuild import Built, build, make_project

REPLIES = Path(__file__).resolve().parent.parent / "search" / "fixtures" / "recall"
PHONE_SCREEN = {"width": 375, "height": 812}
HUANG = "replies/2021/quzhengfu-2021-3/"  # 区政府; written 黃小玲 (traditional)
LAN = "replies/2021/caoyonglan-2021-9/"  # 人民政府; proposed by 曹永兰; 许民〔2021〕9号
WEI = "replies/2021/caoyongwei-2021-12/"  # 集团化管理，优化办学: every part of 集团化办学, never the whole
SEED = "replies/2018/xujiao-2018-76/"  # 集团化办学


@pytest.fixture(scope="module")
def recall_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build(make_project(tmp_path_factory.mktemp("recall-site"), REPLIES))
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="module")
def recall_url(recall_site: Built) -> Iterator[str]:
    with serve(recall_site.site) as url:
        yield url


@pytest.fixture
def desk(browser: Browser, recall_url: str) -> Iterator[Page]:
    with opened(browser, recall_url, DESKTOP) as page:
        yield page


@pytest.fixture
def small(browser: Browser, recall_url: str) -> Iterator[Page]:
    with opened(browser, recall_url, PHONE_SCREEN) as page:
        yield page


def test_a_query_inside_longer_words_finds_them_all(desk: Page) -> None:
    assert search(desk, "政府").startswith("找到包含“政府”的答复 3 件")  # 区政府, 人民政府, the seed's 市政府
    assert {HUANG, LAN, SEED} == set(result_urls(desk))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param("曹永兰", [LAN], id="a name, not the one that shares its first two characters"),
        pytest.param("许民〔2021〕9号", [LAN], id="a 文号, not its neighbour 许民〔2021〕3号"),
        pytest.param("黄小玲", [HUANG], id="simplified finds the letter written in traditional"),
        pytest.param("黃小玲", [HUANG], id="traditional finds it too"),
        pytest.param("區政府", [HUANG], id="a traditional query inside a longer word"),
    ],
)
def test_names_numbers_and_both_scripts_find_exactly_their_replies(desk: Page, query: str, expected: list[str]) -> None:
    assert search(desk, query).startswith(f"找到包含“{query}”的答复 {len(expected)} 件")
    assert result_urls(desk) == expected


def test_whole_matches_come_first_and_are_counted_apart(desk: Page) -> None:
    said = search(desk, "集团化办学")
    assert said.startswith("找到包含“集团化办学”的答复 1 件"), said
    assert "另有 1 件只包含其中部分词语" in said
    assert result_urls(desk) == [SEED, WEI]


def test_the_excerpt_is_cut_from_the_letter_with_the_match_marked(desk: Page) -> None:
    search(desk, "曹永兰")
    excerpt = desk.locator(".rs-entry__excerpt").first
    expect(excerpt.locator("mark").first).to_have_text("曹永兰")
    text = excerpt.inner_text()
    assert "文号" not in text and "答复信息" not in text and "许民〔2021〕9号" not in text, text


def test_a_plain_grade_code_in_the_address_filters(desk: Page) -> None:
    desk.goto("search/?%E5%8A%9E%E7%90%86%E7%BB%93%E6%9E%9C=B")  # ?办理结果=B, as people type it
    said = settle(desk)
    assert said.startswith("找到办理结果为“B 类”的答复"), said
    assert set(result_urls(desk)) == {LAN, SEED}
    expect(desk.get_by_label("办理结果", exact=True)).to_have_value("B 类")


def test_on_a_phone_the_status_and_first_result_are_on_the_first_screen(small: Page) -> None:
    search(small, "政府")
    for element in (status(small), small.locator(".rs-finder__results li").first):
        box = element.bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE_SCREEN["height"], box
    toggle = small.locator(".rs-finder__toggle")
    expect(toggle).to_be_visible()
    expect(small.get_by_label("办理结果", exact=True)).to_be_hidden()
    toggle.click()
    expect(small.get_by_label("办理结果", exact=True)).to_be_visible()


def test_the_filter_button_says_how_many_are_set(small: Page) -> None:
    small.goto("search/?%E5%8A%9E%E7%90%86%E7%BB%93%E6%9E%9C=B&%E5%B9%B4%E4%BB%BD=2021")
    settle(small)
    expect(small.locator(".rs-finder__toggle")).to_have_text("筛选（已选 2 项）")


def test_a_search_from_the_header_lands_on_the_answer(small: Page) -> None:
    small.goto("years/")
    small.goto("search/?q=" + "%E6%94%BF%E5%BA%9C")  # what the header's form submits
    settle(small)
    expect(status(small)).to_be_focused()


@pytest.mark.parametrize(
    ("query", "offered", "target"),
    [
        pytest.param("曹永兰", "提案人：曹永兰（1 件）", "/proposers/", id="a proposer's name"),
        pytest.param("许昌市民政局", "答复单位：许昌市民政局（2 件）", "/agencies/", id="an agency's name"),
        pytest.param("许民〔2021〕9号", "文号：许民〔2021〕9号（1 件）", "/" + LAN, id="a 文号"),
    ],
)
def test_a_name_or_a_doc_number_offers_its_page_first(desk: Page, query: str, offered: str, target: str) -> None:
    search(desk, query)
    link = desk.locator(".rs-finder__offer a")
    expect(link).to_have_text(offered)
    assert target in (link.get_attribute("href") or "")
    link.click()
    expect(desk.locator("h1")).to_be_visible()
    assert "/search/" not in desk.url
