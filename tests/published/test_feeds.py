"""Atom feeds, the sitemap and robots.txt of built sites, read with an XML parser: each lists exactly the
replies it should, with absolute URLs from site_url and dates from the replies."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from replysite.model.names import name_slug
from replysite.model.reply import Reply
from replysite.model.settings import Settings
from replysite.published import feeds, sitemap
from replysite.published.publication import Site, moment
from tests.published.outputs import ATOM, SITEMAP, hostile_site, linked, replies_of, site_url, target, xml
from tests.sitebuild import Built


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return hostile_site(tmp_path_factory)


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(f"{ATOM}entry")


def entry_urls(feed: ET.Element) -> list[str]:
    return [str(entry.findtext(f"{ATOM}id")) for entry in entries(feed)]


def urls(built: Built, replies: list[Reply]) -> list[str]:
    return [site_url(built) + reply.url for reply in replies]


def link(element: ET.Element, rel: str) -> str:
    found = element.find(f"{ATOM}link[@rel='{rel}']")
    assert found is not None, rel
    return found.attrib["href"]


def test_the_latest_feed_lists_every_reply_newest_first(fixture_site: Built) -> None:
    feed = xml(fixture_site, "feeds/latest.xml")
    replies = replies_of(fixture_site)
    assert entry_urls(feed) == urls(fixture_site, replies)
    assert feed.findtext(f"{ATOM}updated") == moment(replies[0].date)
    assert feed.findtext(f"{ATOM}id") == link(feed, "self") == site_url(fixture_site) + "feeds/latest.xml"
    assert target(fixture_site, link(feed, "alternate")).is_file()


def test_each_grade_has_a_feed_of_exactly_its_replies(fixture_site: Built) -> None:
    replies = replies_of(fixture_site)
    for code in ("A", "B", "C"):
        feed = xml(fixture_site, f"feeds/results/{code.lower()}.xml")
        assert entry_urls(feed) == urls(fixture_site, [reply for reply in replies if reply.result == code]), code
        assert link(feed, "alternate") == site_url(fixture_site) + f"results/{code.lower()}/"


def test_each_agency_has_a_feed_of_exactly_its_replies(fixture_site: Built) -> None:
    replies = replies_of(fixture_site)
    agencies = {reply.agency for reply in replies}
    written = sorted(path.name for path in (fixture_site.site / "feeds" / "agencies").iterdir())
    assert written == sorted(f"{name_slug(agency)}.xml" for agency in agencies)
    for agency in agencies:
        feed = xml(fixture_site, f"feeds/agencies/{name_slug(agency)}.xml")
        assert entry_urls(feed) == urls(fixture_site, [reply for reply in replies if reply.agency == agency]), agency
        assert target(fixture_site, link(feed, "alternate")).is_file()


def test_entry_dates_come_from_the_replies(fixture_site: Built) -> None:
    by_url = dict(zip(urls(fixture_site, replies_of(fixture_site)), replies_of(fixture_site), strict=True))
    for entry in entries(xml(fixture_site, "feeds/latest.xml")):
        reply = by_url[str(entry.findtext(f"{ATOM}id"))]
        assert entry.findtext(f"{ATOM}updated") == entry.findtext(f"{ATOM}published") == f"{reply.date}T00:00:00+08:00"
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == reply.agency
        assert target(fixture_site, link(entry, "alternate")).is_file()


def test_hostile_values_come_back_intact_from_the_feed(hostile: Built) -> None:
    feed = xml(hostile, "feeds/results/c.xml")
    (entry,) = entries(feed)
    title = "=HYPERLINK(\"https://evil.example/\",\"点我\") <script>alert('title')</script> & \"引号\" ]]> 标题"
    assert entry.findtext(f"{ATOM}title") == f"{title}（许&<i>\"'〔2020〕7号）"
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "市&局</name></author><script>alert('agency')</script>"
    assert "<img src=x onerror=alert('proposer')>、张三,李四;\"王五\"" in str(entry.findtext(f"{ATOM}summary"))
    assert "-2+3 ]]><![CDATA[ 市人大" in str(entry.findtext(f"{ATOM}summary"))
    names = ("id", "title", "link", "published", "updated", "author", "category", "category", "summary")
    assert [element.tag for element in entry] == [f"{ATOM}{name}" for name in names]  # nothing injected


def test_list_pages_with_a_feed_link_it_in_the_footer(fixture_site: Built) -> None:
    agency = name_slug("许昌市教育局")
    for page, feed in ((f"agencies/{agency}/", f"feeds/agencies/{agency}.xml"), ("results/b/", "feeds/results/b.xml")):
        footer = BeautifulSoup(fixture_site.page(page), "html.parser").select_one("footer .rs-opendata")
        assert footer is not None
        own = footer.find("a", string="订阅本列表（Atom）")
        assert own is not None, page
        assert (fixture_site.site / page / str(own["href"])).resolve() == (fixture_site.site / feed).resolve()


def test_every_page_announces_its_feeds_to_feed_readers(fixture_site: Built) -> None:
    agency = name_slug("许昌市教育局")
    own = {f"agencies/{agency}/": f"feeds/agencies/{agency}.xml", "results/a/": "feeds/results/a.xml"}
    for path in sorted(fixture_site.site.rglob("index.html")):
        here = path.parent.relative_to(fixture_site.site).as_posix() + "/"
        here = "" if here == "./" else here
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        assert head is not None
        feeds_here = head.select("link[rel~=alternate][type='application/atom+xml']")
        announced = {linked(fixture_site, here, str(tag["href"])) for tag in feeds_here}
        expected = {fixture_site.site / "feeds/latest.xml"} | ({fixture_site.site / own[here]} if here in own else set())
        assert expected <= announced, here


def test_a_feed_without_replies_is_dated_by_the_newest_reply_of_the_site() -> None:
    site = Site.from_config("https://example.org/", "站")
    empty = feeds.Feed("feeds/results/c.xml", "C", "results/c/", [])
    feed = ET.fromstring(feeds.atom(empty, site, Settings(), fallback=datetime.date(2021, 9, 2)))
    assert feed.findtext(f"{ATOM}updated") == "2021-09-02T00:00:00+08:00"
    assert entries(feed) == []


def test_the_sitemap_lists_every_page_with_absolute_urls(fixture_site: Built) -> None:
    found = xml(fixture_site, "sitemap.xml")
    locations = [str(url.findtext(f"{SITEMAP}loc")) for url in found.findall(f"{SITEMAP}url")]
    pages = sorted(path.parent.relative_to(fixture_site.site).as_posix() for path in fixture_site.site.rglob("index.html"))
    expected = [site_url(fixture_site) + ("" if page == "." else page + "/") for page in pages]
    assert sorted(locations) == sorted(expected)
    assert all(target(fixture_site, location).is_file() for location in locations)
    assert not (fixture_site.site / "sitemap.xml.gz").exists()


def test_the_sitemap_dates_reply_pages_by_their_reply_and_nothing_by_the_clock(fixture_site: Built) -> None:
    dates = {reply.url: reply.date.isoformat() for reply in replies_of(fixture_site)}
    for url in xml(fixture_site, "sitemap.xml").findall(f"{SITEMAP}url"):
        path = str(url.findtext(f"{SITEMAP}loc"))[len(site_url(fixture_site)) :]
        assert url.findtext(f"{SITEMAP}lastmod") == dates.get(path), path


def test_robots_txt_points_at_the_sitemap(fixture_site: Built) -> None:
    lines = (fixture_site.site / sitemap.ROBOTS).read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {site_url(fixture_site)}sitemap.xml" in lines
    assert "Disallow: /search/index/" in lines
