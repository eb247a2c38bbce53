"""Measure what elderly and low-vision readers need: text size, contrast and tap-target size."""

from __future__ import annotations

from playwright.sync_api import Page

# Text of the page (its own text nodes, so that a block is judged by what it shows) set smaller than
# `least` px or with less than 4.5:1 contrast against the first opaque background behind it.
_SMALL_OR_FAINT = """(least) => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; };
  const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => {  // the layers behind `el`, blended from the white page up
    const layers = [];
    for (let up = el; up; up = up.parentElement) {
      const c = parse(getComputedStyle(up).backgroundColor);
      if (c.length < 4 || c[3] > 0) layers.push(c);
      if (c.length < 4 || c[3] >= 1) break;
    }
    return layers.reverse().reduce((under, [r, g, b, a = 1]) => [r, g, b].map((v, i) => v * a + under[i] * (1 - a)), [255, 255, 255]);
  };
  const out = [];
  for (const el of document.querySelectorAll(".rs-topbar *, .md-header *, .md-tabs *, .md-content *, .md-footer *")) {
    if (el.closest("svg, .rs-visually-hidden, [hidden], .md-skip")) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.opacity === "0") continue;
    const size = parseFloat(style.fontSize);
    const [a, b] = [lum(parse(style.color)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const what = `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 20)}"`;
    if (size < least - 0.01 || ratio < 4.5) out.push(`${what} ${size} px ${ratio.toFixed(2)}:1`);
  }
  return out;
}"""

# Controls (buttons, form fields, pager, tabs and header links) less than `least` px high or wide.
_SMALL_TARGETS = """(least) => {
  const out = [];
  const targets = "button, input, select, .md-header a, .md-header label, .md-tabs__link, .rs-pager a, .rs-letters a, .rs-jump";
  for (const el of document.querySelectorAll(targets)) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || el.closest("[hidden], .rs-visually-hidden") || el.classList.contains("md-skip")) continue;
    const what = `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 12)}"`;
    if (box.width < least - 0.5 || box.height < least - 0.5) out.push(`${what} ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return out;
}"""

_HEADING_CONTRAST = """() => [...document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3")].map((el) => {
  const m = getComputedStyle(el).color.match(/[\\d.]+/g).map(Number);
  return [el.textContent.trim().slice(0, 12), Math.max(...m.slice(0, 3)), getComputedStyle(el).fontWeight];
})"""


def small_or_faint_text(page: Page, least: float = 16) -> list[str]:
    """Visible text smaller than `least` px or below 4.5:1 contrast."""
    found: list[str] = page.evaluate(_SMALL_OR_FAINT, least)
    return found


def small_targets(page: Page, least: float = 44) -> list[str]:
    """Controls smaller than `least` × `least` px."""
    found: list[str] = page.evaluate(_SMALL_TARGETS, least)
    return found


def headings(page: Page) -> list[tuple[str, float, str]]:
    """Each heading's text, its brightest colour channel (0 is black) and its weight."""
    found: list[tuple[str, float, str]] = page.evaluate(_HEADING_CONTRAST)
    return found
