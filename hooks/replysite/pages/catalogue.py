"""The replies grouped once per build: newest first, and by each facet (year, proposer, grade, agency).

A facet carries its own behaviour (label, URL, order, titles), so nothing dispatches on its name;
the views, the feeds, the statistics and the audit all read the one `Catalogue`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from replysite.model.fields import WITHHELD
from replysite.model.library import newest_first
from replysite.model.names import name_slug, pinyin_key, transliterate
from replysite.model.reply import Reply
from replysite.model.settings import Grade, Settings


@lru_cache(maxsize=256)  # drawn for every entry of every list
def grade_slug(code: str) -> str:
    """URL part for a grade code: `a` for A, `jia` for 甲."""
    return transliterate(code) or name_slug(code)


@dataclass(frozen=True)
class Group:
    """A set of replies sharing one value (a year, a proposer…) and the page that lists them."""

    key: str
    label: str
    url: str
    replies: list[Reply]


class Facet:
    """One way of grouping replies. Subclasses say how a reply is read and how its groups are shown."""

    slug = ""
    title = ""  # the overview's title, also in the navigation
    by_initial = True  # names in pinyin order: the overview has an A–Z bar of initial letters
    noun = ""  # what one value is called, as a column heading
    has_feed = False  # the lists of this facet have an Atom feed each
    shows_meanings = False  # the overview explains each value (the grades)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def values(self, reply: Reply) -> Iterable[str]:
        raise NotImplementedError

    def seeded(self) -> list[str]:
        """Values that have a page even before any reply has them."""
        return []

    def label(self, key: str) -> str:
        return key

    def url(self, key: str) -> str:
        return f"{self.slug}/{name_slug(key)}/"

    def order(self, item: Group) -> Any:
        """Sort key of the groups, in the order readers expect: names by pinyin."""
        return pinyin_key(item.key)

    def list_title(self, key: str) -> str:
        return f"{key}的答复"

    def feed_title(self, key: str) -> str:
        return self.list_title(key)

    def intro(self, groups: int) -> str:
        """The overview's first line."""
        return f"共 {groups} 个{self.noun}，按拼音排序。"

    def grade(self, key: str) -> Grade | None:
        return None


class Years(Facet):
    slug, title, noun = "years", "按年份", "年份"
    by_initial = False

    def values(self, reply: Reply) -> Iterable[str]:
        return [str(reply.year)]

    def label(self, key: str) -> str:
        return f"{key} 年"

    def url(self, key: str) -> str:
        return f"years/{key}/"

    def order(self, item: Group) -> Any:
        return -int(item.key)

    def list_title(self, key: str) -> str:
        return f"{key} 年的答复"

    def intro(self, groups: int) -> str:
        return f"按答复印发的年份浏览，共 {groups} 个年份。"


class Proposers(Facet):
    slug, title, noun = "proposers", "按提案人", "提案人或代表"

    def values(self, reply: Reply) -> Iterable[str]:
        return reply.proposers

    def list_title(self, key: str) -> str:
        return f"对{key}的答复"


class Results(Facet):
    slug, title, noun = "results", "按办理结果", "办理结果"
    by_initial = False
    has_feed = shows_meanings = True

    def values(self, reply: Reply) -> Iterable[str]:
        return [reply.result]

    def seeded(self) -> list[str]:
        return [grade.code for grade in self.settings.grades]

    def label(self, key: str) -> str:
        return f"{key} 类：{self.settings.grade(key).label}"

    def url(self, key: str) -> str:
        return f"results/{grade_slug(key)}/"

    def order(self, item: Group) -> Any:
        return [grade.code for grade in self.settings.grades].index(item.key)

    def list_title(self, key: str) -> str:
        return f"办理结果为 {key} 类的答复"

    def feed_title(self, key: str) -> str:
        return f"办理结果为 {key} 类（{self.settings.grade(key).label}）的答复"

    def intro(self, groups: int) -> str:
        return "办理结果分为以下几类，点击可查看该类全部答复。"

    def grade(self, key: str) -> Grade | None:
        return self.settings.grade(key)


class Agencies(Facet):
    slug, title, noun = "agencies", "按答复单位", "答复单位"
    has_feed = True

    def values(self, reply: Reply) -> Iterable[str]:
        return [reply.agency]


FACETS: tuple[type[Facet], ...] = (Years, Proposers, Results, Agencies)  # in navigation order


def facets(settings: Settings) -> list[Facet]:
    """The four ways the site groups replies, in navigation order."""
    return [kind(settings) for kind in FACETS]


@dataclass(frozen=True)
class Catalogue:
    """Every reply newest first, and the groups of each facet, each group newest first."""

    replies: list[Reply]
    facets: list[Facet]
    groups: dict[str, list[Group]]  # facet slug -> its groups, in the facet's order
    withheld: list[Reply] = field(default_factory=list)  # 不予公开: counted, published nowhere

    def of(self, kind: type[Facet]) -> list[Group]:
        return self.groups[kind.slug]


def catalogue_of(replies: Iterable[Reply], settings: Settings) -> Catalogue:
    """Sort the replies once and group them by every facet in the same pass over them; a withheld reply
    (不予公开) is set apart: no page, list, feed or data file holds it."""
    every_reply = sorted(replies, key=newest_first)
    ordered = [reply for reply in every_reply if reply.disclosure != WITHHELD]
    every = facets(settings)
    buckets: dict[str, dict[str, list[Reply]]] = {facet.slug: {key: [] for key in facet.seeded()} for facet in every}
    for reply in ordered:
        for facet in every:
            for value in dict.fromkeys(facet.values(reply)):
                buckets[facet.slug].setdefault(value, []).append(reply)
    groups = {
        facet.slug: sorted(
            (Group(key, facet.label(key), facet.url(key), items) for key, items in buckets[facet.slug].items()), key=facet.order
        )
        for facet in every
    }
    return Catalogue(ordered, every, groups, [reply for reply in every_reply if reply.disclosure == WITHHELD])


def group_urls(reply: Reply, settings: Settings) -> set[str]:
    """The list pages (first page of each) that must show `reply`: its year, proposers, grade, agency."""
    return {facet.url(value) for facet in facets(settings) for value in facet.values(reply)}

