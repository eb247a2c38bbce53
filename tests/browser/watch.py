"""Watch a browser context: record requests to other hosts (Chromium cannot resolve them, see
`chromium.ARGS`) and console errors."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Request

LOCAL_SCHEMES = ("data:", "blob:", "about:")


class Watch:
    """What a test's pages did that a citizen's browser must never see: other hosts, errors."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.foreign: list[str] = []
        self.errors: list[str] = []

    def is_foreign(self, url: str) -> bool:
        return not url.startswith(self.base_url) and not url.startswith(LOCAL_SCHEMES)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._request)

    def attach_page(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", self._page_error)

    def _request(self, request: Request) -> None:
        if self.is_foreign(request.url):
            self.foreign.append(request.url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            location = message.location
            self.errors.append(f"{message.text} ({location.get('url', '')}:{location.get('lineNumber', '')})")

    def _page_error(self, error: Error) -> None:
        self.errors.append(f"uncaught: {error.message}")

    def check(self) -> None:
        """Fail the test if a page reached another host or logged an error."""
        assert not self.foreign, f"requests to hosts other than the test server: {self.foreign}"
        assert not self.errors, f"console errors: {self.errors}"
