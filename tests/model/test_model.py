"""The reply model: strict front matter, typed fields, and configurable grades."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from replysite.model import library
from replysite.model import settings as site_settings
from replysite.model.problems import Problem
from replysite.model.reply import Contact, doc_number_key, parse_reply
from tests.sitebuild import SEED

TODAY = datetime.date(2026, 1, 1)
SETTINGS = site_settings.Settings()


def reply_text(**changes: str) -> str:
    """A valid reply file, with some front matter lines replaced (value None drops the line)."""
    fields = {
        "title": "关于优化公交线路的建议",
        "doc_number": "许交〔2021〕15号",
        "agency": "许昌市交通运输局",
        "result": "A",
        "kind": "建议",
        "meeting": "市十届人大一次会议",
        "number": '"031"',
        "proposers": "[张建国]",
        "date": "2021-06-18",
    }
    fields.update(changes)
    lines = [f"{key}: {value}" for key, value in fields.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n张建国代表：\n\n答复正文。\n"


def parse(text: str) -> tuple[object, list[Problem]]:
    return parse_reply("replies/2021/x.md", text, SETTINGS, TODAY)


def test_seed_letter_parses_with_every_field() -> None:
    reply, problems = parse_reply("replies/2018/xujiao-2018-76.md", SEED.read_text(encoding="utf-8"), SETTINGS, TODAY)
    assert problems == []
    assert reply is not None
    assert reply.doc_number == "许教〔2018〕76号"
    assert reply.number == "004"
    assert reply.proposers == ("民盟许昌市委",)
    assert reply.date == datetime.date(2018, 12, 24)
    assert reply.contact == Contact("基础教育科", "李瑛", "0374-2699897")
    assert reply.cc == ("市政协提案委（3份）", "市政府督查室（2份）")
    assert reply.heading == "对市政协七届二次会议第004号提案的答复"
    assert reply.url == "replies/2018/xujiao-2018-76/"
    assert reply.body.lstrip().startswith("民盟许昌市委：")


def test_values_are_never_retyped() -> None:
    reply, problems = parse(reply_text(number="004", title="no", signer="on", meeting="1e3"))
    assert problems == []
    assert reply is not None
    assert (reply.number, reply.title, reply.signer, reply.meeting) == ("004", "no", "on", "1e3")  # type: ignore[attr-defined]


def test_duplicate_key_is_an_error_naming_both_lines() -> None:
    text = reply_text().replace("result: A\n", "result: A\nresult: B\n")
    reply, problems = parse(text)
    assert reply is None
    assert [(p.line, p.field) for p in problems] == [(6, "result")]
    assert "第 5 行" in problems[0].message


def test_unknown_key_suggests_the_right_one() -> None:
    reply, problems = parse(reply_text(singer="杨钧安"))
    assert reply is None
    assert problems[0].field == "singer"
    assert "signer" in problems[0].message


@pytest.mark.parametrize(("value", "expected"), [("2018-02-30", "不存在"), ("2018/12/24", "格式不对"), ("2027-01-01", "晚于今天")])
def test_bad_dates_are_rejected(value: str, expected: str) -> None:
    reply, problems = parse(reply_text(date=value))
    assert reply is None
    assert problems[0].field == "date"
    assert expected in problems[0].message


@pytest.mark.parametrize(("value", "suggestion"), [("b", "是不是 B"), ("A类", "是不是 A"), ("D", "A、B、C")])
def test_grade_outside_the_set_is_rejected_with_the_canonical_form(value: str, suggestion: str) -> None:
    reply, problems = parse(reply_text(result=value))
    assert reply is None
    assert problems[0].field == "result"
    assert suggestion in problems[0].message


def test_grades_come_from_configuration() -> None:
    custom = site_settings.from_mapping({"grades": {"甲": {"label": "已解决", "meaning": "已经解决"}, "乙": {"meaning": "正在解决"}}})
    reply, problems = parse_reply("replies/2021/x.md", reply_text(result="甲"), custom, TODAY)
    assert problems == [] and reply is not None
    assert custom.grade("甲").meaning == "已经解决"
    _, problems = parse_reply("replies/2021/x.md", reply_text(result="A"), custom, TODAY)
    assert "甲、乙" in problems[0].message


def test_all_problems_of_a_file_are_reported_together() -> None:
    reply, problems = parse(reply_text(result="D", date="2018-13-01", kind="议论", doc_number="许交[2021]15号"))
    assert reply is None
    assert sorted(p.field for p in problems) == ["date", "doc_number", "kind", "result"]
    assert "许交〔2021〕15号" in next(p.message for p in problems if p.field == "doc_number")


def test_missing_required_field_is_named() -> None:
    reply, problems = parse(reply_text(agency=None))  # type: ignore[arg-type]
    assert reply is None
    assert [(p.field, p.line) for p in problems] == [("agency", 2)]


def test_proposers_must_be_a_list() -> None:
    reply, problems = parse(reply_text(proposers="张建国"))
    assert reply is None
    assert "proposers: [张建国]" in problems[0].message


@pytest.mark.parametrize(
    "written",
    [
        "许交〔2021〕015号", "许交〔２０２１〕１５号", "许交〔٢٠٢١〕١٥号",
        "许\u200b交〔2021〕15号", "许交〔2021〕\ufeff15号", "许交 〔2021〕15号",
    ],
)
def test_doc_number_key_makes_one_number_of_its_spellings(written: str) -> None:
    assert doc_number_key(written) == doc_number_key("许交〔2021〕15号") == "许交〔2021〕15号"


def test_doc_number_key_keeps_different_numbers_apart() -> None:
    numbers = ("许交〔2021〕15号", "许交〔2021〕150号", "许交〔2021〕5号", "许交〔2020〕15号", "许交〔2021〕0号")
    keys = {doc_number_key(text) for text in numbers}
    assert len(keys) == 5
    assert doc_number_key("许交〔2021〕" + "0" * 5000 + "号") == "许交〔2021〕0号"  # no int(): no digit-count limit


@pytest.mark.parametrize(
    ("name", "value", "fixed"),
    [
        ("doc_number", "许交〔２０２１〕１５号", "是不是 许交〔2021〕15号"),
        ("doc_number", "许交〔2021〕١٥号", "是不是 许交〔2021〕15号"),
        ("date", "２０２１-０６-１８", "是不是 2021-06-18"),
        ("date", "2021-٠٦-18", "是不是 2021-06-18"),
        ("number", '"０３１"', "应只含数字"),
    ],
)
def test_digits_other_than_ascii_are_refused_and_named(name: str, value: str, fixed: str) -> None:
    reply, problems = parse(reply_text(**{name: value}))
    assert reply is None
    assert [(p.field, p.line) for p in problems] == [(name, _line_of(name))]
    assert fixed in problems[0].message and "半角阿拉伯数字 0–9" in problems[0].message


def _line_of(name: str) -> int:
    return next(number for number, line in enumerate(reply_text().split("\n"), start=1) if line.startswith(f"{name}:"))


def test_today_is_judged_in_the_sites_time_zone(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """At 01:30 in Beijing (17:30 UTC the day before), a letter dated that morning is not in the future."""
    instant = datetime.datetime(2021, 6, 17, 17, 30, tzinfo=datetime.UTC)
    clock = instant.astimezone
    assert SETTINGS.today(now=clock) == datetime.date(2021, 6, 18)
    assert site_settings.from_mapping({"time_zone": "UTC"}).today(now=clock) == datetime.date(2021, 6, 17)
    site_today = site_settings.Settings.today
    monkeypatch.setattr(site_settings.Settings, "today", lambda self: site_today(self, now=clock))
    assert parse_reply("replies/2021/x.md", reply_text(date="2021-06-18"), SETTINGS)[1] == []
    _, problems = parse_reply("replies/2021/x.md", reply_text(date="2021-06-19"), SETTINGS)
    assert [p.field for p in problems] == ["date"] and "晚于今天（2021-06-18）" in problems[0].message
    (tmp_path / "replies" / "2021").mkdir(parents=True)
    (tmp_path / "replies" / "2021" / "x.md").write_text(reply_text(date="2021-06-18"), encoding="utf-8")
    assert len(library.load_replies(tmp_path / "replies", SETTINGS, root=tmp_path)) == 1


@pytest.mark.parametrize("zone", ["Beijing", "Asia", "../etc/passwd", "", 8])
def test_unknown_time_zone_is_a_settings_error(zone: object) -> None:
    with pytest.raises(site_settings.SettingsError, match=r"extra\.replies\.time_zone .*Asia/Shanghai"):
        site_settings.from_mapping({"time_zone": zone})
