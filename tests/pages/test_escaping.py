"""Hostile values in every field and in the body build a site in which nothing runs or breaks markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.pages import article, search_fragments
from tests.sitebuild import FIXTURES, Built, build, make_project

URL = "replies/2020/hostile/"
TITLE = "<script>alert('title')</script> & \"引号\" 标题"
MARKERS = ("title", "agency", "meeting", "proposer", "unit", "phone", "cc", "body", "img", "md-link", "html-link", "div", "style", "cell")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = build(make_project(tmp_path_factory.mktemp("hostile"), FIXTURES / "escaping"))
    assert built.returncode == 0, built.log
    return built


def html_files(built: Built) -> list[Path]:
    return sorted(built.site.rglob("*.html"))


def test_no_injected_script_handler_or_javascript_url_anywhere(hostile_site: Built) -> None:
    for path in html_files(hostile_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script"):
            assert "alert(" not in script.get_text(), path
        for tag in page.find_all(True):
            for name, value in tag.attrs.items():
                assert not name.lower().startswith("on"), (path, tag.name, name)
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert "javascript:" not in text.lower() or name == "content", (path, tag.name, name, text)
        assert page.find("iframe") is None, path


def test_values_show_as_text_where_they_land(hostile_site: Built) -> None:
    page = BeautifulSoup(hostile_site.page(URL), "html.parser")
    assert page.title is not None
    assert page.title.get_text() == f"{TITLE}（许<i>教〔2020〕1号） - 建议提案答复公开"
    content = article(hostile_site, URL)
    subject = content.select_one(".rs-reply__title")
    assert subject is not None and subject.get_text() == TITLE
    panels = content.select(".rs-summary, .rs-meta")
    assert len(panels) == 2
    text = "".join(panel.get_text() for panel in panels)
    shown = ("市&局</title><script>alert('agency')</script>", "<img src=x onerror=alert('proposer')>", "张三&李四", "O'Brien")
    for value in (*shown, "\"><svg onload=alert('unit')>"):
        assert value in text
    assert content.select_one(".rs-reply__body table") is not None  # ordinary formatting survives
    assert content.select_one(".rs-reply__body strong") is not None
    link = content.select_one('.rs-reply__body a[href="https://www.gov.cn/"]')
    assert link is not None and link.get("rel") == ["noopener", "noreferrer"]


def test_index_pages_and_header_show_values_as_text(hostile_site: Built) -> None:
    for url in ("", "years/2020/", "results/a/", "proposers/", "agencies/"):
        text = BeautifulSoup(hostile_site.page(url), "html.parser").get_text()
        assert "alert(" not in text or "<" in text  # only ever present as visible text
    names = [a.get_text() for a in article(hostile_site, "proposers/").select("tbody a")]
    assert "<img src=x onerror=alert('proposer')>" in names
    topic = BeautifulSoup(hostile_site.page(URL), "html.parser").select_one("[data-md-component=header-topic]")
    assert topic is not None and TITLE in topic.get_text()


def test_search_index_keeps_values_as_data(hostile_site: Built) -> None:
    hostile = next(fragment for fragment in search_fragments(hostile_site) if fragment["url"] == f"/{URL}")
    assert hostile["meta"]["title"] == TITLE
    assert "<img src=x onerror=alert('proposer')>" in hostile["filters"]["提案人"]
    assert "alert('body')" not in hostile["content"]


def test_body_cannot_steer_the_theme(hostile_site: Built) -> None:
    """A body id `__config` once came before the theme's own settings, which Material then read."""
    page = BeautifulSoup(hostile_site.page(URL), "html.parser")
    configs = page.select('[id="__config"]')
    assert [tag.name for tag in configs] == ["script"]  # the theme's own, and only it
    assert "other.example" not in configs[0].get_text() and "navigation.instant" not in configs[0].get_text()
    body = page.select_one(".rs-reply__body")
    assert body is not None
    ids = [str(tag["id"]) for tag in body.select("[id]")]
    assert ids and all(value.startswith("letter-") for value in ids), ids
    classes = {name for tag in body.select("[class]") for name in tag.get("class") or []}
    assert classes <= {"footnote", "footnote-ref", "footnote-backref"}, classes
    assert body.select("[data-md-component]") == []
    anchors = [str(link["href"])[1:] for link in page.select('a[href^="#"]') if link["href"] != "#"]
    missing = [anchor for anchor in anchors if not page.select(f'[id="{anchor}"]')]
    assert missing == [], missing  # footnotes, the link to one, and the page's contents still lead somewhere
    assert any(anchor.startswith("letter-fn") for anchor in anchors)
    assert any(link.get_text(strip=True) == "__drawer" for link in page.select(".md-nav--secondary a"))


PROPOSAL = "proposals/bonmouseover-alert-meeting-shi-zheng-xie-b-7ca5f8/ti-an-001/"
CO_HANDLED = "replies/2020/hostile-cohandled/"


def test_a_thread_of_hostile_replies_shows_its_values_as_text(hostile_site: Built) -> None:
    page = article(hostile_site, PROPOSAL)
    assert [h1.get_text() for h1 in page.select("h1")] == [TITLE]
    assert "<b onmouseover=alert('meeting')>市政协</b>" in page.get_text() and page.select("b[onmouseover]") == []
    agencies = [section.select_one("h2") for section in page.select("section.rs-proposal__reply")]
    assert [tag.get_text() if tag else None for tag in agencies] == ["协办</h2><script>alert('co-agency')</script>（协办）",
                                                                     "市&局</title><script>alert('agency')</script>"]
    reply_page = article(hostile_site, CO_HANDLED)
    nav = reply_page.select_one("nav.rs-thread")
    assert nav is not None and "市&局</title><script>alert('agency')</script>" in nav.get_text()
    notice = reply_page.select_one(".rs-notice--supersedes")
    assert notice is not None and "许<i>教〔2020〕1号" in notice.get_text() and notice.select("i") == []
    hostile = next(fragment for fragment in search_fragments(hostile_site) if fragment["url"] == f"/{CO_HANDLED}")
    assert (hostile["meta"]["proposal"], hostile["meta"]["role"]) == (PROPOSAL, "协办")


def test_letters_on_the_proposal_page_keep_apart_and_cannot_steer_the_theme(hostile_site: Built) -> None:
    page = BeautifulSoup(hostile_site.page(PROPOSAL), "html.parser")
    assert [tag.name for tag in page.select('[id="__config"]')] == ["script"]
    bodies = page.select(".rs-reply__body")
    assert len(bodies) == 2
    ids = [str(tag["id"]) for body in bodies for tag in body.select("[id]")]
    assert len(ids) == len(set(ids)) and all(value.startswith(("letter-1-", "letter-2-")) for value in ids), ids
    anchors = [str(link["href"])[1:] for body in bodies for link in body.select('a[href^="#"]')]
    assert anchors and all(page.select(f'[id="{anchor}"]') for anchor in anchors)
    assert "alert('co-body')" not in str(page) and "alert('body')" not in "".join(str(body) for body in bodies)
