"""The search page's opening list on a site with more replies than one page of results.

With no query and no filter the page lists every reply newest first. The first page comes from
search/newest.json; Pagefind's index, which grows with the site, is loaded only for "显示更多".
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from scripts.measures import synthetic
from tests.browser.chromium import DESKTOP, opened
from tests.browser.finder import result_dates, settle
from tests.sitebuild import built_and_served, make_project

SYNTHETIC = 30
ALL = SYNTHETIC + 1  # and the seed letter
FIRST = 10  # results on the search page's first page
# A function, not an expression: Playwright evaluates an expression with eval, which the site's policy refuses.
LISTED = "(count) => document.querySelectorAll('.rs-finder__results li').length === count"


@pytest.fixture(scope="module")
def many_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("many"))
    synthetic.write(project / "replies", synthetic.Plan(SYNTHETIC, first_year=2016, years=3))
    with built_and_served(project) as url:
        yield url


@pytest.fixture
def many(browser: Browser, many_url: str) -> Iterator[Page]:
    with opened(browser, many_url, DESKTOP) as page:
        yield page


def test_opening_list_needs_no_search_index_and_more_loads_it(many: Page) -> None:
    index_requests: list[str] = []
    many.on("request", lambda request: index_requests.append(request.url) if "/search/index/pages/" in request.url else None)
    many.goto("search/")
    assert settle(many) == f"共有答复 {ALL} 件，按印发日期从新到旧排列。"
    first = result_dates(many)
    assert len(first) == FIRST and first == sorted(first, reverse=True)
    assert index_requests == []
    many.get_by_role("button", name=f"显示更多结果（还有 {ALL - FIRST} 件）").click()
    for shown in range(2 * FIRST, ALL, FIRST):  # one page more at each press, newest first throughout
        many.wait_for_function(LISTED, arg=shown)
        many.get_by_role("button", name=f"显示更多结果（还有 {ALL - shown} 件）").click()
    many.wait_for_function(LISTED, arg=ALL)
    dates = result_dates(many)
    assert dates == sorted(dates, reverse=True) and dates[:FIRST] == first
    assert index_requests, "listing everything should load the search index"
    assert many.get_by_role("button", name="显示更多结果", exact=False).is_hidden()
