"""Run axe-core (installed from the npm registry by tests/run, pinned in package-lock.json) in a page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from playwright.sync_api import Page

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")
# WCAG 2.0/2.1 A and AA, which GB/T 37668-2019 follows for web content, plus axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@dataclass(frozen=True)
class Violation:
    """One failed axe rule and where on the page it failed."""

    rule: str
    impact: str
    help: str
    targets: list[str]

    def __str__(self) -> str:
        return f"{self.impact} {self.rule}: {self.help} at {', '.join(self.targets[:5])}"


def violations(page: Page) -> list[Violation]:
    """Every axe violation on the page as it is now."""
    assert AXE.is_file(), f"{AXE} is missing: run `bash tests/run` (npm ci --prefix tests/browser)"
    # From an address of the page's own origin, answered here: the site's Content-Security-Policy refuses
    # an inline script (what add_script_tag(path=...) writes) but allows a script of the site itself.
    url = urljoin(page.url, "/__axe-core.js")
    page.route(url, lambda route: route.fulfill(path=str(AXE), content_type="application/javascript"))
    page.add_script_tag(url=url)
    found: list[dict[str, Any]] = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}))"
        ".violations.map(v => ({rule: v.id, impact: v.impact || 'minor', help: v.help,"
        " targets: v.nodes.map(n => n.target.join(' '))}))",
        TAGS,
    )
    return [Violation(**item) for item in found]


def blocking(page: Page) -> list[Violation]:
    """The serious and critical violations, which fail the tests."""
    return [item for item in violations(page) if item.impact in BLOCKING]
