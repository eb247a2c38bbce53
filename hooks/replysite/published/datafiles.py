"""Every file the build writes besides the pages: open data, feeds, sitemap and robots.txt.

One pure function of the replies and the list of pages, so the glue only has to hand the files to
the site engine, and tests can compute them without a build.
"""

from __future__ import annotations

from replysite.model.settings import Settings
from replysite.pages.catalogue import Catalogue
from replysite.published import feeds, opendata, sitemap
from replysite.published.publication import Site
from replysite.search import records


def data_files(catalogue: Catalogue, pages: list[sitemap.Entry], site: Site, settings: Settings) -> dict[str, bytes]:
    """Site path → content of each generated data file."""
    replies = catalogue.replies
    newest = replies[0].date if replies else None
    files = {
        opendata.JSON_PATH: opendata.replies_json(replies, site, settings, catalogue.withheld, catalogue.links),
        opendata.CSV_PATH: opendata.replies_csv(replies, site, settings, catalogue.links),
        opendata.SCHEMA_PATH: opendata.schema_json(site, settings),
        sitemap.PATH: sitemap.sitemap_xml(pages, site).encode("utf-8"),
        sitemap.ROBOTS: sitemap.robots_txt(site).encode("utf-8"),
        records.NEWEST_PATH: records.newest_listing([
            records.record_of(reply, reply.url, catalogue.links_of(reply).thread) for reply in replies[: records.NEWEST_COUNT]
        ]),
    }
    for feed in feeds.build_feeds(catalogue):
        files[feed.path] = feeds.atom(feed, site, settings, fallback=newest).encode("utf-8")
    return files

