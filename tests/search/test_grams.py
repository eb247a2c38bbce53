"""The search terms a reply is indexed with, and the folding shared with the search page."""

from __future__ import annotations

import json

from replysite.search import grams


def test_each_pair_of_neighbouring_characters_is_one_ascii_term() -> None:
    assert list(grams.terms("区政府")) == list(grams.terms("区政")) + list(grams.terms("政府"))
    assert all(term.isascii() and term.isalnum() and len(term) == 9 for term in grams.terms("区政府"))


def test_latin_and_digit_words_are_kept_and_punctuation_splits() -> None:
    found = list(grams.terms("许教〔2018〕76号 ABC"))
    assert found[1:3] == ["2018", "76"]
    assert found[-1] == "abc"
    assert len(found) == 5  # 许教, 2018, 76, 号 (alone), abc


def test_full_width_and_traditional_text_folds_like_simplified() -> None:
    assert list(grams.terms("黃小玲２０１８")) == list(grams.terms("黄小玲2018"))
    assert grams.fold("會議") == "会议"


def test_the_article_terms_leave_out_the_panel_labels() -> None:
    article = "<article><dl><div><dt>文号</dt><dd>许教〔2018〕76号</dd></div></dl><p>民盟许昌市委：</p></article>"
    words = grams.article_terms(article)
    assert " ".join(grams.terms("民盟许昌市委")) in words
    assert next(grams.terms("文号")) not in words


def test_the_folding_table_is_stable_json_of_single_characters() -> None:
    table = json.loads(grams.folding_json())
    assert table["黃"] == "黄"
    assert all(len(source) == 1 and len(target) == 1 for source, target in table.items())
    assert grams.folding_json() == grams.folding_json()
