"""The page records readers download hold the letter alone: the search terms indexed after it are
trimmed where they are exactly the page's own, and nothing else is ever cut."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from replysite.search import grams
from replysite.search.bundle import FRAGMENT, SIGNATURE, data_file, read_entry, read_fragment, read_index, read_meta
from replysite.search.fragments import Terms, letter_text, trimmed
from replysite.search.parts import Shard
from replysite.search.service import LiveIndex

LETTER = "民盟\u200b许昌\u200b市委\u200b： \u200b集团化\u200b办学\u200b答复\u200b正文\u200b。"
WORDS = ["q0g8d0ijl", "q0ijl0lqv", "2018", "76"]


def as_pagefind_writes(words: list[str]) -> str:
    """The content Pagefind keeps: the letter, then the terms each after an invisible space, the block closed by a full stop."""
    return LETTER + " " + " ".join("\u200b" + word for word in words) + "\u200b."


def record_file(url: str, content: str) -> bytes:
    record = {"url": url, "content": content, "word_count": 9, "filters": {}, "meta": {"title": "题目"}, "anchors": []}
    return gzip.compress(SIGNATURE + json.dumps(record, ensure_ascii=False).encode("utf-8"))


def test_the_terms_are_cut_from_the_text_and_the_letter_is_kept_whole() -> None:
    assert letter_text(as_pagefind_writes(WORDS), Terms.of(WORDS)) == LETTER


def test_text_that_does_not_end_with_the_pages_own_terms_is_left_alone() -> None:
    assert letter_text(as_pagefind_writes(WORDS), Terms.of(["q0g8d0ijl", "q0ijl0lqv", "2018", "77"])) is None
    assert letter_text(as_pagefind_writes(WORDS[:3]), Terms.of(WORDS)) is None
    assert letter_text(LETTER, Terms.of([])) is None


def test_only_page_records_of_pages_with_terms_are_rewritten() -> None:
    url = "/replies/2018/a/"
    files = [
        ("fragment/zh_1.pf_fragment", record_file(url, as_pagefind_writes(WORDS))),
        ("fragment/zh_2.pf_fragment", record_file("/replies/2018/other/", as_pagefind_writes(WORDS))),
        ("index/zh_3.pf_index", b"not touched"),
    ]
    urls: dict[str, str] = {}
    out = dict(trimmed(files, {url: Terms.of(WORDS)}, urls))
    assert urls == {"zh_1": url, "zh_2": "/replies/2018/other/"}
    first = json.loads(gzip.decompress(out["fragment/zh_1.pf_fragment"])[len(SIGNATURE):])
    assert first["content"] == LETTER and first["meta"] == {"title": "题目"} and first["word_count"] == 9
    assert out["fragment/zh_2.pf_fragment"] == files[1][1] and out["index/zh_3.pf_index"] == b"not touched"


def test_a_real_bundles_records_hold_the_letter_and_its_terms_still_find_it(tmp_path: Path) -> None:
    article = ('<article data-pagefind-body><h1 data-pagefind-meta="title">关于集团化办学的提案</h1>'
               "<p>民盟许昌市委：集团化办学答复正文，许教〔2018〕76号。</p></article>")
    urls = ("replies/2018/a/", "replies/2018/b/")
    index = LiveIndex(tmp_path, [Shard("1", urls)])
    for url in urls:
        index.add("/" + url, article)
    assert index.finish() == 2
    bundle = tmp_path / "pagefind"
    meta = read_meta(bundle, read_entry(bundle)["languages"]["zh"]["hash"])
    contents = [read_fragment(data_file(bundle, FRAGMENT, name))["content"] for name, _count in meta[1]]
    words = grams.article_words(article)
    assert len(contents) == 2 and all("集团化" in text.replace("\u200b", "") for text in contents)
    assert not any(word in text for text in contents for word in words if word.startswith(grams.PREFIX))
    indexed = {word for chunk in (bundle / "index").iterdir() for word, _pages, _ in read_index(chunk)}
    assert {word for word in words if word.startswith(grams.PREFIX)} <= indexed
