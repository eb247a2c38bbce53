"""Make a reply body's HTML safe to publish: ordinary formatting stays, scripts and handlers go.

Staff paste letters from word processors and OCR; raw HTML in a body is allowed only as far as
a letter needs it (tables, lists, emphasis, http/https links). Nothing in a body may steer the
theme: every id is moved into the letter's own namespace (Material reads `#__config` and other
ids from the page), only the classes the Markdown extensions write are kept, and images may come
from this site alone, so that a page view never makes a request to another host.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

import nh3

from replysite.model.markup import is_local

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
    "li": {"id"}, "sup": {"id"},
}
# The classes Python-Markdown's footnotes extension writes, which Material styles; no other class
# from a body reaches the page (a theme class could fake a notice or a second metadata panel).
CLASSES = {"div": {"footnote"}, "a": {"footnote-ref", "footnote-backref"}}
DROPPED_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea", "select"}
ID_PREFIX = "letter-"  # no id of the theme or of this site's templates starts with it
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)


def clean_body(html: str, prefix: str = ID_PREFIX, rebase: Callable[[str], str] | None = None) -> str:
    """Sanitised body HTML; the page's own heading is its only h1, so body h1s become h2s.

    A page that shows several letters gives each its own id `prefix` (starting with `letter-`), and
    `rebase` turns a link to a page or file of the site, as written in the body, into one from that page.
    """
    html = _H1.sub(r"<\1h2", html)
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        attribute_filter=partial(_filter_attribute, prefix, rebase),
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def letter_id(anchor: str, prefix: str = ID_PREFIX) -> str:
    """The id an anchor of the body gets on the page (`fn:1` -> `letter-fn:1`)."""
    return anchor if anchor.startswith(prefix) else prefix + anchor


def _filter_attribute(prefix: str, rebase: Callable[[str], str] | None, tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id":
        return letter_id(value, prefix)
    if attribute == "href" and value.startswith("#"):
        return "#" + letter_id(value[1:], prefix)
    if tag == "img" and attribute == "src" and not is_local(value):
        return None
    if rebase is not None and attribute in ("href", "src") and is_local(value):
        return rebase(value)
    return value
