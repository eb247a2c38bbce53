"""A reply whose body tries to rewrite the theme's settings (`<sup id="__config">`) leaves the theme as it
was: in Chromium the page reads the site's own settings and no request leaves the test server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from scripts.measures.sandbox import serve
from tests.browser.chromium import DESKTOP, opened
from tests.sitebuild import FIXTURES, Built, build, make_project

URL = "replies/2020/hostile/"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("hostile-browser"), FIXTURES / "escaping")
    reply = project / "replies" / "2020" / "hostile.md"  # its broken <img src="x"> would log a 404 here
    reply.write_text(reply.read_text(encoding="utf-8").replace('<img src="x" onerror="alert(\'img\')">', ""), encoding="utf-8")
    built: Built = build(project)
    assert built.returncode == 0, built.log
    with serve(built.site) as url:
        yield url


def test_the_theme_reads_its_own_settings_and_nothing_leaves_the_site(browser: Browser, hostile_url: str) -> None:
    # Leaving `opened` fails the test on any request to another host (the attack fetched other.example).
    with opened(browser, hostile_url, DESKTOP) as page:
        page.goto(URL)
        settings = page.evaluate("JSON.parse(document.getElementById('__config').textContent)")
        assert "navigation.instant" not in settings["features"] and "other.example" not in str(settings)
        assert page.evaluate("document.getElementById('__config').tagName") == "SCRIPT"
        assert page.locator(".md-dialog--active").count() == 0  # no fake "本站已迁移" notice
        page.locator(".rs-reply__body a.footnote-ref").click()
        assert page.evaluate("location.hash") == "#letter-fn:1"
        page.wait_for_timeout(300)  # a hijacked instant navigation would fetch the other site now
