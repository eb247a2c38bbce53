"""Merging the search index's parts: the bundle is the one a single Pagefind run over every page writes."""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from typing import Any

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
    """Index the pages, newest first, in `parts`; return the written bundle (in a stable order)."""
    live = LiveIndex(site, [Shard(str(number + 1), tuple(url.strip("/") + "/" for url in part)) for number, part in enumerate(parts)])
    for number, url in enumerate(url for part in parts for url in part):
        live.add(url, article(number))
    assert live.finish() == sum(map(len, parts))
    return live.bundle


def contents(bundle: Path) -> dict[str, bytes]:
    """Every file of a bundle by its path, Pagefind's files unzipped (the merge zips them its own way)."""
    files = {}
    for path in sorted(bundle.rglob("*")):
        if path.is_file():
            files[str(path.relative_to(bundle))] = searchbundle.unpack(path) if path.suffix.startswith(".pf_") else path.read_bytes()
    return files


def test_parts_merge_into_the_bundle_one_run_writes(tmp_path: Path) -> None:
    pages = urls(PAGES)
    merged = index(tmp_path / "parts", [pages[:25], pages[25:45], pages[45:]])
    single = index(tmp_path / "one", [pages])
    assert contents(merged) == contents(single)
    meta = _meta(merged)
    assert len(meta[searchbundle.CHUNKS]) > 3  # several index files, each word's pages from every part
    assert len(meta[searchbundle.PAGES]) == PAGES


def test_the_same_pages_give_the_same_bundle_build_after_build(tmp_path: Path) -> None:
    """Pagefind numbers two of a run's first pages the other way round about one run in seven; the
    merge numbers them in the order they were sent, so no build differs (four builds: the old flaw
    showed in about seven runs of ten)."""
    pages = urls(30)
    first = contents(index(tmp_path / "0", [pages[:12], pages[12:]]))
    for attempt in range(1, 4):
        assert contents(index(tmp_path / str(attempt), [pages[:12], pages[12:]])) == first


def _names_by_page(bundle: Path) -> list[str]:
    return [name for name, _ in _meta(bundle)[searchbundle.PAGES]]


def _words_by_name(bundle: Path) -> dict[str, set[str]]:
    """Each word with the record names of its pages: what a search finds, whatever the numbering."""
    names, found = _names_by_page(bundle), {}
    for _first, _last, chunk in _meta(bundle)[searchbundle.CHUNKS]:
        for word, pages, _ in searchbundle.read_index(searchbundle.data_file(bundle, searchbundle.INDEX, chunk)):
            numbers = [sum(page[0] for page in pages[: count + 1]) for count in range(len(pages))]
            found[word] = {names[number] for number in numbers}
    return found


def test_a_part_pagefind_numbered_otherwise_is_renumbered_in_the_order_sent(tmp_path: Path) -> None:
    bundle = index(tmp_path / "site", [urls(20)])
    names = _names_by_page(bundle)
    sent = {name: place for place, name in enumerate(reversed(names))}  # as if Pagefind had numbered them backwards
    searchmerge.merge([bundle], tmp_path / "renumbered", [sent])
    renumbered = tmp_path / "renumbered"
    assert _names_by_page(renumbered) == list(reversed(names))
    assert _words_by_name(renumbered) == _words_by_name(bundle)
    before, after = _meta(bundle), _meta(renumbered)
    sorted_names = [[names[page] for page in order] for _, order in before[searchbundle.SORTS]]
    assert [[list(reversed(names))[page] for page in order] for _, order in after[searchbundle.SORTS]] == sorted_names
    filters: dict[str, list[dict[str, list[str]]]] = {}
    for folder, meta, page_names in ((bundle, before, names), (renumbered, after, list(reversed(names)))):
        for name, file_name in meta[searchbundle.FILTERS]:
            _, values = searchbundle.read_filter(searchbundle.data_file(folder, searchbundle.FILTER, file_name))
            filters.setdefault(name, []).append({value: sorted(page_names[page] for page in pages) for value, pages in values})
    assert filters and all(old == new for old, new in filters.values())


def test_a_record_name_taken_in_another_part_gets_a_longer_one(tmp_path: Path) -> None:
    pages = urls(4)
    older = index(tmp_path / "older", [pages[2:]])
    newer = index(tmp_path / "newer", [pages[:2]])
    taken = _rename_first_record(older, like=newer)
    merged = tmp_path / "merged"
    searchmerge.merge([newer, older], merged)
    assert searchbundle.page_count(merged) == 4
    meta = _meta(merged)
    names = [name for name, _ in meta[searchbundle.PAGES]]
    assert names[0] == taken and names[2] != taken and len(set(names)) == 4
    for name, url in zip(names, pages, strict=True):  # each page still points at its own record
        assert searchbundle.read_fragment(searchbundle.data_file(merged, searchbundle.FRAGMENT, name))["url"] == url


def test_an_index_file_in_an_unknown_format_stops_the_merge(tmp_path: Path) -> None:
    pages = urls(4)
    older, newer = index(tmp_path / "older", [pages[2:]]), index(tmp_path / "newer", [pages[:2]])
    chunk = next((older / searchbundle.INDEX).iterdir())
    words = searchbundle.read_file(chunk)
    words[0][0][2] = ["something new"]  # a field Pagefind 1.5 leaves empty
    searchbundle.write_file(chunk, searchbundle.encode(words))
    with pytest.raises(searchbundle.BundleFormatError, match=chunk.name):
        searchmerge.merge([newer, older], tmp_path / "merged")


def test_a_cut_off_index_file_stops_the_merge_and_names_the_file(tmp_path: Path) -> None:
    pages = urls(4)
    older, newer = index(tmp_path / "older", [pages[2:]]), index(tmp_path / "newer", [pages[:2]])
    chunk = next((newer / searchbundle.INDEX).iterdir())
    chunk.write_bytes(chunk.read_bytes()[:-20])
    with pytest.raises(searchbundle.BundleFormatError, match=f"{chunk.name}：文件不完整"):
        searchmerge.merge([newer, older], tmp_path / "merged")


def _meta(bundle: Path) -> list[Any]:
    """The metadata of a bundle's one language."""
    [info] = searchbundle.read_entry(bundle)["languages"].values()
    return searchbundle.read_meta(bundle, info["hash"])


def _rename_first_record(bundle: Path, like: Path) -> str:
    """Give `bundle`'s first page record the name of `like`'s first; return that name."""
    entry = searchbundle.read_entry(bundle)
    [(language, info)] = entry["languages"].items()
    meta = searchbundle.read_meta(bundle, info["hash"])
    taken, own = _meta(like)[searchbundle.PAGES][0][0], meta[searchbundle.PAGES][0][0]
    fragment = searchbundle.data_file(bundle, searchbundle.FRAGMENT, own)
    fragment.rename(searchbundle.data_file(bundle, searchbundle.FRAGMENT, taken))
    meta[searchbundle.PAGES][0][0] = taken
    searchbundle.remove_meta(bundle, info["hash"])
    info["hash"] = searchbundle.write_meta(bundle, language, meta)
    searchbundle.write_entry(bundle, entry)
    return str(taken)
