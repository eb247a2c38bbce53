"""Make a reply body's HTML safe to publish: ordinary formatting stays, scripts and handlers go.

Staff paste letters from word processors and OCR; raw HTML in a body is allowed only as far as
a letter needs it (tables, lists, emphasis, http/https links).
"""

from __future__ import annotations

import re

import nh3

TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small",
    "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "code", "pre", "span", "div", "abbr",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "h2", "h3", "h4", "h5", "h6", "a", "img", "figure", "figcaption",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "td": {"colspan", "rowspan", "align"},
    "ol": {"start", "type"},
    "abbr": {"title"},
    "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"}, "sup": {"id"}, "div": {"class"},
}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select"}
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)


def clean_body(html: str) -> str:
    """Sanitised body HTML; the page's own heading is its only h1, so body h1s become h2s."""
    html = _H1.sub(r"<\1h2", html)
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
