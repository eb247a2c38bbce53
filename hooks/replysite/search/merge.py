"""Merge Pagefind bundles written from parts of the replies into the one bundle a single run would write.

Pagefind keeps every page it indexes in memory until it writes its files, about 0.4 MB a letter, so
10,000 letters in one run need about 4 GB. The build instead indexes the replies in parts (see
`searchshards`), one Pagefind after the other, and this module joins their bundles: every
word's pages from all parts in one index, cut into files of the size Pagefind cuts them, so a
reader's query loads the same few files as from one run. Pages are numbered part after part, in
the order the parts are given; the parts must hold runs of dates, newest part first, so that their
date orders put end to end are the whole site's.

Only the parts of Pagefind's format (1.5) that the site's bundles use are read; anything else is a
`BundleFormatError`, so a Pagefind upgrade that changes the format fails the build instead of
publishing a broken search.
"""

from __future__ import annotations

import gc
import json
import shutil
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from heapq import merge as merge_sorted
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any

import cbor2

from replysite.search.bundle import (
    CHUNKS,
    FILTERS,
    META_FIELDS,
    PAGES,
    SORTS,
    VERSION,
    BundleFormatError,
    content_name,
    encode,
    entry_json,
    read_file,
    short_hash,
    unpack,
    write_file,
    write_filter,
)

CHUNK_SIZE = 20_000  # Pagefind closes an index file once its words hold this many locations
SORT_BY_DATE = "date"  # the one sort the site's pages carry (data-pagefind-sort)


@dataclass(frozen=True)
class Part:
    """One part's bundle as read: its folder, language, metadata, and its first page's number in the whole."""

    folder: Path
    language: str
    meta: list[Any]
    offset: int


def merge(folders: list[Path], target: Path) -> int:
    """Write into `target` one bundle holding every page of the bundles in `folders` (newest part
    first); return how many pages it holds. The parts' page records are moved, not copied."""
    with _without_cycle_collector():
        return _merge(folders, target)


@contextmanager
def _without_cycle_collector() -> Iterator[None]:
    """Pause Python's cycle collector: the merge makes millions of small lists, none in a cycle, and
    the collector's passes over them and the build's pages took a quarter of its time (3,000 replies)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def _merge(folders: list[Path], target: Path) -> int:
    parts = _read_parts(folders)
    first = parts[0]
    target.mkdir(parents=True)
    for path in first.folder.iterdir():  # Pagefind's scripts and WebAssembly, the same in every part
        if path.is_file() and path.suffix != ".pf_meta" and path.name != "pagefind-entry.json":
            shutil.copy2(path, target / path.name)
    meta: list[Any] = [None] * len(first.meta)
    meta[VERSION], meta[META_FIELDS] = first.meta[VERSION], first.meta[META_FIELDS]
    meta[PAGES] = _move_fragments(parts, target / "fragment")
    meta[CHUNKS] = _merge_words(parts, target / "index")
    meta[FILTERS] = _merge_filters(parts, target / "filter")
    meta[SORTS] = _merge_sorts(parts)
    data = encode(meta)
    meta_hash = f"{first.language}_{short_hash(data)[: len(first.language) + 8]}"
    write_file(target / f"pagefind.{meta_hash}.pf_meta", data)
    entry = json.loads((first.folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    entry["languages"] = {first.language: {**entry["languages"][first.language], "hash": meta_hash, "page_count": len(meta[PAGES])}}
    (target / "pagefind-entry.json").write_text(entry_json(entry), encoding="utf-8")
    return len(meta[PAGES])


def _read_parts(folders: list[Path]) -> list[Part]:
    parts: list[Part] = []
    offset = 0
    for folder in folders:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        if len(entry["languages"]) != 1:
            raise BundleFormatError(f"{folder.name}：搜索索引分卷含有多种语言，无法合并")
        [(language, info)] = entry["languages"].items()
        meta = read_file(folder / f"pagefind.{info['hash']}.pf_meta")
        if not isinstance(meta, list) or len(meta) != META_FIELDS + 1:
            raise BundleFormatError(f"{folder.name}：元数据的结构与 Pagefind 1.5 的 6 项不同")
        parts.append(Part(folder, language, meta, offset))
        offset += len(meta[PAGES])
    first = parts[0]
    for part in parts[1:]:
        if (part.language, part.meta[VERSION], part.meta[META_FIELDS]) != (first.language, first.meta[VERSION], first.meta[META_FIELDS]):
            raise BundleFormatError(f"{part.folder.name}：与 {first.folder.name} 的 Pagefind 版本或索引结构不同，无法合并")
    return parts


def _move_fragments(parts: list[Part], folder: Path) -> list[list[Any]]:
    """Move every page's record file into `folder`, renaming one whose name another part already
    used; return the merged page list ([file name, word count] per page, in page order)."""
    folder.mkdir()
    pages: list[list[Any]] = []
    for part in parts:
        for name, word_count in part.meta[PAGES]:
            source = part.folder / "fragment" / f"{name}.pf_fragment"
            new_name = _free_name(folder, name, source, ".pf_fragment")
            shutil.move(source, folder / f"{new_name}.pf_fragment")
            pages.append([new_name, word_count])
    return pages


def _free_name(folder: Path, name: str, source: Path, suffix: str) -> str:
    """`name`, or if another file in `folder` already has it with other content, a longer hash of
    the content that no file has."""
    taken = folder / f"{name}{suffix}"
    if not taken.exists():
        return name
    content = unpack(source)
    if unpack(taken) == content:
        return name
    language = name.split("_", 1)[0]
    digest = short_hash(content)
    for length in range(8, len(digest) + 1):
        candidate = f"{language}_{digest[:length]}"
        if not (folder / f"{candidate}{suffix}").exists():
            return candidate
    raise BundleFormatError(f"{name}{suffix}：找不到不重复的文件名")


def _words(part: Part) -> Iterator[tuple[str, Part, list[Any]]]:
    """Every word of a part with its entry, in Pagefind's order (by the word's UTF-8 bytes)."""
    for _, _, name in part.meta[CHUNKS]:
        try:
            chunk = cbor2.loads(unpack(part.folder / "index" / f"{name}.pf_index"))
        except cbor2.CBORDecodeError as error:
            raise BundleFormatError(f"{name}.pf_index：数据不完整或已损坏（{error}）") from error
        if not (isinstance(chunk, list) and len(chunk) == 1 and isinstance(chunk[0], list)):
            raise BundleFormatError(f"{name}.pf_index：含有本程序不认识的 Pagefind 数据")
        for word in chunk[0]:
            if len(word) != 3 or word[2] != []:
                raise BundleFormatError(f"{name}.pf_index：词条 {word[0]!r} 含有本程序不认识的数据")
            yield word[0], part, word


def _join_pages(entries: list[tuple[str, Part, list[Any]]]) -> list[Any]:
    """One word's pages from every part. Pagefind stores each page number as the step from the one
    before, so only the first page of each later part changes: its step is counted from the last
    page of the parts before it."""
    pages: list[Any] = []
    previous = 0  # the number of the last page so far, in the whole
    for _, part, word in entries:
        own = word[1]
        first_page, locations, meta_locations = own[0]
        pages.append([part.offset + first_page - previous, locations, meta_locations])
        pages.extend(own[1:])
        previous = part.offset + sum(page[0] for page in own)
    return pages


def _merge_words(parts: list[Part], folder: Path) -> list[list[str]]:
    """Write the merged word index in files of Pagefind's size; return their [from, to, name] list.

    Files are compressed and written on a second thread (zlib lets go of the interpreter while it
    works), so that runs on the second core while this one decodes and encodes the next words."""
    folder.mkdir()
    chunks: list[list[str]] = []
    taken: set[str] = set()
    words: list[list[Any]] = []
    size = 0
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending: list[Future[None]] = []
        for word, entries in groupby(merge_sorted(*map(_words, parts), key=lambda item: item[0]), key=lambda item: item[0]):
            try:
                pages = _join_pages(list(entries))
            except (TypeError, ValueError) as error:
                raise BundleFormatError(f"词条 {word!r} 的页面数据与 Pagefind 1.5 的格式不同：{error}") from error
            words.append([word, pages, []])
            size += sum(len(page[1]) + len(page[2]) + 1 for page in pages)
            if size >= CHUNK_SIZE:
                chunks.append(_write_chunk(writer, pending, folder, words, parts[0].language, taken))
                words, size = [], 0
        if words:
            chunks.append(_write_chunk(writer, pending, folder, words, parts[0].language, taken))
        for done in pending:
            done.result()
    return _trim_bounds(chunks)


def _write_chunk(
    writer: ThreadPoolExecutor, pending: list[Future[None]], folder: Path, words: list[list[Any]], language: str, taken: set[str]
) -> list[str]:
    """Encode one index file, name it by its content as Pagefind does, and queue it for writing."""
    data = cbor2.dumps([words])
    name = content_name(data, language, taken)
    pending.append(writer.submit(write_file, folder / f"{name}.pf_index", data, 6))
    return [words[0][0], words[-1][0], name]


def _trim_bounds(chunks: list[list[str]]) -> list[list[str]]:
    """Each file's first and last word cut to the shortest prefixes that still tell it from its
    neighbours, as Pagefind lists them (a query loads the file whose range holds it)."""
    for left, right in pairwise(chunks):
        common = 0
        while common < min(len(left[1]), len(right[0])) and left[1][common] == right[0][common]:
            common += 1
        left[1], right[0] = left[1][: common + 1], right[0][: common + 1]
    return chunks


def _merge_filters(parts: list[Part], folder: Path) -> list[list[str]]:
    """Each filter's values with their pages from every part, written one file a filter."""
    folder.mkdir()
    merged: dict[str, dict[str, list[int]]] = {}
    for part in parts:
        for name, file_name in part.meta[FILTERS]:
            filter_name, values = read_file(part.folder / "filter" / f"{file_name}.pf_filter")
            if filter_name != name:
                raise BundleFormatError(f"{file_name}.pf_filter：筛选项名称与元数据不符")
            target = merged.setdefault(name, {})
            for value, pages in values:
                target.setdefault(value, []).extend(part.offset + page for page in pages)
    taken: set[str] = set()
    language = parts[0].language
    return [[name, write_filter(folder, [name, [*map(list, values.items())]], language, taken)] for name, values in merged.items()]


def _merge_sorts(parts: list[Part]) -> list[list[Any]]:
    """The date order of all pages: the parts' own orders (oldest date first) put end to end, oldest part first."""
    names = {tuple(sort[0] for sort in part.meta[SORTS]) for part in parts}
    if not names <= {(SORT_BY_DATE,), ()}:
        raise BundleFormatError(f"搜索索引分卷的排序项 {sorted(names)} 不是只有 {SORT_BY_DATE}：无法按分卷合并")
    if names == {()}:
        return []
    order = [part.offset + page for part in reversed(parts) for sort in part.meta[SORTS] for page in sort[1]]
    return [[SORT_BY_DATE, order]]
