"""Debian's Chromium under Playwright: how it is launched, and a watched page to test with."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright

from tests.browser.watch import Watch

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package, installed by tests/run; no browser is downloaded
# Without the background-networking flags Chromium calls Google hosts, which this network refuses.
# The resolver rule makes every host but the test server's unreachable, so a page that asks for one
# gets nothing; `Watch` records the attempt and fails the test.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}


def launch(playwright: Playwright) -> Browser:
    """Start headless Chromium; raise (never skip) if it is missing or cannot start."""
    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run `bash tests/run`, which installs Debian's chromium package"
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)


@contextmanager
def opened(browser: Browser, base_url: str, viewport: dict[str, int], **options: object) -> Iterator[Page]:
    """A fresh browser context and page, watched: on leaving, foreign requests or console errors fail the test."""
    mobile = viewport["width"] < 600
    context = browser.new_context(
        viewport=viewport,  # type: ignore[arg-type]
        base_url=base_url,
        locale="zh-CN",
        is_mobile=mobile,
        has_touch=mobile,
        **options,  # type: ignore[arg-type]
    )
    watch = Watch(base_url)
    watch.attach(context)
    try:
        page = context.new_page()
        watch.attach_page(page)
        yield page
    finally:
        context.close()
    watch.check()
