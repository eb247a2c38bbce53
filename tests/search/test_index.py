"""The site's own search index: postings, the files terms are spread over, and the worker that writes them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from replysite.search import postings
from replysite.search.index import LiveIndex, SearchIndexError
from replysite.search.records import PARAGRAPH
from replysite.search.worker import Builder


def test_fnv1a_gives_the_published_test_values() -> None:
    assert postings.fnv1a32("") == 0x811C9DC5
    assert postings.fnv1a32("a") == 0xE40C292C
    assert postings.fnv1a32("foobar") == 0xBF9CF968


@pytest.mark.parametrize("pages", [[0], [3, 4, 90, 91, 999], list(range(0, 1000, 3)), list(range(1000))])
def test_a_posting_gives_back_its_pages_as_gaps_or_as_a_bitmap(pages: list[int]) -> None:
    posting = postings.encode(pages, 1000)
    assert isinstance(posting, str) == (len(pages) * postings.DENSE > 1000)
    assert postings.decode(posting, 1000) == pages


def article(letter: str, rest: str = "") -> str:
    return f'<article><h1>{rest}</h1><div class="rs-reply__body"><p>{letter}</p></div></article>'


def record(url: str, title: str, agency: str = "许昌市教育局") -> dict[str, Any]:
    return {"url": url, "meta": {"title": title, "date": "2018-12-24", "doc_number": "许教〔2018〕76号"},
            "filters": {"答复单位": [agency], "年份": ["2018"]}}


def read(folder: Path, name: str) -> Any:
    return json.loads((folder / name).read_text(encoding="utf-8"))


def term_pages(folder: Path, term: str) -> list[int]:
    meta = read(folder, "meta.json")
    found = read(folder, f"terms/{postings.file_of(term, meta['files'])}.json").get(term)
    return [] if found is None else postings.decode(found, meta["pages"])


def built(folder: Path, order: list[int]) -> Path:
    builder = Builder(folder, 3)
    pages = [("区政府已设立老年食堂。", "对第1号建议的答复", "关于老年食堂的建议"),
             ("市政设施已修缮。", "许昌市城市管理局", "关于市政设施的建议"),
             ("人民政府统筹推进。", "黃小玲", "关于统筹推进的建议")]
    for page in order:
        letter, rest, title = pages[page]
        builder.add(page, record(f"/replies/2018/r{page}/", title, rest), article(letter, rest))
    assert builder.finish() == 3
    return folder


def test_a_titles_term_is_in_the_file_of_its_term() -> None:
    assert all(postings.file_of("^" + term, 97) == postings.file_of(term, 97) for term in ("政府", "老年食堂", "2018"))


def test_each_term_finds_the_pages_that_hold_it(tmp_path: Path) -> None:
    folder = built(tmp_path / "index", [0, 1, 2])
    assert term_pages(folder, "政府") == [0, 2]
    assert term_pages(folder, "市政") == [1]
    assert term_pages(folder, "黄小玲") == [2]  # written 黃小玲: folded
    assert term_pages(folder, "^老年") == [0]  # a title's terms, for ranking
    assert term_pages(folder, "不在") == []
    assert postings.decode(read(folder, "filters.json")["答复单位"]["许昌市城市管理局"], 3) == [1]


def test_a_record_holds_the_letter_then_the_rest_of_the_page(tmp_path: Path) -> None:
    record_0 = read(built(tmp_path / "index", [0, 1, 2]), "pages/0.json")
    assert record_0["content"] == "区政府已设立老年食堂。" + PARAGRAPH + "对第1号建议的答复"
    assert record_0["url"] == "/replies/2018/r0/" and record_0["meta"]["title"] == "关于老年食堂的建议"


def test_the_same_pages_in_any_order_give_the_same_files(tmp_path: Path) -> None:
    first, second = built(tmp_path / "a", [0, 1, 2]), built(tmp_path / "b", [2, 0, 1])
    names = sorted(path.relative_to(first).as_posix() for path in first.rglob("*.json"))
    assert names == sorted(path.relative_to(second).as_posix() for path in second.rglob("*.json"))
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in names)


def test_the_live_index_numbers_pages_by_the_order_it_was_given(tmp_path: Path) -> None:
    urls = [f"/replies/2018/r{number}/" for number in range(3)]
    live = LiveIndex(tmp_path, urls)
    for number in (1, 0, 2):
        live.add(record(urls[number], f"题目{number}"), article(f"第{number}件正文。"))
    assert live.finish() == 3
    folder = tmp_path / "search" / "index"
    assert [read(folder, f"pages/{number}.json")["url"] for number in range(3)] == urls
    assert (tmp_path / "search" / "folding.json").is_file()


def test_a_page_that_is_no_reply_is_refused(tmp_path: Path) -> None:
    live = LiveIndex(tmp_path, ["/replies/2018/a/"])
    with pytest.raises(SearchIndexError, match="不是本站的答复页面"):
        live.add(record("/replies/2018/b/", "题目"), article("正文。"))
    live.close()


def test_a_worker_that_fails_fails_the_build_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "index").write_text("a file where the index goes", encoding="utf-8")  # the worker cannot write there
    live = LiveIndex(tmp_path, ["/replies/2018/a/"])
    with pytest.raises(SearchIndexError, match="生成搜索索引失败"):
        live.add(record("/replies/2018/a/", "题目"), article("正文。"))
        live.finish()
