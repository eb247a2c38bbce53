"""Every reply file becomes exactly one page and is listed wherever it belongs, build after build."""

from __future__ import annotations

import shutil
from pathlib import Path

from replysite.model import library, settings
from replysite.published import audit
from tests.pages import list_entries, search_fragments
from tests.sitebuild import FIXTURES, Built, build, make_project


def reply_pages(built: Built) -> set[str]:
    return {path.parent.relative_to(built.site).as_posix() + "/" for path in (built.site / "replies").glob("*/*/index.html")}


def expected_pages(project: Path) -> set[str]:
    return {f"replies/{path.parent.name}/{path.stem}/" for path in (project / "replies").rglob("*.md")}


def test_site_follows_deletes_renames_and_additions(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "site")
    first = build(project)
    assert first.returncode == 0, first.log
    assert reply_pages(first) == expected_pages(project)

    replies = project / "replies"
    (replies / "2020" / "jiaotong-2020-40.md").unlink()
    (replies / "2021" / "jiaoyu-2021-33.md").rename(replies / "2021" / "kehou-fuwu.md")
    shutil.copy(FIXTURES / "accepted" / "2018" / "utf8-bom.md", replies / "2018" / "gongnuan.md")
    second = build(project)
    assert second.returncode == 0, second.log

    pages = reply_pages(second)
    assert pages == expected_pages(project)
    assert "replies/2020/jiaotong-2020-40/" not in pages and "replies/2021/jiaoyu-2021-33/" not in pages
    assert {"replies/2021/kehou-fuwu/", "replies/2018/gongnuan/"} <= pages
    assert {fragment["url"].strip("/") + "/" for fragment in search_fragments(second)} == pages
    assert [url for _, url in list_entries(second, "years/2020/")] == ["replies/2020/weijian-2020-8/"]
    assert "replies/2018/gongnuan/" in [url for _, url in list_entries(second, "years/2018/")]
    assert "replies/2021/kehou-fuwu/" in [url for _, url in list_entries(second, "results/b/")]


def test_audit_reports_a_reply_missing_from_a_list(fixture_site: Built) -> None:
    replies = library.load_replies(fixture_site.project / "replies", settings.Settings(), root=fixture_site.project)
    source = fixture_site.project / "replies"
    assert audit.audit(fixture_site.site, source, replies, settings.Settings()) == []

    tampered = fixture_site.project / "tampered"
    shutil.copytree(fixture_site.site, tampered)
    page = tampered / "years" / "2019" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace('class="rs-entry__title"', 'class="other"'), encoding="utf-8")
    shutil.rmtree(tampered / "replies" / "2020" / "weijian-2020-8")
    problems = audit.audit(tampered, source, replies, settings.Settings())
    assert "/years/2019/ 的列表中缺少 /replies/2019/jiaoyu-2019-12/" in problems
    assert "replies/2020/weijian-2020-8.md: 页面 /replies/2020/weijian-2020-8/ 没有写出" in problems


def test_pagination_keeps_every_reply(tmp_path: Path) -> None:
    project = make_project(tmp_path, FIXTURES / "site", extra={"per_page": 2})
    built = build(project)
    assert built.returncode == 0, built.log
    seen = [url for page in ("results/b/", "results/b/page/2/") for _, url in list_entries(built, page)]
    assert sorted(seen) == sorted(["replies/2021/jiaoyu-2021-33/", "replies/2019/jiaoyu-2019-12/", "replies/2018/xujiao-2018-76/"])
    assert seen[0] == "replies/2021/jiaoyu-2021-33/"  # newest first across pages


def test_dirty_build_is_refused_as_it_would_publish_a_deleted_reply(tmp_path: Path) -> None:
    """`--dirty` keeps the last build's files: a preview (`mkdocs serve --dirty`, tests/test_serve.py), never a publication."""
    project = make_project(tmp_path, FIXTURES / "site")
    assert build(project).returncode == 0
    (project / "replies" / "2020" / "weijian-2020-8.md").unlink()
    dirty = build(project, "--dirty", strict=False)
    assert dirty.returncode != 0
    assert "mkdocs build --dirty 只用于预览" in dirty.log and "mkdocs serve --dirty" in dirty.log
    assert (project / "site" / "replies" / "2020" / "weijian-2020-8" / "index.html").is_file()  # nothing was written


def test_reloading_sees_an_edited_file(tmp_path: Path) -> None:
    folder = tmp_path / "replies"
    shutil.copytree(FIXTURES / "site", folder)
    memo = library.Memo()
    first = library.load_replies(folder, settings.Settings(), root=tmp_path, memo=memo)
    path = folder / "2019" / "jiaoyu-2019-12.md"
    path.write_text(path.read_text(encoding="utf-8").replace("result: B", "result: A"), encoding="utf-8")
    second = library.load_replies(folder, settings.Settings(), root=tmp_path, memo=memo)
    changed = {reply.path: reply.result for reply in second if reply not in first}
    assert changed == {"replies/2019/jiaoyu-2019-12.md": "A"}
