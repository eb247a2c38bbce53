"""Atom feeds of the replies: the latest of the whole site, and one per grade and per answering agency.
A correction's entry says which reply it corrects and links to it.

A feed holds the same replies as the first page of the list it follows. Its dates come from the
replies, never from the clock, so that an unchanged site gives unchanged feeds.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from replysite.model.reply import Reply
from replysite.model.settings import Settings
from replysite.pages.catalogue import Catalogue, Facet, Group, Links
from replysite.pages.render import environment
from replysite.pages.views import View
from replysite.published.publication import Site, moment

LATEST = "feeds/latest.xml"
EMPTY_DATE = datetime.date(2000, 1, 1)  # <updated> of a feed on a site that has no reply yet


@dataclass(frozen=True)
class Feed:
    """One feed: where it is written, its title, the HTML page it follows and its replies, newest first."""

    path: str
    title: str
    page: str
    replies: list[Reply]
    links: Mapping[str, Links] = field(default_factory=dict)  # reply path -> its corrections (the catalogue's)

    def corrects(self, reply: Reply) -> Reply | None:
        """The published reply that `reply` corrects, which its entry announces."""
        found = self.links.get(reply.path)
        return found.supersedes if found else None


def feed_path(list_url: str) -> str:
    """Site path of the feed that follows the list at `list_url` (`agencies/x/` → `feeds/agencies/x.xml`)."""
    return f"feeds/{list_url.rstrip('/')}.xml"


def build_feeds(catalogue: Catalogue) -> list[Feed]:
    """Every feed of the site: the latest replies, then one per list of a facet that has feeds (grades, agencies)."""
    links = catalogue.links
    feeds = [Feed(LATEST, "最新答复", "", catalogue.replies, links)]
    for facet in catalogue.facets:
        if facet.has_feed:
            groups = catalogue.groups[facet.slug]
            feeds += [Feed(feed_path(item.url), facet.feed_title(item.key), item.url, item.replies, links) for item in groups]
    return feeds


def feed_of(view: View) -> str | None:
    """The feed that follows a generated page, if it has one: the home page and the grade and agency lists."""
    if not view.url:
        return LATEST
    facet, item = view.context.get("facet"), view.context.get("group")
    if view.template == "list.html" and isinstance(facet, Facet) and isinstance(item, Group) and facet.has_feed:
        return feed_path(item.url)
    return None


def atom(feed: Feed, site: Site, settings: Settings, fallback: datetime.date | None = None) -> str:
    """The feed as Atom XML; `fallback` dates a feed with no entry (the site's newest reply)."""
    entries = feed.replies[: settings.per_page]
    newest = entries[0].date if entries else (fallback or EMPTY_DATE)
    template = environment().get_template("atom.xml")
    return template.render(feed=feed, entries=entries, updated=moment(newest), site=site, settings=settings, moment=moment)
