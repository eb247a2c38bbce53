"""Merging the search index's parts: the bundle is the one a single Pagefind run over every page writes."""

from __future__ import annotations

import datetime
import gzip
import json
import random
from pathlib import Path

import pytest

from replysite.search import bundle as searchbundle
from replysite.search import merge as searchmerge
from replysite.search.parts import Shard
from replysite.search.service import LiveIndex
from scripts.measures import synthetic

PAGES = 60  # enough words for several index files, and words in every part
NEWEST = datetime.date(2024, 12, 31)


def article(number: int) -> str:
    """A reply article as the site writes it, page `number` counting from the newest."""
    rng = random.Random(number)
    day = NEWEST - datetime.timedelta(days=3 * number)
    text = synthetic.body(rng, "张委员：", "集团化办学", "提案", length=1500)
    return (
        f'<article data-pagefind-body data-pagefind-sort="date:{day.isoformat()}" data-pagefind-meta="date:{day.isoformat()}" '
        f'data-pagefind-filter="年份:{day.year}"><h1 data-pagefind-meta="title">答复第{number}号</h1>'
        f'<p data-pagefind-filter="办理结果">{"ABC"[number % 3]} 类</p><p>{text}</p></article>'
    )


def urls(count: int) -> list[str]:
    return [f"/replies/r{number}/" for number in range(count)]


def index(site: Path, parts: list[list[str]]) -> Path:
    """Index the pages, newest first, in `parts`; return the written bundle, in a stable order."""
    live = LiveIndex(site, [Shard(str(number + 1), tuple(url.strip("/") + "/" for url in part)) for number, part in enumerate(parts)])
    for number, url in enumerate(url for part in parts for url in part):
        live.add(url, article(number))
    assert live.finish() == sum(map(len, parts))
    searchbundle.stabilise(live.bundle)
    return live.bundle


def contents(bundle: Path) -> dict[str, bytes]:
    """Every file of a bundle by its path, Pagefind's files unzipped (the merge zips them its own way)."""
    files = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            files[str(path.relative_to(bundle))] = gzip.decompress(data) if path.suffix.startswith(".pf_") else data
    return files


def test_parts_merge_into_the_bundle_one_run_writes(tmp_path: Path) -> None:
    pages = urls(PAGES)
    merged = index(tmp_path / "parts", [pages[:25], pages[25:45], pages[45:]])
    single = index(tmp_path / "one", [pages])
    assert contents(merged) == contents(single)
    meta = searchbundle.read_file(next(merged.glob("pagefind.*.pf_meta")))
    assert len(meta[searchbundle.CHUNKS]) > 3  # several index files, each word's pages from every part
    assert len(meta[searchbundle.PAGES]) == PAGES


def test_a_record_name_taken_in_another_part_gets_a_longer_one(tmp_path: Path) -> None:
    pages = urls(4)
    older = index(tmp_path / "older", [pages[2:]])
    newer = index(tmp_path / "newer", [pages[:2]])
    taken = _rename_first_record(older, like=newer)
    assert searchmerge.merge([newer, older], tmp_path / "merged") == 4
    meta = searchbundle.read_file(next((tmp_path / "merged").glob("pagefind.*.pf_meta")))
    names = [name for name, _ in meta[searchbundle.PAGES]]
    assert names[0] == taken and names[2] != taken and len(set(names)) == 4
    for name, url in zip(names, pages, strict=True):  # each page still points at its own record
        record = json.loads(gzip.decompress((tmp_path / "merged" / "fragment" / f"{name}.pf_fragment").read_bytes())[12:])
        assert record["url"] == url


def test_an_index_file_in_an_unknown_format_stops_the_merge(tmp_path: Path) -> None:
    pages = urls(4)
    older, newer = index(tmp_path / "older", [pages[2:]]), index(tmp_path / "newer", [pages[:2]])
    chunk = next((older / "index").iterdir())
    words = searchbundle.read_file(chunk)
    words[0][0][2] = ["something new"]  # a field Pagefind 1.5 leaves empty
    searchbundle.write_file(chunk, searchbundle.encode(words))
    with pytest.raises(searchbundle.BundleFormatError, match=chunk.name):
        searchmerge.merge([newer, older], tmp_path / "merged")


def test_a_cut_off_index_file_stops_the_merge_and_names_the_file(tmp_path: Path) -> None:
    pages = urls(4)
    older, newer = index(tmp_path / "older", [pages[2:]]), index(tmp_path / "newer", [pages[:2]])
    chunk = next((newer / "index").iterdir())
    chunk.write_bytes(chunk.read_bytes()[:-20])
    with pytest.raises(searchbundle.BundleFormatError, match=f"{chunk.name}：文件不完整"):
        searchmerge.merge([newer, older], tmp_path / "merged")


def _rename_first_record(bundle: Path, like: Path) -> str:
    """Give `bundle`'s first page record the name of `like`'s first; return that name."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_file = bundle / f"pagefind.{entry['languages']['zh']['hash']}.pf_meta"
    meta = searchbundle.read_file(meta_file)
    other = searchbundle.read_file(next(like.glob("pagefind.*.pf_meta")))
    taken, own = other[searchbundle.PAGES][0][0], meta[searchbundle.PAGES][0][0]
    (bundle / "fragment" / f"{own}.pf_fragment").rename(bundle / "fragment" / f"{taken}.pf_fragment")
    meta[searchbundle.PAGES][0][0] = taken
    searchbundle.write_file(meta_file, searchbundle.encode(meta))
    return str(taken)
