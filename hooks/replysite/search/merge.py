"""Merge Pagefind bundles written from parts of the replies into the one bundle a single run would write.

Pagefind keeps every page it indexes in memory until it writes its files, about 0.4 MB a letter, so
10,000 letters in one run need about 4 GB. The build instead indexes the replies in parts (see
`parts`), one Pagefind after the other, and this module joins their bundles: every
word's pages from all parts in one index, cut into files of the size Pagefind cuts them, so a
reader's query loads the same few files as from one run. Pages are numbered part after part, in
the order the parts are given; the parts must hold runs of dates, newest part first, so that their
date orders put end to end are the whole site's. Within a part, pages are numbered in the order the
build sent them where that order is given (`places`): Pagefind now and then numbers two pages the
other way round, and the bundle would then differ from one build of the same replies to the next.

The files are read and written through `bundle`, which knows Pagefind's format (1.5) and stops the
merge with a `BundleFormatError` at anything it does not know.
"""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from heapq import merge as merge_sorted
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any

from replysite.search import bundle as pagefind
from replysite.search.bundle import CHUNKS, FILTER, FILTERS, FRAGMENT, INDEX, META_FIELDS, PAGES, SORTS, VERSION, BundleFormatError

CHUNK_SIZE = 20_000  # Pagefind closes an index file once its words hold this many locations
SORT_BY_DATE = "date"  # the one sort the site's pages carry (data-pagefind-sort)


@dataclass(frozen=True)
class Part:
    """One part's bundle as read: its folder, language, metadata, its first page's number in the whole,
    and, where Pagefind numbered its pages otherwise than they were sent, each page's number in send order."""

    folder: Path
    language: str
    meta: list[Any]
    offset: int
    renumbered: list[int] | None = None  # Pagefind's number → the page's number in send order

    def number(self, page: int) -> int:
        """A page's number in the whole bundle, from Pagefind's number of it in this part."""
        return self.offset + (self.renumbered[page] if self.renumbered is not None else page)


Places = dict[str, int]  # a part's page records by file name → the page's place in the order it was sent


def merge(folders: list[Path], target: Path, places: list[Places] | None = None) -> None:
    """Write into `target` one bundle holding every page of the bundles in `folders` (newest part
    first), each part's pages in the order of its `places` where given. The parts' page records are
    moved, not copied."""
    with _without_cycle_collector():
        _merge(folders, target, places or [{} for _ in folders])


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


def _merge(folders: list[Path], target: Path, places: list[Places]) -> None:
    parts = _read_parts(folders, places)
    first = parts[0]
    target.mkdir(parents=True)
    for path in pagefind.shared_files(first.folder):
        shutil.copy2(path, target / path.name)
    meta: list[Any] = [None] * len(first.meta)
    meta[VERSION], meta[META_FIELDS] = first.meta[VERSION], first.meta[META_FIELDS]
    meta[PAGES] = _move_fragments(parts, target)
    meta[CHUNKS] = _merge_words(parts, target)
    meta[FILTERS] = _merge_filters(parts, target)
    meta[SORTS] = _merge_sorts(parts)
    meta_hash = pagefind.write_meta(target, first.language, meta)
    entry = pagefind.read_entry(first.folder)
    entry["languages"] = {first.language: {**entry["languages"][first.language], "hash": meta_hash, "page_count": len(meta[PAGES])}}
    pagefind.write_entry(target, entry)


def _read_parts(folders: list[Path], places: list[Places]) -> list[Part]:
    parts: list[Part] = []
    offset = 0
    for folder, sent in zip(folders, places, strict=True):
        languages = pagefind.read_entry(folder)["languages"]
        if len(languages) != 1:
            raise BundleFormatError(f"{folder.name}：搜索索引分卷含有多种语言，无法合并")
        [(language, info)] = languages.items()
        meta = pagefind.read_meta(folder, info["hash"])
        parts.append(Part(folder, language, meta, offset, _send_order(meta[PAGES], sent)))
        offset += len(meta[PAGES])
    first = parts[0]
    for part in parts[1:]:
        if (part.language, part.meta[VERSION], part.meta[META_FIELDS]) != (first.language, first.meta[VERSION], first.meta[META_FIELDS]):
            raise BundleFormatError(f"{part.folder.name}：与 {first.folder.name} 的 Pagefind 版本或索引结构不同，无法合并")
    return parts


def _send_order(pages: list[list[Any]], sent: Places) -> list[int] | None:
    """Each page's number in the order it was sent, or None where Pagefind numbered them so already."""
    order = sorted(range(len(pages)), key=lambda page: (sent.get(pages[page][0], len(pages)), page))
    if order == list(range(len(pages))):
        return None
    renumbered = [0] * len(pages)
    for number, page in enumerate(order):
        renumbered[page] = number
    return renumbered


def _in_order(part: Part) -> list[list[Any]]:
    """The part's pages ([record name, word count]) in their numbers' order."""
    pages = part.meta[PAGES]
    if part.renumbered is None:
        return list(pages)
    ordered: list[list[Any]] = [[]] * len(pages)
    for page, number in enumerate(part.renumbered):
        ordered[number] = pages[page]
    return ordered


def _move_fragments(parts: list[Part], target: Path) -> list[list[Any]]:
    """Move every page's record file into `target`, renaming one whose name another part already
    used; return the merged page list ([file name, word count] per page, in page order)."""
    (target / FRAGMENT).mkdir()
    pages: list[list[Any]] = []
    for part in parts:
        for name, word_count in _in_order(part):
            source = pagefind.data_file(part.folder, FRAGMENT, name)
            new_name = pagefind.unused_name(target, FRAGMENT, name, source)
            shutil.move(source, pagefind.data_file(target, FRAGMENT, new_name))
            pages.append([new_name, word_count])
    return pages


def _words(part: Part) -> Iterator[tuple[str, Part, list[Any]]]:
    """Every word of a part with its entry, in Pagefind's order (by the word's UTF-8 bytes)."""
    for _, _, name in part.meta[CHUNKS]:
        for word in pagefind.read_index(pagefind.data_file(part.folder, INDEX, name)):
            yield word[0], part, word


def _join_pages(entries: list[tuple[str, Part, list[Any]]]) -> list[Any]:
    """One word's pages from every part. Pagefind stores each page number as the step from the one
    before, so only the first page of each later part changes: its step is counted from the last
    page of the parts before it."""
    pages: list[Any] = []
    previous = 0  # the number of the last page so far, in the whole
    for _, part, word in entries:
        own = word[1] if part.renumbered is None else _renumber(word[1], part.renumbered)
        first_page, locations, meta_locations = own[0]
        pages.append([part.offset + first_page - previous, locations, meta_locations])
        pages.extend(own[1:])
        previous = part.offset + sum(page[0] for page in own)
    return pages


def _renumber(pages: list[Any], renumbered: list[int]) -> list[Any]:
    """One word's pages of a part with the pages' numbers in send order, sorted and stored as steps again."""
    number, entries = 0, []
    for step, locations, meta_locations in pages:
        number += step
        entries.append((renumbered[number], locations, meta_locations))
    entries.sort(key=lambda entry: entry[0])
    steps, previous = [], 0
    for number, locations, meta_locations in entries:
        steps.append([number - previous, locations, meta_locations])
        previous = number
    return steps


def _merge_words(parts: list[Part], target: Path) -> list[list[str]]:
    """Write the merged word index in files of Pagefind's size; return their [from, to, name] list.

    Files are compressed and written on a second thread (zlib lets go of the interpreter while it
    works), so that runs on the second core while this one decodes and encodes the next words."""
    (target / INDEX).mkdir()
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
                chunks.append(_write_chunk(writer, pending, target, words, parts[0].language, taken))
                words, size = [], 0
        if words:
            chunks.append(_write_chunk(writer, pending, target, words, parts[0].language, taken))
        for done in pending:
            done.result()
    return _trim_bounds(chunks)


def _write_chunk(
    writer: ThreadPoolExecutor, pending: list[Future[None]], target: Path, words: list[list[Any]], language: str, taken: set[str]
) -> list[str]:
    """Encode one index file, name it by its content as Pagefind does, and queue it for writing."""
    data = pagefind.index_data(words)
    name = pagefind.content_name(data, language, taken)
    pending.append(writer.submit(pagefind.write_file, pagefind.data_file(target, INDEX, name), data, 6))
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


def _merge_filters(parts: list[Part], target: Path) -> list[list[str]]:
    """Each filter's values with their pages from every part, written one file a filter."""
    (target / FILTER).mkdir()
    merged: dict[str, dict[str, list[int]]] = {}
    for part in parts:
        for name, file_name in part.meta[FILTERS]:
            path = pagefind.data_file(part.folder, FILTER, file_name)
            filter_name, values = pagefind.read_filter(path)
            if filter_name != name:
                raise BundleFormatError(f"{path.name}：筛选项名称与元数据不符")
            into = merged.setdefault(name, {})
            for value, pages in values:
                into.setdefault(value, []).extend(sorted(part.number(page) for page in pages))
    taken: set[str] = set()
    language = parts[0].language
    return [[name, pagefind.write_filter(target, name, [*map(list, values.items())], language, taken)] for name, values in merged.items()]


def _merge_sorts(parts: list[Part]) -> list[list[Any]]:
    """The date order of all pages: the parts' own orders (oldest date first) put end to end, oldest part first."""
    names = {tuple(sort[0] for sort in part.meta[SORTS]) for part in parts}
    if not names <= {(SORT_BY_DATE,), ()}:
        raise BundleFormatError(f"搜索索引分卷的排序项 {sorted(names)} 不是只有 {SORT_BY_DATE}：无法按分卷合并")
    if names == {()}:
        return []
    order = [part.number(page) for part in reversed(parts) for sort in part.meta[SORTS] for page in sort[1]]
    return [[SORT_BY_DATE, order]]
