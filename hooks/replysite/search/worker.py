"""The search index written on a process of its own: `python -m replysite.search.worker FOLDER`.

The build sends one line of JSON a reply page as it renders it ({"page": n, "record": …, "article": …},
see `index`); this process cuts each page's text into terms on the other core, writes the page's
record at once, and at the end of its input writes the terms' files, the filters and the index's
description, then prints how many pages it holds. A page's number is its place in the catalogue,
newest first, so the page order is the date order.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from replysite.search import grams, postings
from replysite.search.records import PARAGRAPH, dump

FORMAT = 1
META, FILTERS, TERMS, PAGES = "meta.json", "filters.json", "terms", "pages"


class Builder:
    """The index of the pages added so far: each term's pages and each filter value's pages."""

    def __init__(self, folder: Path, count: int) -> None:
        self.folder = folder
        (folder / PAGES).mkdir(parents=True)
        self.count = count
        self.added = 0
        self.last = -1  # the last page number added: pages come in their order, unless MkDocs changes it
        self.in_order = True
        self.postings: dict[str, array[int]] = {}
        self.filters: dict[str, dict[str, array[int]]] = {}

    def add(self, page: int, record: dict[str, Any], article: str) -> None:
        """Write page number `page`'s record with its letter's text, and note its terms and filter values."""
        self.added += 1
        self.in_order = self.in_order and page > self.last
        self.last = page
        letter, rest = grams.article_text(article)
        (self.folder / PAGES / f"{page}.json").write_bytes(dump({**record, "content": letter + PARAGRAPH + rest}))
        title = {grams.TITLE + term for term in grams.text_terms(record["meta"]["title"])}
        self._note(self.postings, grams.text_terms(letter + "\n" + rest) | title, page)
        for name, values in record["filters"].items():
            self._note(self.filters.setdefault(name, {}), values, page)

    @staticmethod
    def _note(table: dict[str, array[int]], keys: Iterable[str], page: int) -> None:
        get = table.get
        for key in keys:
            pages = get(key)
            if pages is None:
                table[key] = array("i", (page,))
            elif pages[-1] != page:
                pages.append(page)

    def _sorted(self) -> None:
        """Each term's and value's pages in order, where pages came otherwise."""
        for table in (self.postings, *self.filters.values()):
            for key, pages in table.items():
                table[key] = array("i", sorted(pages))

    def finish(self) -> int:
        """Write the terms' files (a few at a time, so memory holds one file's postings), the filters and the description."""
        if not self.in_order:
            self._sorted()
        count = self.count
        sizes = {term: postings.size_of(len(pages), count) for term, pages in self.postings.items()}
        files = postings.file_count(sum(sizes.values()))
        buckets: list[list[str]] = [[] for _ in range(files)]
        for term in self.postings:
            buckets[postings.file_of(term, files)].append(term)
        (self.folder / TERMS).mkdir()
        for number, terms in enumerate(buckets):
            content = {term: postings.encode(self.postings[term], count) for term in terms}
            (self.folder / TERMS / f"{number}.json").write_bytes(dump(content))
        filters = {name: {value: postings.encode(pages, count) for value, pages in values.items()} for name, values in self.filters.items()}
        (self.folder / FILTERS).write_bytes(dump(filters))
        (self.folder / META).write_bytes(dump({"format": FORMAT, "pages": count, "files": files}))
        return self.added


def main(folder: str, count: str) -> None:
    builder = Builder(Path(folder), int(count))
    for line in sys.stdin.buffer:
        message = json.loads(line)
        builder.add(message["page"], message["record"], message["article"])
    print(json.dumps({"pages": builder.finish()}), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
