"""A reply's letter on a page other than its own: the proposal page shows every reply to the proposal.

On a reply's own page MkDocs renders the body and rewrites its links (in the glue). A proposal page is
drawn by the core, which renders the same Markdown with the site's extensions and their settings (tests
keep them equal to mkdocs.yml's), then sanitises it as a reply page's body is.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

import markdown

from replysite.model.markup import EXTENSIONS
from replysite.model.reply import Reply
from replysite.pages import sanitize

BUILT_IN = ("fenced_code",)  # MkDocs adds it to every site's extensions (with toc and tables)
CONFIGS: dict[str, dict[str, Any]] = {"footnotes": {"BACKLINK_TITLE": "返回正文第 %d 处"}, "toc": {"permalink": False}}


def letter_html(reply: Reply, number: int, link: Callable[[str], str]) -> str:
    """The sanitised body of `reply` as the `number`th letter of a page: ids of its own (`letter-2-fn:1`), and
    links to other replies or files of the site drawn by `link` (a site path -> a link from that page)."""
    html = markdown.markdown(reply.body, extensions=[*EXTENSIONS, *BUILT_IN], extension_configs=CONFIGS)
    folder = posixpath.dirname(reply.url.rstrip("/"))  # replies/2018: where the body's relative links start
    return sanitize.clean_body(html, f"{sanitize.ID_PREFIX}{number}-", lambda target: link(site_path(target, folder)))


def site_path(target: str, folder: str) -> str:
    """The site path a relative link of a body leads to, as MkDocs resolves it: `x.md` is the page of reply x."""
    path, mark, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(folder, path))
    if resolved.endswith(".md"):
        resolved = resolved.removesuffix(".md") + "/"
    return resolved + mark + anchor
