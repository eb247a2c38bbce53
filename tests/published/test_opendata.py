"""Open data: data/replies.json (valid against its published schema), data/replies.csv, the footer links
and the open-data page, checked on built sites with real parsers."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator

from replysite.model.settings import Settings
from replysite.published import opendata
from replysite.published.publication import PublicationError, Site
from tests.published.outputs import hostile_site, linked, replies_of, site_url, target
from tests.sitebuild import ROOT, Built

HOSTILE_URL = "https://example.org/replies/2020/hostile-values/"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return hostile_site(tmp_path_factory)


def data(built: Built) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((built.site / "data" / "replies.json").read_text(encoding="utf-8"))
    return loaded


def rows(built: Built) -> list[dict[str, str]]:
    raw = (built.site / "data" / "replies.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV must start with a UTF-8 byte-order mark for Excel"
    return list(csv.DictReader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def validator(built: Built) -> Draft202012Validator:
    schema = json.loads((built.site / "data" / "replies.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("which", ["fixture", "hostile"])
def test_the_json_follows_its_published_schema(which: str, fixture_site: Built, hostile: Built) -> None:
    built = fixture_site if which == "fixture" else hostile
    document = data(built)
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator(built).iter_errors(document)]
    assert errors == []
    assert document["$schema"] == site_url(built) + "data/replies.schema.json"


def test_the_json_lists_exactly_the_replies_newest_first(fixture_site: Built) -> None:
    document = data(fixture_site)
    expected = replies_of(fixture_site)
    assert [item["url"] for item in document["replies"]] == [site_url(fixture_site) + reply.url for reply in expected]
    assert document["count"] == len(expected) == 6
    assert document["updated"] == expected[0].date.isoformat()
    for item in document["replies"]:
        assert target(fixture_site, item["url"]).is_file(), item["url"]


def test_a_record_holds_the_reply_metadata(fixture_site: Built) -> None:
    seed = next(item for item in data(fixture_site)["replies"] if item["doc_number"] == "许教〔2018〕76号")
    body = seed.pop("body")
    assert body.startswith("民盟许昌市委：\n\n您提出的关于") and "<" not in body and "**" not in body
    assert "许昌市十二中教育集团，实施大学区制" in body
    assert seed == {
        "url": "https://example.org/replies/2018/xujiao-2018-76/",
        "source": "replies/2018/xujiao-2018-76.md",
        "title": "继续深化集团化办学，快速放大优质教育资源总量",
        "doc_number": "许教〔2018〕76号",
        "agency": "许昌市教育局",
        "signer": "杨钧安",
        "result": "B",
        "result_label": "正在解决或已列入计划",
        "kind": "提案",
        "meeting": "市政协七届二次会议",
        "number": "004",
        "proposal_url": None,  # answered by this reply alone: no proposal page
        "proposers": ["民盟许昌市委"],
        "date": "2018-12-24",
        "year": 2018,
        "contact": {"unit": "基础教育科", "person": "李瑛", "phone": "0374-2699897"},
        "cc": ["市政协提案委（3份）", "市政府督查室（2份）"],
        "scan": None,
        "disclosure": "全文公开",
        "index_number": None,
        "role": None,
        "satisfaction": None,
        "supersedes": None,
        "superseded_by": [],
    }


def test_the_csv_has_one_row_a_reply_with_the_json_values(fixture_site: Built) -> None:
    records = data(fixture_site)["replies"]
    table = rows(fixture_site)
    assert list(table[0]) == opendata.csv_columns(Settings())
    assert "body" not in table[0] and all(len(value) < 1000 for row in table for value in row.values())  # metadata only
    assert [row["url"] for row in table] == [item["url"] for item in records]
    for row, item in zip(table, records, strict=True):
        assert row["proposers"].split("、") == item["proposers"]
        assert row["number"] == item["number"]
        assert row["contact_phone"] == ((item["contact"] or {}).get("phone") or "")
        assert row["signer"] == (item["signer"] or "")


def test_hostile_values_come_back_intact_from_the_json(hostile: Built) -> None:
    item = next(item for item in data(hostile)["replies"] if item["url"] == HOSTILE_URL)
    assert item["title"] == "=HYPERLINK(\"https://evil.example/\",\"点我\") <script>alert('title')</script> & \"引号\" ]]> 标题"
    assert item["doc_number"] == "许&<i>\"'〔2020〕7号"
    assert item["agency"] == "市&局</name></author><script>alert('agency')</script>"
    assert item["proposers"] == ["<img src=x onerror=alert('proposer')>", "张三,李四;\"王五\"", "+86 代表"]
    assert item["contact"] == {"unit": "\"><svg onload=alert('unit')>", "person": "O'Brien & Co", "phone": "=1+1"}
    assert item["cc"] == ["</entry><entry><title>伪造</title>", "抄送\t单位"]
    assert item["scan"] == "https://example.org/replies/2020/hostile-values.pdf"
    assert target(hostile, item["scan"]).read_bytes().startswith(b"%PDF-")


def test_hostile_values_stay_in_their_cells_and_never_start_a_formula(hostile: Built) -> None:
    row = next(row for row in rows(hostile) if row["url"] == HOSTILE_URL)
    item = next(item for item in data(hostile)["replies"] if item["url"] == HOSTILE_URL)
    assert row["title"] == "'" + item["title"]
    assert row["signer"] == "'@SUM(1+1)"
    assert row["meeting"] == "'-2+3 ]]><![CDATA[ 市人大"
    assert row["contact_phone"] == "'=1+1"
    assert row["agency"] == item["agency"]
    assert row["doc_number"] == item["doc_number"]
    assert row["proposers"] == "、".join(item["proposers"])
    assert row["cc"] == "、".join(item["cc"])
    assert row["contact_unit"] == item["contact"]["unit"]


@pytest.mark.parametrize("url", [None, "", "example.org/", "/replies/", "https://example.org/?x=1"])
def test_feeds_and_data_need_an_absolute_site_url(url: str | None) -> None:
    with pytest.raises(PublicationError, match="site_url"):
        Site.from_config(url, "站")


def test_a_site_url_without_its_last_slash_still_works() -> None:
    site = Site.from_config("https://example.org/replies", "站")
    assert (site.url, site.base_path, site.absolute("data/replies.json")) == (
        "https://example.org/replies/", "/replies/", "https://example.org/replies/data/replies.json")


def test_every_field_and_column_is_documented_on_the_open_data_page() -> None:
    page = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", page))
    names = {field.name for field in opendata.columns(Settings())} | set(opendata.csv_columns(Settings()))
    assert names - documented == set()


def test_the_open_data_page_is_built_and_in_the_navigation(fixture_site: Built) -> None:
    heading = BeautifulSoup(fixture_site.page("open-data/"), "html.parser").select_one("article h1")
    assert heading is not None and heading.get_text(strip=True) == "开放数据"
    nav_links = {str(link["href"]) for link in BeautifulSoup(fixture_site.page(""), "html.parser").select("nav.md-nav a")}
    assert "open-data/" in nav_links


def test_every_page_links_the_open_data_from_its_footer(fixture_site: Built) -> None:
    wanted = {"open-data/", "data/replies.json", "data/replies.csv", "feeds/latest.xml"}
    pages = sorted(path for path in fixture_site.site.rglob("index.html"))
    assert len(pages) > 20
    for path in pages:
        here = path.parent.relative_to(fixture_site.site).as_posix()
        here = "" if here == "." else here + "/"
        footer = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("footer .rs-opendata")
        assert footer is not None, here
        files = {linked(fixture_site, here, str(link["href"])) for link in footer.find_all("a")}
        assert {target(fixture_site, site_url(fixture_site) + path) for path in wanted} <= files, here
        assert all(file is None or file.is_file() for file in files), here
