"""The sitemap and robots.txt, with absolute URLs from `site_url` and dates from the replies only.

MkDocs' own sitemap dates every page with the day of the build; this one gives a reply's page the
reply's date and leaves other pages undated, so that two builds of one commit are identical.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from replysite.pages.render import environment
from replysite.published.publication import Site

PATH = "sitemap.xml"
ROBOTS = "robots.txt"


@dataclass(frozen=True)
class Entry:
    """One page of the site: its site path (`replies/2018/x/`, `` for home) and the date it shows, if any."""

    path: str
    lastmod: datetime.date | None = None


def sitemap_xml(entries: list[Entry], site: Site) -> str:
    """The sitemap of `entries`, in path order."""
    ordered = sorted(entries, key=lambda entry: entry.path)
    return environment().get_template("sitemap.xml").render(entries=ordered, site=site)


def robots_txt(site: Site) -> str:
    """robots.txt: everything may be crawled but the search bundle's binary files; where the sitemap is.

    Crawlers read robots.txt only at the root of a host: a site under a sub-path needs these lines
    in the host's own robots.txt.
    """
    return f"User-agent: *\nDisallow: {site.base_path}search/index/\n\nSitemap: {site.absolute(PATH)}\n"
