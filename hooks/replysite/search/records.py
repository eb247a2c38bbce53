"""What the search page shows of a reply: its record, the same for a search result and the opening list.

A record holds the reply's URL, its title, date and 文号, its proposal's page when several replies
answer it, and the values the filters offer; the index adds the letter's text (`content`), from
which the excerpt is cut and against which a result is confirmed.
"""

from __future__ import annotations

import json
from typing import Any

from replysite.model.reply import Reply
from replysite.pages.catalogue import Thread

NEWEST_PATH = "search/newest.json"
NEWEST_COUNT = 10  # the search page's first page of results (PAGE_SIZE in docs/assets/search.js)
PARAGRAPH = "\u2029"  # in `content`, between the letter and the rest of the page's text


def record_of(reply: Reply, url: str, thread: Thread | None = None) -> dict[str, Any]:
    """The reply's record: `url` its page's site path (/replies/2018/x/), `thread` the replies of its
    proposal (its page's site path when it has one, and how many replies answer it)."""
    meta = {
        "title": reply.title, "date": reply.date.isoformat(), "doc_number": reply.doc_number,
        "proposal": thread.page_url if thread else "", "proposal_replies": str(len(thread.replies) if thread else 1),
        "role": reply.role,
    }
    filters = {
        "年份": [str(reply.year)], "类别": [reply.kind], "办理结果": [f"{reply.result} 类"],
        "答复单位": [reply.agency], "提案人": list(dict.fromkeys(reply.proposers)),
    }
    return {"url": url, "meta": meta, "filters": filters}


def dump(value: Any) -> bytes:
    """JSON as every search file is written: sorted keys, no spaces, UTF-8 (the same bytes build after build)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def newest_listing(records: list[dict[str, Any]]) -> bytes:
    """The newest replies' records for the search page's opening list, which needs no index at all."""
    return dump(records[:NEWEST_COUNT])
