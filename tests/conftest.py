"""Shared fixtures: a site built once per test session from the fixture replies and the seed letter."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, expect, sync_playwright

from tests.browser.chromium import launch
from tests.sitebuild import FIXTURES, Built, build, make_project


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture replies (tests/fixtures/site) plus the seed letter, built with --strict."""
    project = make_project(tmp_path_factory.mktemp("fixture-site"), FIXTURES / "site")
    built = build(project)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    """One Playwright driver for the whole run: the sync API allows only one at a time."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium, headless, once per session. If it cannot start, the tests fail: none is skipped."""
    expect.set_options(timeout=10_000)
    browser = launch(playwright)
    yield browser
    browser.close()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project (seed letter only) to add replies to."""
    return make_project(tmp_path)
