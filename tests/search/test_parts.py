"""How replies are split into parts for indexing: runs of the build's order, newest first, even in size."""

from __future__ import annotations

import datetime
from collections import Counter
from itertools import pairwise

import pytest

from replysite.model.library import newest_first
from replysite.model.reply import Reply
from replysite.search.parts import plan


def reply(day: str, slug: str) -> Reply:
    date = datetime.date.fromisoformat(day)
    return Reply(
        path=f"replies/{date.year}/{slug}.md", title=f"标题{slug}", doc_number=f"许教〔{date.year}〕{slug}号", agency="许昌市教育局",
        result="A", kind="提案", meeting="市政协七届二次会议", number="1", proposers=("张建国",), date=date, body="正文。",
    )  # fmt: skip


def replies(count: int) -> list[Reply]:
    return [reply(f"{2016 + index % 7}-{1 + index % 12:02d}-{1 + index % 28:02d}", f"r{index}") for index in range(count)]


@pytest.mark.parametrize(("count", "size", "sizes"), [(10, 3, [2, 3, 2, 3]), (9, 3, [3, 3, 3]), (5, 100, [5]), (1, 1, [1])])
def test_as_few_parts_as_the_size_allows_and_as_even_as_can_be(count: int, size: int, sizes: list[int]) -> None:
    assert [len(shard.urls) for shard in plan(replies(count), size)] == sizes


@pytest.mark.parametrize("size", [1, 2, 3, 7, 100])
def test_every_reply_is_in_one_part_and_parts_follow_the_build_order(size: int) -> None:
    items = replies(23)
    shards = plan(reversed(items), size)
    counts = Counter(url for shard in shards for url in shard.urls)
    assert set(counts) == {item.url for item in items} and set(counts.values()) == {1}
    assert [url for shard in shards for url in shard.urls] == [item.url for item in sorted(items, key=newest_first)]
    dates = {item.url: item.date for item in items}
    for newer, older in pairwise(shards):
        assert min(dates[url] for url in newer.urls) >= max(dates[url] for url in older.urls)  # runs of dates


def test_no_replies_no_parts() -> None:
    assert plan([], 3) == []
