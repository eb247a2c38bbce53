"""Disclosure rules (公开属性): a 摘要公开 reply is labelled as a summary, a 不予公开 reply is validated but
published nowhere (no page, search entry, feed, sitemap, data or list), and is counted by year and reason."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from replysite.model.settings import Settings
from replysite.published import audit
from tests.sitebuild import FIXTURES, Built, build, make_project

HERE = Path(__file__).parent / "fixtures" / "disclosure"
WITHHELD_URL = "replies/2020/baomi-2020-9/"
SUMMARY_URL = "replies/2021/jiaotong-2021-115/"


@pytest.fixture(scope="module")
def disclosed(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = make_project(tmp_path_factory.mktemp("disclosure"), FIXTURES / "site")
    shutil.copytree(HERE, project / "replies", dirs_exist_ok=True)
    built = build(project)
    assert built.returncode == 0, built.log
    return built


def _written(site: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8-sig") for path in sorted(site.rglob("*"))
                     if path.suffix in {".html", ".xml", ".json", ".csv", ".txt"})


def test_a_withheld_reply_is_published_nowhere(disclosed: Built) -> None:
    assert not (disclosed.site / WITHHELD_URL).exists()
    written = _written(disclosed.site)
    for text in ("baomi-2020-9", "许保〔2020〕9号", "11411000-2020-00999", "关于某涉密事项的建议", "保密代表甲"):
        assert text not in written, text
    data = json.loads((disclosed.site / "data/replies.json").read_text(encoding="utf-8"))
    assert data["withheld"] == [{"year": 2020, "reason": "涉及国家秘密", "count": 1}]
    assert "replies: 7 replies" in disclosed.log and "search index holds 7 replies" in disclosed.log


def test_the_statistics_and_the_open_data_page_count_withheld_replies_by_year_and_reason(disclosed: Built) -> None:
    for url in ("statistics/", "open-data/"):
        page = disclosed.page(url)
        assert '<table class="rs-stats rs-withheld">' in page, url
        assert "<th scope=\"row\">2020 年</th><td>涉及国家秘密</td><td>1</td>" in page, url


def test_a_summary_is_labelled_and_the_index_number_shown(disclosed: Built) -> None:
    page = disclosed.page(SUMMARY_URL)
    assert '<h2 class="rs-letter__title" id="rs-letter-title">复文摘要</h2>' in page
    assert "<dt>索引号</dt><dd>11411000-2021-00015</dd>" in page and "<dd>摘要公开</dd>" in page
    records = json.loads((disclosed.site / "data/replies.json").read_text(encoding="utf-8"))["replies"]
    record = next(item for item in records if item["url"].endswith(SUMMARY_URL))
    assert (record["disclosure"], record["index_number"]) == ("摘要公开", "11411000-2021-00015")


def test_the_audit_catches_a_withheld_reply_that_leaks(disclosed: Built, tmp_path: Path) -> None:
    from replysite.model import library

    source = disclosed.project / "replies"
    replies = library.load_replies(source, Settings(), root=disclosed.project)
    withheld = [reply for reply in replies if reply.disclosure == "不予公开"]
    published = [reply for reply in replies if reply.disclosure != "不予公开"]
    assert audit.audit(disclosed.site, source, published, Settings(), withheld) == []
    site = tmp_path / "site"
    shutil.copytree(disclosed.site, site)
    (site / WITHHELD_URL).mkdir(parents=True)
    (site / WITHHELD_URL / "index.html").write_text("<p>许保〔2020〕9号</p>", encoding="utf-8")
    feed = site / "feeds" / "latest.xml"
    feed.write_text(feed.read_text(encoding="utf-8").replace("</feed>", "<!-- /replies/2020/baomi-2020-9/ --></feed>"), encoding="utf-8")
    problems = audit.audit(site, source, published, Settings(), withheld)
    assert "replies/2020/baomi-2020-9.md: 不予公开，却写出了页面 /replies/2020/baomi-2020-9/" in problems
    assert any("feeds/latest.xml" in problem for problem in problems)
    assert any(f"{WITHHELD_URL}index.html 中（许保〔2020〕9号）" in problem for problem in problems)
