"""The front-matter writer: schema order, quoting that reads back exactly, and the template for new replies."""

from __future__ import annotations

import pytest
import yaml

from replysite.importing.writer import Draft, front_matter, reply_file, scalar, suggested_slug
from replysite.model.reply import FIELDS, Contact, parse_reply
from replysite.model.settings import Settings

TRICKY = [
    "004", "no", "on", "yes", "null", "~", "1e3", "0x1F", "12:30", "2018-12-24", "true",
    "a: b", "a #b", "#tag", "- x", "[x]", "{x}", "x, y", "'quoted'", '"double"', "&anchor", "*alias",
    "!tag", "%x", "@x", "`x`", "|x", ">x", "?x", "x:", "back\\slash", "许教〔2018〕76号", "市政协提案委（3份）",
    "0374-2699897", "8788586", "张三：李四", "“引号”",
]


def draft_with(value: str) -> Draft:
    return Draft(
        title=value, doc_number="许教〔2018〕76号", agency=value, signer=value, result="B", kind="提案",
        meeting=value, number="004", proposers=(value, "张三"), date="2018-12-24",
        contact=Contact(value, value, value), cc=(value,),
    )


@pytest.mark.parametrize("value", TRICKY)
def test_every_value_reads_back_through_parse_reply(value: str) -> None:
    text = reply_file(draft_with(value), "正文。")
    reply, problems = parse_reply("replies/2018/x.md", text, Settings())
    assert [problem for problem in problems if problem.field not in ("contact", "contact.phone")] == []
    if reply is None:
        return  # only the privacy guard may object, to a value that looks like a phone number
    assert (reply.title, reply.agency, reply.signer, reply.meeting) == (value, value, value, value)
    assert reply.proposers == (value, "张三") and reply.cc == (value,)
    assert reply.contact == Contact(value, value, value)


@pytest.mark.parametrize("value", TRICKY)
def test_every_value_reads_back_through_a_standard_yaml_reader(value: str) -> None:
    """Quoting is not only for our own text-only reader: other tools read these files too."""
    data = yaml.safe_load(front_matter(draft_with(value)).strip().strip("-"))
    assert data["title"] == value and data["proposers"] == [value, "张三"] and data["contact"]["phone"] == value
    assert data["number"] == "004"


def test_fields_in_schema_order_with_optional_ones_commented() -> None:
    text = front_matter(Draft(title="题目"))
    lines = text.splitlines()[1:-1]
    keys = [line.lstrip("# ").split(":", 1)[0] for line in lines if "（可选）：" not in line]
    assert keys == [name for name in FIELDS if name in keys] and set(keys) == set(FIELDS)
    for index, line in enumerate(lines):  # each explanation on its own line, above the field, never after a value
        if line.startswith("# ") and "（可选）：" not in line:
            assert "（可选）：" in lines[index - 1] and line.count("#") == 1, line
    assert "# signer:" in text and "# contact:" in text and "# cc:" in text and "# scan:" in text
    assert 'doc_number: ""' in text and "proposers: []" in text


def test_number_is_always_quoted() -> None:
    assert 'number: "31"' in front_matter(Draft(number="31"))


def test_plain_where_safe() -> None:
    assert scalar("继续深化集团化办学，快速放大优质教育资源总量") == "继续深化集团化办学，快速放大优质教育资源总量"
    assert scalar("2018-12-24") == '"2018-12-24"'
    assert "date: 2018-12-24\n" in front_matter(Draft(date="2018-12-24"))
    assert scalar("no") == '"no"'
    assert scalar("a, b", flow=True) == '"a, b"'


def test_leave_out_drops_only_empty_fields() -> None:
    assert "scan" not in front_matter(Draft(), leave_out=("scan",))
    assert "scan: x.pdf" in front_matter(Draft(scan="x.pdf"), leave_out=("scan",))


@pytest.mark.parametrize(("doc_number", "slug"), [
    ("许教〔2018〕76号", "xujiao-2018-76"),
    ("许发改〔2020〕58号", "xufagai-2020-58"),
    ("漯自然资〔2020〕88号", "luoziranzi-2020-88"),
    ("", ""),
    ("许教[2018]76号", ""),
])
def test_suggested_slug(doc_number: str, slug: str) -> None:
    assert suggested_slug(doc_number) == slug
