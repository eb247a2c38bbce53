"""The site's Content-Security-Policy: one policy, written into every page as a meta tag and sent by
nginx as a header (deploy/nginx.conf), and a check that no page holds what the policy would block.

The policy allows only the site itself: no inline script, no inline style, no other host. Material's
two inline scripts are loaded from files instead (docs/overrides/partials/javascripts/), so the policy
needs no hash and stays the same for every page, every build and every site_url.
"""

from __future__ import annotations

import re

from replysite.errors import SiteError

# One directive a line, in the order they are sent; data: images are the icons in Material's style sheet.
DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
# Browsers ignore (and log an error for) frame-ancestors in a meta tag: only the header carries it.
HEADER_ONLY: tuple[tuple[str, str], ...] = (("frame-ancestors", "'self'"),)


def _joined(directives: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"{name} {sources}" for name, sources in directives)


POLICY = _joined(DIRECTIVES)  # the meta tag's policy
HEADER_POLICY = _joined(DIRECTIVES + HEADER_ONLY)  # nginx's Content-Security-Policy header
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'

# Markup as Material, MkDocs, Markdown and the sanitiser write it: lower-case names. Each search starts
# with a literal, so that a page is read at C speed (a page costs well under a millisecond); only a page
# where an attribute the policy blocks may appear is then read tag by tag.
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>")
_SCRIPT = re.compile(r"<script\b([^>]*)>")
_HANDLER = re.compile(r" on[a-z]+\s*=")
_TAG = re.compile(r"<[a-zA-Z][^\s/>]*((?:\s+[^\s\"'>/=]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
_TYPE = re.compile(r"\btype\s*=\s*[\"']?([^\"'\s>]*)", re.I)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}  # what a browser runs
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href"}


class PolicyError(SiteError):
    """A page holds code the policy blocks: readers would get a broken page."""


def protect(html: str, where: str, meta: bool = True) -> str:
    """`html` with the policy's meta tag first in its head (unless not `meta`); raise if the policy would
    block part of it."""
    blocked = blocked_parts(html)
    if blocked:
        raise PolicyError(
            f"{where}: 页面含有网站内容安全策略（CSP）会阻止的代码：{'；'.join(blocked)}。"
            "请把脚本放进 docs/assets/ 下的 .js 文件、样式放进 .css 文件，再从页面引用。"
        )
    if not meta:
        return html
    found = _CHARSET.search(html)
    if found is None:
        raise PolicyError(f"{where}: 页面没有 <meta charset=\"utf-8\">，无法加入内容安全策略。")
    return html[: found.end()] + META + html[found.end() :]


def blocked_parts(html: str) -> list[str]:
    """What in `html` the policy would block: inline scripts, style elements and attributes, handlers."""
    found: list[str] = []
    for script in _SCRIPT.finditer(html):
        attributes = script.group(1)
        kind = _TYPE.search(attributes)
        if "src=" not in attributes.lower() and (kind is None or kind.group(1).lower() in _SCRIPT_TYPES):
            found.append("内联脚本 <script>")
    if "<style" in html:
        found.append("内联样式 <style>")
    if "style=" in html or "javascript:" in html or (" on" in html and _HANDLER.search(html)):
        found += _blocked_attributes(html)
    return sorted(set(found))


def _blocked_attributes(html: str) -> list[str]:
    found = []
    for tag in _TAG.finditer(html):
        for name, value in _ATTRIBUTE.findall(tag.group(1)):
            name = name.lower()
            if name == "style":
                found.append("style 属性")
            elif name.startswith("on"):
                found.append(f"事件属性 {name}")
            elif name in _URL_ATTRIBUTES and value.strip("\"' \t\n").lower().startswith("javascript:"):
                found.append(f"javascript: 链接（{name}）")
    return found


def nginx_header() -> str:
    """The line of deploy/nginx.conf that sends the policy."""
    return f'add_header Content-Security-Policy "{HEADER_POLICY}" always;'
