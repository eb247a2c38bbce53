"""What a search matches: the folded text of a reply, cut into the terms it is indexed with."""

from __future__ import annotations

import json

from replysite.search import grams


def test_a_chinese_run_gives_every_one_two_and_three_characters() -> None:
    assert grams.text_terms("区政府") == {"区", "政", "府", "区政", "政府", "区政府"}
    assert "政府办" not in grams.text_terms("区政府，办公室")  # punctuation ends a run: no term crosses it


def test_latin_and_digit_words_are_whole_terms_and_punctuation_splits() -> None:
    assert grams.pieces("许教〔2018〕76号 ABC") == ["许教", "2018", "76", "号", "abc"]
    assert {"2018", "76", "abc"} <= grams.text_terms("许教〔2018〕76号 ABC")
    assert "201" not in grams.text_terms("2018")


def test_full_width_and_traditional_text_folds_like_simplified() -> None:
    assert grams.text_terms("黃小玲２０１８") == grams.text_terms("黄小玲2018")
    assert grams.fold("會議") == "会议"


def test_the_article_text_is_its_letter_then_the_rest_without_the_panel_labels() -> None:
    article = ('<nav>当前位置：首页</nav><article><h1>对第004号提案的答复</h1><dl><div><dt>文号</dt><dd>许教〔2018〕76号</dd></div></dl>'
               '<div class="rs-reply__body"><p>民盟许昌市委：</p><p>现答复<br>如下。</p></div><p>许昌市教育局</p></article>')
    letter, rest = grams.article_text(article)
    assert letter == "民盟许昌市委： 现答复 如下。"
    assert "许教〔2018〕76号" in rest and "许昌市教育局" in rest and "对第004号提案的答复" in rest
    assert "文号" not in rest and "当前位置" not in rest + letter and "民盟" not in rest


def test_the_folding_table_is_stable_json_of_single_characters() -> None:
    table = json.loads(grams.folding_json())
    assert table["黃"] == "黄"
    assert all(len(source) == 1 and len(target) == 1 for source, target in table.items())
    assert grams.folding_json() == grams.folding_json()
