"""Measure a page's layout in the browser: what sticks out past the right edge of the viewport."""

from __future__ import annotations

from playwright.sync_api import Page

# Elements of the content whose right edge passes the viewport, unless a scrolling box (a wide table's
# wrapper) holds them: those can be scrolled into view, everything else is cut off or widens the page.
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const held = (el) => { for (let up = el.parentElement; up; up = up.parentElement) { if (scrolls(up)) return true; } return false; };
  const name = (el) => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className ? "." + el.className : "");
  const out = [];
  for (const el of document.querySelectorAll(".md-header *, .md-content *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1 || held(el)) continue;
    out.push(`${name(el)} ends at ${Math.round(box.right)} px`);
  }
  return out;
}"""


def page_width(page: Page) -> tuple[int, int]:
    """(scrollWidth, clientWidth) of the document: equal when nothing widens the page."""
    width: list[int] = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    return width[0], width[1]


def overflowing(page: Page) -> list[str]:
    """Header and content elements that end past the viewport's right edge without a scrollbar of their own."""
    found: list[str] = page.evaluate(_OVERFLOWING)
    return found
