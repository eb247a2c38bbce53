"""One proposal, one thread: a proposal answered by a 主办 and two 协办 units (one of them corrected),
built from tests/fixtures/threads, read as a browser would."""

from __future__ import annotations

import dataclasses
import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import Tag

from replysite import unchanged
from replysite.model import library
from replysite.model.reply import Reply
from replysite.model.settings import Settings
from replysite.model.threads import ProposalKey
from replysite.pages.catalogue import catalogue_of
from tests.pages import article, resolve, search_fragments
from tests.sitebuild import FIXTURES, ROOT, Built, build, make_project
from tests.test_serve import free_port, wait_for

PROPOSAL = "proposals/shi-zheng-xie-ba-jie-san-ci-hui-yi-194e44/ti-an-021/"
LEAD = "replies/2023/zhujian-2023-45/"
ZIRAN = "replies/2023/ziran-2023-18/"
CORRECTED = "replies/2023/shijian-2023-9/"
CORRECTION = "replies/2023/shijian-2023-12/"
THREAD = (LEAD, ZIRAN, CORRECTED, CORRECTION)  # lead first, then 协办 by date
SINGLE = "replies/2022/jiaoyu-2022-30/"


@pytest.fixture(scope="module")
def threads_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build(make_project(tmp_path_factory.mktemp("threads"), FIXTURES / "threads"))
    assert built.returncode == 0, built.log
    return built


def panel(page: Tag) -> dict[str, str]:
    """The 答复要点 panel of a reply page, as term -> text."""
    pairs = zip(page.select(".rs-summary dt"), page.select(".rs-summary dd"), strict=True)
    return {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in pairs}


def one(page: Tag, selector: str) -> Tag:
    found = page.select(selector)
    assert len(found) == 1, (selector, found)
    return found[0]


def test_a_reply_page_names_its_role_and_the_proposers_rating(threads_site: Built) -> None:
    lead = panel(article(threads_site, LEAD))
    assert (lead["办理方式"], lead["提案人评价"]) == ("主办", "满意")
    assert (panel(article(threads_site, CORRECTED))["办理方式"], "提案人评价" in panel(article(threads_site, CORRECTED))) == ("协办", False)
    single = panel(article(threads_site, SINGLE))
    assert "办理方式" not in single and single["代表评价"] == "不满意"


def test_each_reply_page_links_to_the_proposal_page_and_to_every_other_reply(threads_site: Built) -> None:
    for url in THREAD:
        nav = one(article(threads_site, url), 'nav.rs-thread[aria-label="同一提案的全部答复"]')
        assert resolve(url, str(one(nav, "a.rs-thread__proposal")["href"])) == PROPOSAL
        others = [(resolve(url, str(link["href"])), link.get_text(strip=True)) for link in nav.select("a.rs-thread__reply")]
        assert [target for target, _ in others] == [item for item in THREAD if item != url]
        assert ("replies/2023/zhujian-2023-45/", "许昌市住房和城乡建设局（主办）") in others or url == LEAD
    assert article(threads_site, SINGLE).select("nav.rs-thread") == []  # a single reply is its proposal's whole thread


def test_a_superseded_reply_says_so_at_the_top_and_links_to_its_correction(threads_site: Built) -> None:
    page = article(threads_site, CORRECTED)
    notice = one(page, 'p.rs-notice.rs-notice--superseded[role="note"]')
    assert notice is page.select_one("article.rs-reply > *")  # the first thing the reader sees
    assert resolve(CORRECTED, str(one(notice, "a")["href"])) == CORRECTION
    assert "许市监〔2023〕12号" in notice.get_text() and "请以更正后的答复为准" in notice.get_text()
    correction = article(threads_site, CORRECTION)
    assert correction.select(".rs-notice--superseded") == []
    says = one(correction, ".rs-notice--supersedes")
    assert says.get_text(" ", strip=True).startswith("本件更正（取代）了")
    assert resolve(CORRECTION, str(one(says, "a")["href"])) == CORRECTED


def test_the_search_index_knows_each_replys_proposal_thread_size_and_role(threads_site: Built) -> None:
    meta = {fragment["url"].strip("/") + "/": fragment["meta"] for fragment in search_fragments(threads_site)}
    for url in THREAD:
        assert (meta[url]["proposal"], meta[url]["proposal_replies"]) == (PROPOSAL, "4")
    assert [meta[url]["role"] for url in THREAD] == ["主办", "协办", "协办", "协办"]
    assert (meta[SINGLE]["proposal"], meta[SINGLE]["proposal_replies"], meta[SINGLE]["role"]) == ("", "1", "")


def reply_sections(page: Tag) -> list[Tag]:
    return page.select("section.rs-proposal__reply")


def section_panel(section: Tag) -> dict[str, str]:
    pairs = zip(section.select("dl dt"), section.select("dl dd"), strict=True)
    return {dt.get_text(strip=True): dd.get_text(" ", strip=True) for dt, dd in pairs}


def test_the_proposal_page_shows_what_was_asked_once_then_every_reply_lead_first(threads_site: Built) -> None:
    page = article(threads_site, PROPOSAL)
    assert [h1.get_text(strip=True) for h1 in page.select("h1")] == ["关于加快老旧小区加装电梯的提案"]
    summary = panel(page)
    assert (summary["提案人"], summary["会议届次"], summary["提案号"]) == ("九三学社许昌市委 、 陈思远", "市政协八届三次会议", "第021号")
    proposer_links = [resolve(PROPOSAL, str(link["href"])) for link in page.select('a[href*="proposers/"]')]
    assert len(proposer_links) == 2  # once, not once a reply
    sections = reply_sections(page)
    assert [resolve(PROPOSAL, str(one(section, "a.rs-proposal__page")["href"])) for section in sections] == list(THREAD)
    rows = [section_panel(section) for section in sections]
    assert [(row["办理方式"], row["办理结果"][:3], row["印发日期"], row.get("提案人评价")) for row in rows] == [
        ("主办", "A 类", "2023年7月10日", "满意"),
        ("协办", "B 类", "2023年6月28日", "基本满意"),
        ("协办", "B 类", "2023年6月30日", None),
        ("协办", "B 类", "2023年7月5日", None),
    ]
    headings = [one(section, "h2").get_text(strip=True) for section in sections]
    assert headings[:2] == ["许昌市住房和城乡建设局（主办）", "许昌市自然资源和规划局（协办）"]
    bodies = [one(section, ".rs-reply__body").get_text() for section in sections]
    assert "一百二十部" in bodies[0] and "联合审批" in bodies[1] and "五个工作日" in bodies[2] and "三个工作日" in bodies[3]
    assert [row["文号"] for row in rows] == ["许建〔2023〕45号", "许自然资〔2023〕18号", "许市监〔2023〕9号", "许市监〔2023〕12号"]


def test_the_proposal_page_marks_the_corrected_reply(threads_site: Built) -> None:
    sections = reply_sections(article(threads_site, PROPOSAL))
    notice = one(sections[2], ".rs-notice--superseded")
    assert resolve(PROPOSAL, str(one(notice, "a")["href"])) == CORRECTION
    assert resolve(PROPOSAL, str(one(sections[3], ".rs-notice--supersedes a")["href"])) == CORRECTED
    assert [section.select(".rs-notice--superseded") != [] for section in sections] == [False, False, True, False]


def test_the_proposal_page_sits_under_the_overview_and_home(threads_site: Built) -> None:
    page = article(threads_site, PROPOSAL)
    crumbs = [resolve(PROPOSAL, str(link["href"])) for link in one(page, "nav.rs-crumbs").select("a")]
    assert crumbs == ["", "proposals/"]
    entries = article(threads_site, "proposals/").select(".rs-entry__title")
    listed = [(link.get_text(strip=True), resolve("proposals/", str(link["href"]))) for link in entries]
    assert listed == [("关于加快老旧小区加装电梯的提案", PROPOSAL)]  # the single 建议 has no page of its own
    found = threads_site.site.glob("proposals/*/*/index.html")
    pages = sorted(path.parent.relative_to(threads_site.site).as_posix() + "/" for path in found)
    assert pages == [PROPOSAL]
    home = article(threads_site, "")
    assert "proposals/" in [resolve("", str(link["href"])) for link in home.select(".rs-facets a")]


def test_the_proposal_url_comes_from_meeting_kind_and_number_alone() -> None:
    replies = library.load_replies(FIXTURES / "threads", Settings(), root=FIXTURES, today=datetime.date(2026, 1, 1))
    whole = catalogue_of(replies, Settings())
    lead_and_one = catalogue_of([reply for reply in replies if reply.url in (LEAD, ZIRAN)], Settings())
    assert [thread.page_url for thread in whole.threads if thread.has_page] == [PROPOSAL]
    assert [thread.page_url for thread in lead_and_one.threads] == [PROPOSAL]  # before the other replies came
    assert ProposalKey("市政协八届三次会议", "提案", "021").url == PROPOSAL


def test_proposal_pages_are_in_the_sitemap_not_in_the_search_index(threads_site: Built) -> None:
    sitemap = (threads_site.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>https://example.org/{PROPOSAL}</loc>" in sitemap and "<loc>https://example.org/proposals/</loc>" in sitemap
    assert all(fragment["url"].startswith("/replies/") for fragment in search_fragments(threads_site))


def test_a_sibling_page_is_drawn_again_when_its_thread_changes() -> None:
    replies = library.load_replies(FIXTURES / "threads", Settings(), root=FIXTURES, today=datetime.date(2026, 1, 1))

    def prints(items: list[Reply]) -> dict[str, int]:
        catalogue = catalogue_of(items, Settings())
        return {reply.url: unchanged.reply_fingerprint(catalogue.links_of(reply)) for reply in catalogue.replies}

    before = prints(replies)
    renamed = [dataclasses.replace(reply, agency="许昌市规划局") if reply.url == ZIRAN else reply for reply in replies]
    after = prints(renamed)
    assert {url for url in before if before[url] != after[url]} == set(THREAD)  # the thread's pages, no other
    last = unchanged.LastBuild()
    last.remember("site", before)
    assert last.changed("site", after) == set(THREAD)
    assert last.changed("site", {**after, "replies/2024/new/": 1}) == set(THREAD)  # a new page: drawn for its own file
    assert last.changed("elsewhere", after) == set()


def test_a_dirty_preview_redraws_the_siblings_of_an_edited_reply(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "threads")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert wait_for(base + LEAD, "许昌市自然资源和规划局（协办）", 60), "mkdocs serve did not come up"
        edited = project / "replies" / "2023" / "ziran-2023-18.md"
        text = edited.read_text(encoding="utf-8")
        edited.write_text(text.replace("agency: 许昌市自然资源和规划局", "agency: 许昌市规划局"), encoding="utf-8")
        assert wait_for(base + ZIRAN, "许昌市规划局", 30), "the edited reply never showed up"
        assert wait_for(base + LEAD, "许昌市规划局（协办）", 20), "its sibling's page still names the old agency"
        assert wait_for(base + PROPOSAL, "许昌市规划局", 20), "its proposal page was not redrawn"
    finally:
        server.terminate()
        server.wait(timeout=20)
