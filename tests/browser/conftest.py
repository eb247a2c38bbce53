"""Browser tests: build the fixture site once, serve it on 127.0.0.1 and drive Debian's Chromium.

Every page opened through these fixtures is watched (see `chromium.opened`): a request to any host
other than the test server is blocked and fails the test, and so does a console error or an uncaught
exception. Run these tests alone with `pytest tests/browser` (or `pytest -m browser`).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from scripts.measures.sandbox import serve
from tests.browser.chromium import DESKTOP, PHONE, opened
from tests.sitebuild import FIXTURES, ROOT, Built, build, make_project

EXTRA_REPLIES = Path(__file__).parent / "fixtures"
ARTIFACTS = ROOT / "tests" / "artifacts"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: end-to-end test in headless Chromium (tests/browser)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The shared fixture replies, the seed letter and this suite's own replies, built with --strict."""
    project = make_project(tmp_path_factory.mktemp("browser-site"), FIXTURES / "site")
    shutil.copytree(EXTRA_REPLIES, project / "replies", dirs_exist_ok=True)
    built = build(project)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def base_url(browser_site: Built) -> Iterator[str]:
    """The root URL of the built site, served by a threaded HTTP server on a free local port."""
    with serve(browser_site.site) as url:
        yield url


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A desktop-sized page (1280 × 900)."""
    with opened(browser, base_url, DESKTOP) as page:
        yield page


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    """A phone-sized page (375 px wide, touch, mobile viewport)."""
    with opened(browser, base_url, PHONE) as page:
        yield page


@pytest.fixture
def no_script(browser: Browser, base_url: str) -> Iterator[Page]:
    """A desktop page with JavaScript turned off, as some readers browse."""
    with opened(browser, base_url, DESKTOP, java_script_enabled=False) as page:
        yield page


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where the run leaves screenshots for review (tests/artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
