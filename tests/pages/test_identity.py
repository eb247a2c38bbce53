"""The owner's identity (extra.replies.owner) in the header, the footer and the page metadata of every page."""

from __future__ import annotations

import html
import re

import pytest

from replysite.model import settings
from tests.sitebuild import Built

PAGES = ["", "years/2020/", "replies/2018/xujiao-2018-76/", "about/", "statistics/", "staff/"]


def _meta(page: str) -> dict[str, str]:
    return {name: html.unescape(value) for name, value in re.findall(r'<meta name="([A-Za-z]+)" content="([^"]*)">', page)}


@pytest.mark.parametrize("url", PAGES)
def test_every_page_names_the_owner_in_header_and_footer(fixture_site: Built, url: str) -> None:
    page = fixture_site.page(url)
    assert '<p class="rs-topbar__owner">' in page and "<strong>示例市人民政府办公室</strong>" in page
    footer = page[page.index('<section class="rs-owner"') :]
    for text in ("主办单位：", "地址：", "联系电话：", "网站标识码：</span>0000000000"):
        assert text in footer
    assert 'href="https://beian.miit.gov.cn/"' in footer
    assert 'href="https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=00000000000000"' in footer
    assert "Material for MkDocs" not in page and "material/library" not in page
    assert 'rel="icon" href="' in page and "assets/mark.svg" in page


@pytest.mark.parametrize("url", PAGES)
def test_every_page_carries_the_site_metadata(fixture_site: Built, url: str) -> None:
    meta = _meta(fixture_site.page(url))
    assert meta["SiteName"] == "示例市人民政府办公室"
    assert meta["SiteDomain"] == "example.org"
    assert meta["SiteIDCode"] == "0000000000"
    assert meta["ColumnName"] == "建议提案答复公开" and meta["ColumnType"]


def test_a_reply_page_carries_its_article_metadata(fixture_site: Built) -> None:
    meta = _meta(fixture_site.page("replies/2018/xujiao-2018-76/"))
    assert meta["ArticleTitle"] == "关于“继续深化集团化办学，快速放大优质教育资源总量”的答复"
    assert meta["PubDate"] == "2018-12-24"
    assert meta["ContentSource"] == "许昌市教育局"
    assert "民盟许昌市委" in meta["Keywords"] and "许教〔2018〕76号" in meta["Description"]
    assert "ArticleTitle" not in _meta(fixture_site.page("years/2020/"))


def test_absent_owner_keys_are_not_shown() -> None:
    owner = settings.from_mapping({"owner": {"name": "某市人民政府办公室"}}).owner
    assert owner is not None and owner.name == "某市人民政府办公室" and not owner.icp and not owner.badge


@pytest.mark.parametrize(
    ("owner", "phrase"),
    [
        ({"name": "某市", "adress": "人民路"}, "extra.replies.owner.adress 不是本站的设置：是不是 address？"),
        ({"address": "人民路"}, "extra.replies.owner.name 缺少主办单位名称"),
        ("某市人民政府", "extra.replies.owner 应为"),
        ({"name": "某市", "phone": 12345}, "extra.replies.owner.phone 应为一段文字"),
        ({"name": "某市", "badge": "https://example.com/badge.png"}, "extra.replies.owner.badge 应为 docs/ 中图片文件的相对路径"),
        ({"name": "某市", "badge": "../secret.png"}, "extra.replies.owner.badge"),
    ],
)
def test_a_malformed_owner_is_refused_in_chinese(owner: object, phrase: str) -> None:
    with pytest.raises(settings.SettingsError) as caught:
        settings.from_mapping({"owner": owner})
    assert phrase in str(caught.value)


@pytest.mark.parametrize("url", [*PAGES, "proposers/", "agencies/", "results/b/", "open-data/", "search/"])
def test_every_page_has_a_breadcrumb(fixture_site: Built, url: str) -> None:
    crumbs = re.findall(r'<nav class="rs-crumbs" aria-label="当前位置">当前位置：(.*?)</nav>', fixture_site.page(url), re.S)
    assert len(crumbs) == 1 and '<span aria-current="page">' in crumbs[0]


def test_lists_show_agency_kind_and_the_grade_in_words(fixture_site: Built) -> None:
    page = fixture_site.page("years/2021/")
    assert '<span class="rs-entry__agency">' in page and '<span class="rs-entry__kind">人大代表建议</span>' in page
    assert re.search(r'<span class="rs-entry__result">.*?类</span> [^<]+：[^<]+</span>', page)
    assert 'title="所提问题' not in page  # no meaning left to a hover tooltip


def test_the_proposer_index_has_an_initial_letter_bar(fixture_site: Built) -> None:
    page = fixture_site.page("proposers/")
    bar = re.search(r'<nav class="rs-letters" aria-label="按拼音首字母查找">(.*?)</nav>', page, re.S)
    assert bar is not None
    linked = re.findall(r'<a href="([^"]+)" aria-label="首字母 ([A-Z])">', bar.group(1))
    assert linked and all(href.startswith("./#letter-") or "#letter-" in href for href, _ in linked)
    for _, letter in linked:
        assert f'id="letter-{letter}"' in page
