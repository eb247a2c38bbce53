"""Finding replies without knowing a word: the search page's filters, with and without a query.

The state lives in the address bar, so a filtered view can be shared and the back button works.
"""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import Page, Route, expect

from tests.browser.finder import options, query_state, result_dates, result_urls, settle

ALL = 7  # the six shared fixtures, the seed letter and the browser tests' own reply


def test_an_empty_query_lists_every_reply_newest_first(page: Page) -> None:
    page.goto("search/")
    assert settle(page) == f"共有答复 {ALL} 件，按印发日期从新到旧排列。"
    dates = result_dates(page)
    assert len(dates) == ALL
    assert dates == sorted(dates, reverse=True)
    assert list(options(page, "年份")) == ["全部", "2022（1）", "2021（2）", "2020（2）", "2019（1）", "2018（1）"]


def test_a_filter_without_a_query_lists_its_replies_and_counts_the_rest(page: Page) -> None:
    page.goto("search/")
    settle(page)
    page.get_by_label("年份", exact=True).select_option("2020")
    assert settle(page) == "找到年份为“2020”的答复 2 件，按印发日期从新到旧排列。"
    assert result_urls(page) == ["replies/2020/weijian-2020-8/", "replies/2020/jiaotong-2020-40/"]
    assert query_state(page) == {"年份": ["2020"]}
    assert options(page, "办理结果") == {"全部": True, "A 类（1）": True, "B 类（0）": False, "C 类（1）": True}
    # The year menu still offers the other years, counted without the year's own choice.
    assert options(page, "年份")["2021（2）"]


def test_filters_combine_with_each_other_and_with_a_query(page: Page) -> None:
    page.goto("search/?q=" + quote("交通"))
    settle(page)
    page.get_by_label("年份", exact=True).select_option("2021")
    assert settle(page) == "找到包含“交通”、年份为“2021”的答复 1 件，按相关程度排列。"
    assert result_urls(page) == ["replies/2021/jiaotong-2021-15/"]
    page.get_by_label("提案人或代表", exact=True).select_option("张建国")
    assert settle(page) == "找到包含“交通”、年份为“2021”、提案人或代表为“张建国”的答复 1 件，按相关程度排列。"
    assert query_state(page) == {"q": ["交通"], "年份": ["2021"], "提案人": ["张建国"]}
    assert result_urls(page) == ["replies/2021/jiaotong-2021-15/"]


def test_a_shared_link_restores_the_filtered_view(page: Page) -> None:
    page.goto("search/?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in [("办理结果", "B 类"), ("答复单位", "许昌市教育局")]))
    assert settle(page) == "找到办理结果为“B 类”、答复单位为“许昌市教育局”的答复 3 件，按印发日期从新到旧排列。"
    expect(page.get_by_label("办理结果", exact=True)).to_have_value("B 类")
    expect(page.get_by_label("答复单位", exact=True)).to_have_value("许昌市教育局")
    assert result_urls(page) == ["replies/2021/jiaoyu-2021-33/", "replies/2019/jiaoyu-2019-12/", "replies/2018/xujiao-2018-76/"]


def test_back_returns_to_the_previous_filters_and_clearing_lists_everything(page: Page) -> None:
    page.goto("search/")
    settle(page)
    page.get_by_label("类别", exact=True).select_option("建议")
    assert settle(page).startswith("找到类别为“建议”的答复 3 件")
    page.get_by_label("办理结果", exact=True).select_option("A 类")
    assert settle(page).startswith("找到办理结果为“A 类”、类别为“建议”的答复 2 件")
    page.go_back()
    assert settle(page).startswith("找到类别为“建议”的答复 3 件")
    expect(page.get_by_label("办理结果", exact=True)).to_have_value("")
    page.get_by_role("button", name="清除筛选").click()
    assert settle(page) == f"共有答复 {ALL} 件，按印发日期从新到旧排列。"
    assert query_state(page) == {}


def test_results_can_be_sorted_by_date(page: Page) -> None:
    page.goto("search/?q=" + quote("教育") + "&" + quote("排序") + "=" + quote("日期"))
    assert settle(page).endswith("按印发日期从新到旧排列。")
    dates = result_dates(page)
    assert len(dates) >= 2
    assert dates == sorted(dates, reverse=True)


def test_without_javascript_the_page_points_to_the_index_pages(no_script: Page) -> None:
    no_script.goto("search/")
    notice = no_script.locator(".rs-finder__noscript")
    expect(notice).to_contain_text("搜索需要浏览器启用 JavaScript")
    notice.get_by_role("link", name="按年份").click()
    no_script.wait_for_url("**/years/")
    no_script.get_by_role("link", name="2020 年").click()
    expect(no_script.locator(".rs-entry__title")).to_have_count(2)


def test_long_result_lists_come_in_pages_and_more_moves_focus_to_the_new_results(page: Page) -> None:
    def small_pages(route: Route) -> None:
        script = route.fetch().text().replace("const PAGE_SIZE = 10;", "const PAGE_SIZE = 3;")
        route.fulfill(body=script, content_type="text/javascript")

    page.route("**/assets/search.js", small_pages)
    page.goto("search/")
    settle(page)
    expect(page.locator(".rs-finder__results li")).to_have_count(3)
    more = page.get_by_role("button", name=f"显示更多结果（还有 {ALL - 3} 件）")
    more.click()
    expect(page.locator(".rs-finder__results li")).to_have_count(6)
    expect(page.locator(":focus")).to_have_text(page.locator(".rs-finder__results .rs-entry__title").nth(3).inner_text())
    page.get_by_role("button", name="显示更多结果（还有 1 件）").click()
    expect(page.locator(".rs-finder__results li")).to_have_count(ALL)
    expect(page.locator(".rs-finder__more")).to_be_hidden()
    dates = result_dates(page)
    assert dates == sorted(dates, reverse=True)
