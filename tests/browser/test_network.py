"""Every kind of page loads from the test server alone and logs no console error."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.chromium import DESKTOP, opened
from tests.browser.finder import settle
from tests.browser.watch import Watch

PAGES = [
    "",
    "years/", "years/2020/", "proposers/", "results/", "results/c/", "agencies/",
    "replies/2018/xujiao-2018-76/", "replies/2022/zhujian-2022-5/",
    "statistics/", "about/", "reading/", "staff/", "404.html",
]  # fmt: skip
SEARCHES = ["search/", "search/?q=%E9%9B%86%E5%9B%A2%E5%8C%96%E5%8A%9E%E5%AD%A6", "search/?q=%E7%81%AB%E6%98%9F"]


def test_no_page_reaches_another_host_or_logs_an_error(browser: Browser, base_url: str) -> None:
    # Leaving `opened` fails the test on a request to another host or a console error.
    with opened(browser, base_url, DESKTOP) as page:
        for url in PAGES:
            response = page.goto(url)  # waits for the load event: styles, scripts, images, fonts
            assert response is not None
            assert response.ok, f"{url}: HTTP {response.status}"
        for url in SEARCHES:
            page.goto(url)
            settle(page)


def test_the_watch_catches_another_host_and_a_console_error(browser: Browser, base_url: str) -> None:
    """The guard above is real: a request elsewhere is recorded (and cannot resolve), and so is an error."""
    context = browser.new_context(base_url=base_url, bypass_csp=True)  # the site's policy would refuse the request itself
    watch = Watch(base_url)
    watch.attach(context)
    page = context.new_page()
    watch.attach_page(page)
    page.goto("about/")
    reached = page.evaluate("fetch('http://example.org/tracker.js').then(() => true, () => false)")
    page.evaluate("console.error('测试错误')")
    context.close()
    assert reached is False
    assert watch.foreign == ["http://example.org/tracker.js"]
    assert any("测试错误" in error for error in watch.errors)
    with pytest.raises(AssertionError):
        watch.check()
