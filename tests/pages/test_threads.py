"""One proposal, one thread: a proposal answered by a 主办 and two 协办 units (one of them corrected),
built from tests/fixtures/threads, read as a browser would."""

from __future__ import annotations

import pytest
from bs4 import Tag

from tests.pages import article, resolve, search_fragments
from tests.sitebuild import FIXTURES, Built, build, make_project

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
