"""The generated pages of the site, computed from the catalogue of replies (grouped once per build).

A `View` is data only: where the page lives, its title, which template draws it and with what.
Index pages list the groups of each facet (year, proposer, grade, agency) and are paginated so that
no page grows with the number of replies; a proposal answered by several replies has a page showing
them all, which grows with its own replies only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from replysite.model.names import pinyin_key
from replysite.model.problems import Problem
from replysite.model.settings import Settings
from replysite.pages import statistics
from replysite.pages.catalogue import Agencies, Catalogue, Facet, Group, Results, Years

PROPOSALS = "proposals/"  # the overview of the proposals that have a page; each has its own below it
PROPOSALS_TITLE = "多件答复的提案和建议"


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


def build_views(catalogue: Catalogue, settings: Settings) -> list[View]:
    """Every generated page: home, per facet an overview plus one list per value, and the statistics."""
    views = [home(catalogue, settings)]
    for facet in catalogue.facets:
        groups = catalogue.groups[facet.slug]
        views += overview(facet, groups, settings)
        for item in groups:
            context = {"facet": facet, "group": item, "grade": facet.grade(item.key)}
            views += paginate(item.url, facet.list_title(item.key), "list.html", item.replies, settings, **context)
    views += proposals(catalogue, settings)
    stats = statistics.compute(catalogue.replies, catalogue.of(Years), catalogue.of(Agencies), settings, catalogue.withheld)
    views.append(View("statistics/", "答复统计", "stats.html", {"stats": stats}))
    return views


LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def initial(key: str) -> str:
    """A name's initial letter in pinyin (A–Z), or # for a name that starts otherwise."""
    letter = pinyin_key(key)[0][:1].upper()
    return letter if letter in LETTERS else "#"


def overview(facet: Facet, groups: list[Group], settings: Settings) -> list[View]:
    """The overview of one facet: every value with its count and link, paginated; names with an A–Z bar
    whose letters link to the page and row where that initial starts."""
    rows = [{"label": item.label, "url": item.url, "count": len(item.replies), "key": item.key, "anchor": ""} for item in groups]
    urls = pages(f"{facet.slug}/", len(rows), settings.per_page)
    letters: dict[str, str] = {}
    if facet.by_initial:
        for index, row in enumerate(rows):
            letter = initial(str(row["key"]))
            if letter not in letters:
                row["anchor"] = f"letter-{letter}" if letter != "#" else "letter-other"
                letters[letter] = f"{urls[index // settings.per_page]}#{row['anchor']}"
    bar = [{"letter": letter, "url": letters.get(letter)} for letter in (*LETTERS, "#")] if letters else []
    return paginate(f"{facet.slug}/", facet.title, "overview.html", rows, settings, facet=facet, groups=len(groups), letters=bar)


def proposals(catalogue: Catalogue, settings: Settings) -> list[View]:
    """The page of each proposal answered by more than one reply (its stable URL from meeting, kind and
    number), and their overview, paginated, the proposal answered last first."""
    threads = [thread for thread in catalogue.threads if thread.has_page]
    views = paginate(PROPOSALS, PROPOSALS_TITLE, "proposals.html", threads, settings)
    for thread in threads:
        links = {reply.path: catalogue.links_of(reply) for reply in thread.replies}
        views.append(View(thread.url, f"{thread.title}（{thread.name}）", "proposal.html", {"thread": thread, "links": links}))
    return views


def home(catalogue: Catalogue, settings: Settings) -> View:
    """The home page: the latest replies, and counts by grade and by kind."""
    replies = catalogue.replies
    results = Results(settings)
    by_grade = Counter(reply.result for reply in replies)
    grades = [{"grade": grade, "count": by_grade[grade.code], "url": results.url(grade.code)} for grade in settings.grades]
    by_kind = Counter(reply.kind for reply in replies)
    kinds = [{"kind": kind, "count": by_kind[kind.name]} for kind in settings.kinds]
    context = {"latest": replies[: settings.latest], "grades": grades, "kinds": kinds, "total": len(replies), "facets": catalogue.facets}
    return View("", "首页", "home.html", context)


def problems_view(problems: list[Problem]) -> View:
    """A preview's list of problems, as validate prints them, while the replies that have them are left out."""
    return View("problems/", "预览中发现的问题", "problems.html", {"problems": problems})
