"""Build the fixture site and check reply pages, index pages, navigation and the search bundle."""

from __future__ import annotations

import json
import posixpath

from tests.pages import article, list_entries, resolve, search_fragments, soup
from tests.sitebuild import FIXTURES, Built

SEED_URL = "replies/2018/xujiao-2018-76/"
ALL_REPLIES = {
    SEED_URL,
    "replies/2019/jiaoyu-2019-12/",
    "replies/2020/jiaotong-2020-40/",
    "replies/2020/weijian-2020-8/",
    "replies/2021/jiaotong-2021-15/",
    "replies/2021/jiaoyu-2021-33/",
}


def test_every_reply_has_its_page_at_a_url_from_its_path(fixture_site: Built) -> None:
    sources = {f"replies/{path.parent.name}/{path.stem}/" for path in (FIXTURES / "site").rglob("*.md")} | {SEED_URL}
    assert sources == ALL_REPLIES
    for url in ALL_REPLIES:
        assert (fixture_site.site / url / "index.html").is_file(), url


def test_reply_page_shows_heading_metadata_and_body(fixture_site: Built) -> None:
    page = article(fixture_site, SEED_URL)
    assert page.select("h1")[0].get_text(strip=True) == "对市政协七届二次会议第004号提案的答复"
    pairs = zip(page.select(".rs-summary dt, .rs-meta dt"), page.select(".rs-summary dd, .rs-meta dd"), strict=True)
    panel = {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in pairs}
    assert panel["文号"] == "许教〔2018〕76号"
    assert panel["答复单位"] == "许昌市教育局"
    assert panel["签发人"] == "杨钧安"
    assert panel["办理结果"] == "B 类 正在解决或已列入计划：所提问题正在解决或已列入计划解决"
    assert panel["会议届次"] == "市政协七届二次会议"
    assert panel["提案号"] == "第004号"
    assert panel["提案人"] == "民盟许昌市委"
    assert panel["印发日期"] == "2018年12月24日"
    assert (panel["联系单位"], panel["联系人"], panel["联系电话"]) == ("基础教育科", "李瑛", "0374-2699897")
    assert panel["抄送"] == "市政协提案委（3份），市政府督查室（2份）"
    body = page.select_one(".rs-reply__body")
    assert body is not None
    text = body.get_text()
    assert text.strip().startswith("民盟许昌市委：")
    assert "许昌市十二中教育集团，实施大学区制" in text  # joined across the scan's page break
    assert "扫描全能王" not in text and "许昌市教育局文件" not in text
    closing = page.select_one(".rs-letter__closing")
    assert closing is not None and closing.get_text(" ", strip=True) == "许昌市教育局 2018年12月24日"
    summary = page.select_one(".rs-summary")
    assert summary is not None and summary.find_next_sibling() is page.select_one(".rs-letter")
    letter, jump = page.select_one(".rs-letter"), page.select_one('a.rs-jump[href="#rs-letter"]')
    assert letter is not None and letter.find_next_sibling() is page.select_one(".rs-meta")  # contact and 抄送 after the letter
    assert jump is not None and jump.get_text(strip=True).startswith("阅读答复全文")


def test_browser_title_is_readable(fixture_site: Built) -> None:
    title = soup(fixture_site, SEED_URL).title
    assert title is not None
    assert title.get_text() == "继续深化集团化办学，快速放大优质教育资源总量（许教〔2018〕76号） - 建议提案答复公开"


def test_suggestion_uses_the_deputy_wording(fixture_site: Built) -> None:
    page = article(fixture_site, "replies/2021/jiaotong-2021-15/")
    assert page.select("h1")[0].get_text(strip=True) == "对市十届人大一次会议第31号建议的答复"
    assert "代表" in [dt.get_text(strip=True) for dt in page.select(".rs-summary dt")]


def test_year_pages_list_newest_first_with_counts(fixture_site: Built) -> None:
    overview = article(fixture_site, "years/")
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in overview.select("tbody tr")]
    assert rows == [["2021 年", "2"], ["2020 年", "2"], ["2019 年", "1"], ["2018 年", "1"]]
    entries = list_entries(fixture_site, "years/2021/")
    assert entries == [
        ("关于加强中小学课后服务的提案", "replies/2021/jiaoyu-2021-33/"),
        ("关于优化城区公交线路的建议", "replies/2021/jiaotong-2021-15/"),
    ]


def test_reply_with_several_proposers_is_on_each_proposer_page(fixture_site: Built) -> None:
    overview = article(fixture_site, "proposers/")
    links = {a.get_text(strip=True): resolve("proposers/", str(a["href"])) for a in overview.select("tbody a")}
    assert list(links) == ["九三学社许昌市委", "李秀英", "民盟许昌市委", "张建国"]  # by pinyin: jiu, li, min, zhang
    zhang = [url for _, url in list_entries(fixture_site, links["张建国"])]
    assert zhang == ["replies/2021/jiaoyu-2021-33/", "replies/2021/jiaotong-2021-15/", "replies/2019/jiaoyu-2019-12/"]
    minmeng = [url for _, url in list_entries(fixture_site, links["民盟许昌市委"])]
    assert minmeng == ["replies/2019/jiaoyu-2019-12/", SEED_URL]


def test_grade_pages_explain_the_grade(fixture_site: Built) -> None:
    overview = article(fixture_site, "results/")
    rows = [[cell.get_text(strip=True) for cell in row.select("td")] for row in overview.select("tbody tr")]
    assert [row[2] for row in rows] == ["2", "3", "1"]
    assert "因条件限制等原因暂时不能解决，留作参考" in rows[2][1]
    page = article(fixture_site, "results/c/")
    assert "因条件限制等原因暂时不能解决，留作参考" in page.get_text()
    assert [url for _, url in list_entries(fixture_site, "results/c/")] == ["replies/2020/weijian-2020-8/"]


def test_agency_overview_sorts_by_pinyin(fixture_site: Built) -> None:
    names = [a.get_text(strip=True) for a in article(fixture_site, "agencies/").select("tbody a")]
    assert names == ["许昌市交通运输局", "许昌市教育局", "许昌市卫生健康委员会"]  # jiao1 tong, jiao4 yu, wei


def test_list_entries_show_doc_number_proposers_grade_and_date(fixture_site: Built) -> None:
    entry = article(fixture_site, "years/2019/").select_one(".rs-entry")
    assert entry is not None
    text = entry.get_text(" ", strip=True)
    for part in ("许教〔2019〕12号", "民盟许昌市委、张建国", "B 类", "2019年8月30日"):
        assert part in text


def test_home_page_shows_latest_replies_and_grade_counts(fixture_site: Built) -> None:
    home = article(fixture_site, "")
    assert [url for _, url in list_entries(fixture_site, "")][:2] == ["replies/2021/jiaoyu-2021-33/", "replies/2021/jiaotong-2021-15/"]
    counts = [item.get_text(" ", strip=True) for item in home.select(".rs-grades li")]
    assert counts[0].startswith("A 类") and "2 件" in counts[0]
    assert "3 件" in counts[1] and "1 件" in counts[2]


def test_navigation_reaches_every_index_and_lists_no_reply(fixture_site: Built) -> None:
    page = soup(fixture_site, SEED_URL)
    nav = page.select_one("nav.md-nav--primary")
    assert nav is not None
    targets = {resolve(SEED_URL, str(a["href"])) for a in nav.select("a[href]")}
    assert {"", "years/", "proposers/", "results/", "agencies/", "search/"} <= targets
    assert not any(target.startswith("replies/") for target in targets)


NAV_PAGES = ["", "years/", "proposers/", "results/", "agencies/", "statistics/", "search/", "about/", "reading/", "open-data/"]


def _within_site(here: str, href: str) -> str:
    """`resolve`, but failing for a link that climbs above the site's root (a site served at a sub-path)."""
    assert posixpath.normpath(posixpath.join("/site/" + here, href)).startswith("/site"), (here, href)
    return resolve(here, href)


def _nav_links(built: Built, url: str) -> tuple[list[str], list[str], list[str]]:
    """Targets of the sidebar and the tabs from the page at `url`, and the texts marked as current."""
    page = soup(built, url)
    sidebar = [_within_site(url, str(a["href"])) for a in page.select("nav.md-nav--primary a[href]")]
    tabs = [_within_site(url, str(a["href"])) for a in page.select(".md-tabs a[href]")]
    current = [a.get_text(strip=True) for a in page.select(".md-nav__link--active, .md-tabs__item--active a")]
    return sidebar, tabs, current


def test_shared_navigation_links_right_from_every_place_and_marks_only_nav_pages(fixture_site: Built) -> None:
    """Pages outside the navigation share one drawing of it per place (hooks/replysite/fragments.py):
    from a reply, a year's list and a proposer's list alike it must lead to the same pages."""
    outside = [SEED_URL, "replies/2021/jiaoyu-2021-33/", "years/2020/", "results/a/", "proposers/li-xiu-ying-07dd86/"]
    for url in outside:
        sidebar, tabs, current = _nav_links(fixture_site, url)
        assert set(sidebar) == set(NAV_PAGES), url
        assert set(tabs) <= set(NAV_PAGES) and "years/" in tabs, url
        assert current == [], url
    sidebar, _, current = _nav_links(fixture_site, "about/")
    assert set(sidebar) == set(NAV_PAGES)
    assert "关于本站" in current  # a page in the navigation is still drawn as the current one


def test_the_search_index_holds_every_reply_with_filters(fixture_site: Built) -> None:
    meta = json.loads((fixture_site.site / "search" / "index" / "meta.json").read_text(encoding="utf-8"))
    assert meta["pages"] == len(ALL_REPLIES) and meta["format"] == 1
    assert not (fixture_site.site / "pagefind").exists()
    fragments = search_fragments(fixture_site)
    assert len(fragments) == len(ALL_REPLIES)
    assert {fragment["url"].strip("/") + "/" for fragment in fragments} == ALL_REPLIES
    dates = [fragment["meta"]["date"] for fragment in fragments]
    assert dates == sorted(dates, reverse=True)  # page order is the date order, newest first
    seed = next(fragment for fragment in fragments if fragment["url"] == "/" + SEED_URL)
    assert seed["meta"]["title"] == "继续深化集团化办学，快速放大优质教育资源总量"
    expected = {"年份": ["2018"], "类别": ["提案"], "答复单位": ["许昌市教育局"], "办理结果": ["B 类"], "提案人": ["民盟许昌市委"]}
    assert seed["filters"] == expected
    letter, rest = seed["content"].split("\u2029")
    assert "集团化办学" in letter and "许教〔2018〕76号" in rest and "许教〔2018〕76号" not in letter


def test_no_third_party_requests_in_pages(fixture_site: Built) -> None:
    for url in ("", SEED_URL, "years/", "search/"):
        page = soup(fixture_site, url)
        for tag in page.select("script[src], link[href], img[src]"):
            target = str(tag.get("src") or tag.get("href"))
            assert "://" not in target or target.startswith("https://example.org/"), (url, target)
