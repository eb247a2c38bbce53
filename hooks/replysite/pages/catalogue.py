"""The replies grouped once per build: newest first, by each facet (year, proposer, grade, agency),
and by the proposal they answer (a thread), with the corrections between them.

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
from replysite.model.reply import Reply, doc_number_key
from replysite.model.settings import Grade, Settings
from replysite.model.threads import ProposalKey, proposal_key, role_order


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
class Thread:
    """One proposal and its published replies, lead first; its title and proposers are the lead reply's."""

    key: ProposalKey
    replies: list[Reply]

    @property
    def lead(self) -> Reply:
        return self.replies[0]

    @property
    def title(self) -> str:
        return self.lead.title

    @property
    def proposers(self) -> tuple[str, ...]:
        return self.lead.proposers

    @property
    def name(self) -> str:
        """How the letters name the proposal: 市政协八届三次会议第021号提案 (as the lead reply writes it)."""
        return f"{self.lead.meeting}第{self.lead.number}号{self.lead.kind}"

    @property
    def has_page(self) -> bool:
        """A proposal has a page once more than one reply answers it: a single reply's page is the whole thread."""
        return len(self.replies) > 1

    @property
    def url(self) -> str:
        """The proposal page's site path, stable: from the meeting, kind and number alone."""
        return self.key.url

    @property
    def page_url(self) -> str:
        """The proposal page's site path when it has one, else empty."""
        return self.url if self.has_page else ""


@dataclass(frozen=True)
class Links:
    """How one reply stands to the others: its thread, the reply it corrects and those that correct it."""

    reply: Reply
    thread: Thread
    supersedes: Reply | None = None  # the published reply named by its `supersedes:`
    superseded_by: tuple[Reply, ...] = ()  # published replies whose `supersedes:` names it, earliest first

    @property
    def others(self) -> list[Reply]:
        """The other replies of its proposal, lead first."""
        return [item for item in self.thread.replies if item.path != self.reply.path]


@dataclass(frozen=True)
class Catalogue:
    """Every reply newest first, the groups of each facet (each group newest first), and the threads."""

    replies: list[Reply]
    facets: list[Facet]
    groups: dict[str, list[Group]]  # facet slug -> its groups, in the facet's order
    withheld: list[Reply] = field(default_factory=list)  # 不予公开: counted, published nowhere
    threads: list[Thread] = field(default_factory=list)  # every proposal, the one answered last first
    links: dict[str, Links] = field(default_factory=dict)  # reply path -> its links

    def of(self, kind: type[Facet]) -> list[Group]:
        return self.groups[kind.slug]

    def links_of(self, reply: Reply) -> Links:
        """The thread and corrections of a published reply (a reply on its own when the catalogue lacks it)."""
        found = self.links.get(reply.path)
        return found if found is not None else Links(reply, Thread(proposal_key(reply), [reply]))


def catalogue_of(replies: Iterable[Reply], settings: Settings) -> Catalogue:
    """Sort the replies once and group them by every facet and by proposal in the same pass over them;
    a withheld reply (不予公开) is set apart: no page, list, feed, thread or data file holds it."""
    every_reply = sorted(replies, key=newest_first)
    ordered = [reply for reply in every_reply if reply.disclosure != WITHHELD]
    every = facets(settings)
    buckets: dict[str, dict[str, list[Reply]]] = {facet.slug: {key: [] for key in facet.seeded()} for facet in every}
    proposals: dict[ProposalKey, list[Reply]] = {}
    by_number: dict[str, Reply] = {}
    for reply in ordered:
        for facet in every:
            for value in dict.fromkeys(facet.values(reply)):
                buckets[facet.slug].setdefault(value, []).append(reply)
        proposals.setdefault(proposal_key(reply), []).append(reply)
        by_number[doc_number_key(reply.doc_number)] = reply
    groups = {
        facet.slug: sorted(
            (Group(key, facet.label(key), facet.url(key), items) for key, items in buckets[facet.slug].items()), key=facet.order
        )
        for facet in every
    }
    threads = [Thread(key, sorted(items, key=role_order)) for key, items in proposals.items()]
    withheld = [reply for reply in every_reply if reply.disclosure == WITHHELD]
    return Catalogue(ordered, every, groups, withheld, threads, links_of(threads, by_number))


def links_of(threads: list[Thread], by_number: dict[str, Reply]) -> dict[str, Links]:
    """Each published reply's thread and corrections; a `supersedes:` naming no published reply links nowhere."""
    corrected: dict[str, Reply] = {}
    corrections: dict[str, list[Reply]] = {}
    for thread in threads:
        for reply in thread.replies:
            target = by_number.get(doc_number_key(reply.supersedes)) if reply.supersedes else None
            if target is not None and target.path != reply.path:
                corrected[reply.path] = target
                corrections.setdefault(target.path, []).append(reply)
    return {
        reply.path: Links(reply, thread, corrected.get(reply.path), tuple(sorted(corrections.get(reply.path, []), key=_by_date)))
        for thread in threads
        for reply in thread.replies
    }


def _by_date(reply: Reply) -> tuple[str, str]:
    return reply.date.isoformat(), reply.doc_number


def group_urls(reply: Reply, settings: Settings) -> set[str]:
    """The list pages (first page of each) that must show `reply`: its year, proposers, grade, agency."""
    return {facet.url(value) for facet in facets(settings) for value in facet.values(reply)}

