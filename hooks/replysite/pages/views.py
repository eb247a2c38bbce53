"""The generated pages of the site, computed from the list of replies in one pass.

A `View` is data only: where the page lives, its title, which template draws it and with what.
Index pages are grouped (by year, proposer, grade, agency) and paginated so that no page grows
with the number of replies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from replysite.model.library import newest_first
from replysite.model.names import name_slug, pinyin_key, transliterate
from replysite.model.reply import Reply
from replysite.model.settings import Grade, Settings
from replysite.pages import statistics


@dataclass(frozen=True)
class View:
    """One generated page: its site path (`years/2018/`), title, template and template values."""

    url: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def src_uri(self) -> str:
        return f"{self.url}index.md" if self.url else "index.md"


@dataclass(frozen=True)
class Group:
    """A set of replies sharing one value (a year, a proposer…) and the page that lists them."""

    key: str
    label: str
    url: str
    replies: list[Reply]


@dataclass(frozen=True)
class Facet:
    """One way of grouping replies, e.g. by proposer: its title, URL prefix and how to read a reply."""

    slug: str
    title: str
    noun: str
    values: Callable[[Reply], Iterable[str]]


@lru_cache(maxsize=256)  # drawn for every entry of every list
def grade_slug(code: str) -> str:
    """URL part for a grade code: `a` for A, `jia` for 甲."""
    return transliterate(code) or name_slug(code)


def facets(settings: Settings) -> list[Facet]:
    """The four ways the site groups replies, in navigation order."""
    return [
        Facet("years", "按年份", "年份", lambda reply: [str(reply.year)]),
        Facet("proposers", "按提案人", "提案人或代表", lambda reply: reply.proposers),
        Facet("results", "按办理结果", "办理结果", lambda reply: [reply.result]),
        Facet("agencies", "按答复单位", "答复单位", lambda reply: [reply.agency]),
    ]


def group(facet: Facet, replies: list[Reply], settings: Settings) -> list[Group]:
    """Replies grouped by the facet, each group newest first, groups in the order readers expect."""
    buckets: dict[str, list[Reply]] = defaultdict(list)
    if facet.slug == "results":  # every grade gets its page, even before a reply has it
        buckets.update({grade.code: [] for grade in settings.grades})
    for reply in replies:
        for value in dict.fromkeys(facet.values(reply)):
            buckets[value].append(reply)
    groups = [
        Group(key, _label(facet, key, settings), _group_url(facet, key), sorted(items, key=newest_first))
        for key, items in buckets.items()
    ]
    return sorted(groups, key=_group_order(facet, settings))


def _label(facet: Facet, key: str, settings: Settings) -> str:
    if facet.slug == "years":
        return f"{key} 年"
    if facet.slug == "results":
        return f"{key} 类：{settings.grade(key).label}"
    return key


def group_urls(reply: Reply, settings: Settings) -> set[str]:
    """The list pages (first page of each) that must show `reply`: its year, proposers, grade, agency."""
    return {_group_url(facet, value) for facet in facets(settings) for value in facet.values(reply)}


def _group_url(facet: Facet, key: str) -> str:
    if facet.slug == "years":
        return f"years/{key}/"
    if facet.slug == "results":
        return f"results/{grade_slug(key)}/"
    return f"{facet.slug}/{name_slug(key)}/"


def _group_order(facet: Facet, settings: Settings) -> Callable[[Group], Any]:
    if facet.slug == "years":
        return lambda item: -int(item.key)
    if facet.slug == "results":
        codes = [grade.code for grade in settings.grades]
        return lambda item: codes.index(item.key)
    return lambda item: pinyin_key(item.key)


def pages(base_url: str, count: int, per_page: int) -> list[str]:
    """Stable page URLs of a list: `base/`, then `base/page/2/`, `base/page/3/`…"""
    total = max(1, -(-count // per_page))
    return [base_url] + [f"{base_url}page/{number}/" for number in range(2, total + 1)]


def paginate(base_url: str, title: str, template: str, items: list[Any], settings: Settings, **context: Any) -> list[View]:
    """Split `items` into pages of `settings.per_page`, one view a page, with the pager's links."""
    urls = pages(base_url, len(items), settings.per_page)
    views = []
    for index, url in enumerate(urls):
        chunk = items[index * settings.per_page : (index + 1) * settings.per_page]
        pager = {"number": index + 1, "urls": urls, "total": len(items), "first": index * settings.per_page + 1}
        page_title = title if index == 0 else f"{title}（第 {index + 1} 页）"
        views.append(View(url, page_title, template, {**context, "items": chunk, "pager": pager, "heading": title}))
    return views


def build_views(replies: list[Reply], settings: Settings) -> list[View]:
    """Every generated page: home, per facet an overview plus one list per value, and the statistics."""
    replies = sorted(replies, key=newest_first)
    views = [home(replies, settings)]
    grouped: dict[str, list[Group]] = {}
    for facet in facets(settings):
        groups = grouped[facet.slug] = group(facet, replies, settings)
        views += overview(facet, groups, settings)
        for item in groups:
            grade = _grade_of(facet, item, settings)
            views += paginate(item.url, _list_title(facet, item), "list.html", item.replies, settings, facet=facet, group=item, grade=grade)
    stats = statistics.compute(replies, grouped["years"], grouped["agencies"], settings)
    views.append(View("statistics/", "答复统计", "stats.html", {"stats": stats}))
    return views


def _list_title(facet: Facet, item: Group) -> str:
    if facet.slug == "years":
        return f"{item.key} 年的答复"
    if facet.slug == "results":
        return f"办理结果为 {item.key} 类的答复"
    if facet.slug == "agencies":
        return f"{item.key}的答复"
    return f"对{item.key}的答复"


def _grade_of(facet: Facet, item: Group, settings: Settings) -> Grade | None:
    return settings.grade(item.key) if facet.slug == "results" else None


def overview(facet: Facet, groups: list[Group], settings: Settings) -> list[View]:
    """The overview of one facet: every value with its count and link, paginated."""
    rows = [{"label": item.label, "url": item.url, "count": len(item.replies), "key": item.key} for item in groups]
    return paginate(f"{facet.slug}/", facet.title, "overview.html", rows, settings, facet=facet, groups=len(groups))


def home(replies: list[Reply], settings: Settings) -> View:
    """The home page: the latest replies, and counts by grade and by kind."""
    by_grade = Counter(reply.result for reply in replies)
    grades = [{"grade": grade, "count": by_grade[grade.code], "url": f"results/{grade_slug(grade.code)}/"} for grade in settings.grades]
    by_kind = Counter(reply.kind for reply in replies)
    kinds = [{"kind": kind, "count": by_kind[kind.name]} for kind in settings.kinds]
    context = {"latest": replies[: settings.latest], "grades": grades, "kinds": kinds, "total": len(replies), "facets": facets(settings)}
    return View("", "首页", "home.html", context)
