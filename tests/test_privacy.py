"""The privacy guard finds resident IDs and mobile numbers however they are typed, and nothing else."""

from __future__ import annotations

import pytest

from replysite.privacy import find_personal_numbers, id_is_valid, mask, scan


@pytest.mark.parametrize("text", [
    "电话13812345678。", "电话 138 1234 5678", "电话138-1234-5678", "电话+86 138 1234 5678", "电话＋８６－１３８１２３４５６７８",
    "电话１３８１２３４５６７８", "0086-13812345678",
])
def test_mobile_numbers_are_found_in_every_spelling(text: str) -> None:
    assert [(kind, number) for _, kind, number in find_personal_numbers(text)] == [("手机号", "13812345678")]


@pytest.mark.parametrize("text", [
    "来电 138****5678", "办公电话 0374-2699897", "热线 12345", "许教〔2018〕76号", "12812345678 不是手机号段",
    "编号 2018122400001234567 过长", "金额 1381234567800 元",
])
def test_ordinary_numbers_pass(text: str) -> None:
    assert find_personal_numbers(text) == []


def test_resident_id_needs_a_real_date_and_check_digit() -> None:
    assert id_is_valid("11010519491231002X")
    assert not id_is_valid("110105194912310021")  # wrong check digit
    assert not id_is_valid("11010519490231002X")  # 31 February
    assert [kind for _, kind, _ in find_personal_numbers("身份证 11010519491231002X")] == ["身份证号"]
    assert find_personal_numbers("编号 110105194912310021") == []


def test_full_width_id_is_reported_on_its_line_masked() -> None:
    text = "---\ntitle: x\n---\n\n第一行\n身份证号：１１０１０５１９４９１２３１００２Ｘ\n"
    problems = scan("replies/2020/x.md", text, [], {2: "title"})
    assert [(p.line, p.field) for p in problems] == [(6, "body")]
    assert "110***********002X" in problems[0].message and "00２" not in problems[0].message


def test_reviewed_numbers_pass_only_when_listed() -> None:
    text = "服务热线 139-0000-1111，来信人 13812345678"
    problems = scan("r.md", text, ["+86 139 0000 1111"], {})
    assert [mask("13812345678") in p.message for p in problems] == [True]
