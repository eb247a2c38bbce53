"""No O(N²): the views grow linearly with the replies, and rendering one reply's page does the same
work whatever the number of replies. Counted in Python function calls, which do not depend on the
machine's speed or load."""

from __future__ import annotations

import dataclasses
import datetime
import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

from replysite.model import settings
from replysite.model.reply import Reply
from replysite.pages import render, views
from replysite.pages.catalogue import catalogue_of
from tests.sitebuild import ROOT

SETTINGS = settings.Settings()


def replies(count: int) -> list[Reply]:
    """`count` replies over ten years, 60 proposers and 12 agencies, with every grade and kind."""
    return [
        Reply(
            path=f"replies/{2016 + index % 10}/r{index:05d}.md", title=f"关于第{index}项工作的建议",
            doc_number=f"许测〔{2016 + index % 10}〕{index}号",
            agency=f"第{index % 12}局", result="ABC"[index % 3], kind=("提案", "建议")[index % 2], meeting="市政协七届二次会议",
            number=f"{index:03d}", proposers=(f"代表{index % 60}", f"代表{(index * 7) % 60}"),
            date=datetime.date(2016 + index % 10, 1 + index % 12, 1 + index % 28), body="答复正文。\n",
        )
        for index in range(count)
    ]


def calls(work: Callable[[], Any]) -> int:
    """How many functions (Python and built-in) `work` calls."""
    count = 0

    def probe(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(probe)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def render_all(items: list[Reply]) -> None:
    for view in views.build_views(catalogue_of(items, SETTINGS), SETTINGS):
        render.render_view(view, SETTINGS)


def test_views_grow_linearly() -> None:
    small, large = replies(400), replies(1600)
    render_all(small)  # warm caches (templates, pinyin) so both counts measure the same work
    ratio = calls(lambda: render_all(large)) / calls(lambda: render_all(small))
    assert ratio < 4.6, f"4× the replies cost {ratio:.2f}× the calls"


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("replies_site_hook", ROOT / "hooks" / "site.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as MkDocs loads hooks; dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


class _Page:
    """The little of an MkDocs page that the hook's page handlers read."""

    def __init__(self, src_uri: str, url: str) -> None:
        self.file = type("FileStub", (), {"src_uri": src_uri})()
        self.url = url
        self.meta: dict[str, Any] = {}
        self.toc: list[Any] = []


def one_page_calls(hook: ModuleType, count: int) -> int:
    """Calls made by the hook's page handlers for one reply page of a site with `count` replies."""
    items = replies(count)
    build = hook.Build(SETTINGS, Path("replies"))
    build.replies = {reply.url.rstrip("/") + ".md": reply for reply in items}
    build.views = {view.src_uri: view for view in views.build_views(catalogue_of(items, SETTINGS), SETTINGS)}
    hook._build = build  # type: ignore[attr-defined]
    target = items[count // 2]
    page = _Page(target.url.rstrip("/") + ".md", target.url)

    def handle() -> None:
        markdown = hook.on_page_markdown("", page, None, None)
        hook.on_page_content(f"<p>{markdown}</p>", page, None, None)

    handle()  # warm
    return calls(handle)


def test_one_reply_page_costs_the_same_at_any_size() -> None:
    hook = load_hook()
    assert one_page_calls(hook, 200) == one_page_calls(hook, 2000)


def threaded(count: int) -> list[Reply]:
    """`count` replies, three to a proposal: a 主办 and two 协办, the second of which corrects the first."""
    items = replies(count)
    roles = ("主办", "协办", "协办")
    return [
        dataclasses.replace(reply, number=f"{index // 3:04d}", role=roles[index % 3],
                            supersedes=items[index - 1].doc_number if index % 3 == 2 else "")
        for index, reply in enumerate(items)
    ]


def test_views_with_threads_grow_linearly() -> None:
    small, large = threaded(400), threaded(1600)
    render_all(small)
    ratio = calls(lambda: render_all(large)) / calls(lambda: render_all(small))
    assert ratio < 4.6, f"4× the replies cost {ratio:.2f}× the calls"


def test_the_catalogue_groups_threads_in_linear_time() -> None:
    small, large = threaded(1000), threaded(4000)
    catalogue_of(small, SETTINGS)
    ratio = calls(lambda: catalogue_of(large, SETTINGS)) / calls(lambda: catalogue_of(small, SETTINGS))
    assert ratio < 4.6, f"4× the replies cost {ratio:.2f}× the calls"


def proposal_page_calls(count: int) -> tuple[int, int]:
    """Calls and characters of drawing one proposal page (the same proposal) of a site with `count` replies."""
    found = views.build_views(catalogue_of(threaded(count), SETTINGS), SETTINGS)
    view = next(item for item in found if item.template == "proposal.html" and item.context["thread"].key.number == "0050")
    render.render_view(view, SETTINGS)  # warm
    return calls(lambda: render.render_view(view, SETTINGS)), len(render.render_view(view, SETTINGS))


def test_one_proposal_page_costs_and_weighs_the_same_at_any_size() -> None:
    assert proposal_page_calls(300) == proposal_page_calls(3000)


def test_one_threaded_reply_page_costs_the_same_at_any_size() -> None:
    hook = load_hook()

    def page_calls(count: int) -> int:
        items = threaded(count)
        catalogue = catalogue_of(items, SETTINGS)
        build = hook.Build(SETTINGS, Path("replies"), catalogue=catalogue)
        build.replies = {reply.url.rstrip("/") + ".md": reply for reply in items}
        hook._build = build  # type: ignore[attr-defined]
        target = items[151]  # the same 协办 reply, in a thread of three, corrected by the next
        page = _Page(target.url.rstrip("/") + ".md", target.url)
        hook.on_page_content("<p>答复正文。</p>", page, None, None)  # warm
        return calls(lambda: hook.on_page_content("<p>答复正文。</p>", page, None, None))

    assert page_calls(300) == page_calls(3000)
