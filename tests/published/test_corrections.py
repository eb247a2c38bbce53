"""The feeds, the open data and the sitemap of a site with a proposal answered by several replies, one
of them corrected by another (tests/fixtures/threads): the correction is announced and the links recorded."""

from __future__ import annotations

import pytest

from tests.published.outputs import ATOM, xml
from tests.published.test_opendata import data, rows, validator
from tests.sitebuild import FIXTURES, Built, build, make_project

BASE = "https://example.org/"
PROPOSAL = BASE + "proposals/shi-zheng-xie-ba-jie-san-ci-hui-yi-194e44/ti-an-021/"
CORRECTED, CORRECTION = "许市监〔2023〕9号", "许市监〔2023〕12号"


@pytest.fixture(scope="module")
def threads_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build(make_project(tmp_path_factory.mktemp("threads-data"), FIXTURES / "threads"))
    assert built.returncode == 0, built.log
    return built


def test_the_feed_announces_the_correction_and_links_to_what_it_corrects(threads_site: Built) -> None:
    feed = xml(threads_site, "feeds/latest.xml")
    by_id = {entry.findtext(f"{ATOM}id"): entry for entry in feed.findall(f"{ATOM}entry")}
    correction = by_id[BASE + "replies/2023/shijian-2023-12/"]
    assert correction.findtext(f"{ATOM}title") == f"关于加快老旧小区加装电梯的提案（{CORRECTION}，更正 {CORRECTED}）"
    related = correction.find(f"{ATOM}link[@rel='related']")
    assert related is not None and related.get("href") == BASE + "replies/2023/shijian-2023-9/"
    summary = str(correction.findtext(f"{ATOM}summary"))
    assert summary.startswith(f"更正：本件更正（取代）了许昌市市场监督管理局 {CORRECTED}") and "原答复仍予公开" in summary
    assert "更正" in [category.get("term") for category in correction.findall(f"{ATOM}category")]
    corrected = by_id[BASE + "replies/2023/shijian-2023-9/"]
    assert corrected.find(f"{ATOM}link[@rel='related']") is None and "更正" not in str(corrected.findtext(f"{ATOM}title"))


def test_the_open_data_records_the_thread_and_the_correction_both_ways(threads_site: Built) -> None:
    document = data(threads_site)
    assert list(validator(threads_site).iter_errors(document)) == []
    records = {item["doc_number"]: item for item in document["replies"]}
    assert (records[CORRECTION]["supersedes"], records[CORRECTION]["superseded_by"]) == (CORRECTED, [])
    assert (records[CORRECTED]["supersedes"], records[CORRECTED]["superseded_by"]) == (None, [CORRECTION])
    thread = ("许建〔2023〕45号", "许自然资〔2023〕18号", CORRECTED, CORRECTION)
    assert {number: records[number]["proposal_url"] for number in thread} == dict.fromkeys(thread, PROPOSAL)
    assert (records["许教〔2022〕30号"]["proposal_url"], records["许教〔2022〕30号"]["satisfaction"]) == (None, "不满意")
    assert [records[number]["role"] for number in thread] == ["主办", "协办", "协办", "协办"]
    table = {row["doc_number"]: row for row in rows(threads_site)}
    assert (table[CORRECTED]["superseded_by"], table[CORRECTED]["proposal_url"]) == (CORRECTION, PROPOSAL)
    assert (table["许教〔2022〕30号"]["superseded_by"], table["许教〔2022〕30号"]["proposal_url"]) == ("", "")
