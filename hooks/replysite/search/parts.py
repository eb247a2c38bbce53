"""How the search index is split into parts, each small enough for one Pagefind run.

Pagefind holds every page it indexes in memory until it writes, about 0.4 MB a letter: 10,000
letters in one run took 3.5–3.9 GB. The build indexes parts of at most
`extra.replies.search_part_size` replies instead, one Pagefind after the other, and merges them
into one bundle (`merge`). A part is a run of replies in the order the build renders them,
newest first, so each Pagefind is done before the next starts, and the parts' date orders put end
to end are the whole site's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from replysite.model.library import newest_first
from replysite.model.reply import Reply


@dataclass(frozen=True)
class Shard:
    """One part of the search index: its name (its place, 1 the newest) and its replies' site URLs."""

    name: str
    urls: tuple[str, ...]


def plan(replies: Iterable[Reply], size: int) -> list[Shard]:
    """The parts for `replies`, newest first: as few as hold at most `size` replies each, as even as can be."""
    ordered = sorted(replies, key=newest_first)
    count = -(-len(ordered) // size)
    bounds = [len(ordered) * number // count for number in range(count + 1)] if count else [0]
    runs = enumerate(pairwise(bounds), start=1)
    return [Shard(str(number), tuple(reply.url for reply in ordered[start:end])) for number, (start, end) in runs]
