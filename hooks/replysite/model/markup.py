"""What a reply body may hold: Markdown and nothing else, with links the build can publish.

The site's Markdown has an include syntax (pymdownx.snippets, `--8<--`) for its own pages; in a reply
it would publish another file, so it is refused. A link must lead somewhere the build accepts with
--strict (a full web address, a place on the same page, another reply), and images come from this
site alone. Every problem names the line of the reply file it is on.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from html.parser import HTMLParser

import markdown

from replysite.model.problems import Problem
from replysite.model.reply import Reply

# The extensions of mkdocs.yml that change what a body's links and ids are (tests keep the two equal).
EXTENSIONS = ("tables", "footnotes", "sane_lists", "toc")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
_SNIPPET = re.compile(r"-+8<-+")  # pymdownx.snippets: `--8<-- "file"`, `-8<-`, block markers, `;--8<--`
_IMAGE = re.compile(r"!\[[^\]\n]*\]\s*[(\[]")  # Markdown's ![text](file) and ![text][name]


def is_local(url: str) -> bool:
    """A URL on this site: relative, without a scheme or a host (`//other.example/x` has a host)."""
    url = url.strip()
    return not _SCHEME.match(url) and not url.startswith(("//", "\\\\", "/\\", "\\/"))


def body_problems(reply_path: str, body: str, body_line: int) -> list[Problem]:
    """Lines of the body that would include another file, or an image the site cannot show."""
    problems = []
    for index, line in enumerate(body.split("\n")):
        if _SNIPPET.search(line):
            message = "正文中不能使用“--8<--”（它会把其他文件的内容插入网页）：请直接粘贴要引用的文字，或删去这一行。"
            problems.append(Problem(reply_path, body_line + index, "body", message))
        if _IMAGE.search(line):
            message = "正文中不能用 ![…](…) 插入图片（网站上找不到图片文件）：原件请用 scan 字段附上扫描件，图中的文字请录入正文。"
            problems.append(Problem(reply_path, body_line + index, "body", message))
    return problems


def link_problems(replies: Iterable[Reply]) -> list[Problem]:
    """Links and images in bodies that the build would refuse or that would load another site's file."""
    replies = list(replies)
    pages = {reply.url.rstrip("/") + ".md" for reply in replies}
    files = {reply.path.split("/", 1)[-1]: reply.url.rstrip("/") + ".md" for reply in replies}  # as named in the folder
    problems = []
    for reply in replies:
        if any(mark in reply.body for mark in ("](", "]:", "<a", "<A", "<img", "<IMG")):  # most letters have no link
            problems += _reply_links(reply, pages, files)
    return problems


def _reply_links(reply: Reply, pages: set[str], files: dict[str, str]) -> list[Problem]:
    found = _Targets()
    found.feed(markdown.markdown(reply.body, extensions=list(EXTENSIONS)))
    here = reply.url.rstrip("/").rsplit("/", 1)[0]  # replies/2018, the folder MkDocs resolves links from
    problems = []
    for tag, target in found.targets:
        message = _target_problem(tag, target.strip(), found.ids, here, pages, files)
        if message:
            problems.append(Problem(reply.path, _line_of(reply, target), "body", message))
    return problems


def _target_problem(tag: str, target: str, ids: set[str], here: str, pages: set[str], files: dict[str, str]) -> str:
    if tag == "img":
        if is_local(target):
            return ""
        return f"正文中的图片“{target}”来自其他网站：本站不加载外站的图片，请删去它，或把图片内容写成文字。"
    if target.startswith("#"):
        return "" if target[1:] in ids else f"链接“{target}”指向本页中不存在的位置：请核对 # 后的名称，或删去这个链接。"
    if not is_local(target):
        return ""  # a web address; any other scheme is removed by `sanitize`
    if target.startswith(("/", "\\")):
        return f"链接“{target}”不是完整的网址：请写成 https:// 开头的完整网址。"
    path, _, anchor = target.partition("#")
    resolved = posixpath.normpath(posixpath.join(here, path))
    if resolved in pages:
        return f"链接“{target}”带有“#{anchor}”：链接另一件答复时请只写文件名，不要带 # 及其后的部分。" if anchor else ""
    own = files.get(posixpath.normpath(posixpath.join(here.removeprefix("replies/"), path)))
    hint = (f"请写成 {posixpath.relpath(own, here)}" if own
            else "请写成 https:// 开头的完整网址，或写另一件答复的文件名（如 ../2019/jiaoyu-2019-12.md）")
    return f"链接“{target}”在网站上找不到对应的页面：{hint}。"


def _line_of(reply: Reply, target: str) -> int:
    """The file line where `target` first appears in the body (the body's first line when it cannot be found)."""
    index = reply.body.find(target)
    return reply.body_line + (reply.body.count("\n", 0, index) if index >= 0 else 0)


class _Targets(HTMLParser):
    """Collects the links, image sources and ids of rendered body HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.targets.append((tag, values["href"]))
        elif tag == "img" and "src" in values:
            self.targets.append((tag, values["src"]))
