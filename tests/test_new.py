"""`python -m scripts new`: the template it writes, the questions it asks, and what it refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from replysite.model.reply import FIELDS, parse_reply
from replysite.model.settings import Settings
from scripts.cli import main

OPTIONS = [
    "--doc-number", "许教〔2018〕76号", "--date", "2018-12-24", "--agency", "许昌市教育局", "--kind", "提案",
    "--meeting", "市政协七届二次会议", "--number", "004", "--title", "继续深化集团化办学，快速放大优质教育资源总量",
    "--proposers", "民盟许昌市委、农工党许昌市委", "--result", "b",
]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    return tmp_path


def new(site: Path, *arguments: str, answers: str = "") -> Result:
    return CliRunner().invoke(main, ["new", "--config", str(site / "mkdocs.yml"), *arguments], input=answers)


def test_writes_the_complete_template_and_prints_the_path(site: Path) -> None:
    result = new(site, *OPTIONS)
    assert result.exit_code == 0, result.output
    target = site / "replies" / "2018" / "xujiao-2018-76.md"
    assert result.stdout.strip() == str(target)
    text = target.read_text(encoding="utf-8")
    for name in FIELDS:
        assert f"\n{name}: " in text or f"\n# {name}: " in text, name
    assert "\n# signer: " in text and "\n# contact: " in text and "\n# cc: " in text and "\n# scan: " in text
    assert 'number: "004"' in text and "proposers: [民盟许昌市委, 农工党许昌市委]" in text and "result: B" in text
    reply, problems = parse_reply("replies/2018/xujiao-2018-76.md", text + "\n正文。\n", Settings())
    assert problems == [] and reply is not None
    assert reply.number == "004" and reply.title == "继续深化集团化办学，快速放大优质教育资源总量"
    assert result.stderr == "办理结果：“b”已改写为“B”\n"  # the conversion shown, nothing else to fix


def test_asks_for_the_key_fields_not_given(site: Path) -> None:
    answers = "\n".join(["许教〔2019〕5号", "2019-03-01", "许昌市教育局", "建议", "市十届人大三次会议", "31", "题目", "张三", "A"]) + "\n"
    result = new(site, answers=answers)
    assert result.exit_code == 0, result.output
    assert "文号" in result.output and "印发日期" in result.output
    text = (site / "replies" / "2019" / "xujiao-2019-5.md").read_text(encoding="utf-8")
    assert "kind: 建议" in text and 'number: "31"' in text and "proposers: [张三]" in text and "result: A" in text


def test_fields_left_empty_are_named(site: Path) -> None:
    result = new(site, "--doc-number", "许教〔2018〕76号", answers="\n" * 8)
    assert result.exit_code == 0, result.output
    assert (site / "replies" / "2018" / "xujiao-2018-76.md").is_file()
    assert "请补填或改正" in result.stderr and "date" in result.stderr and "title" in result.stderr


def test_signer_and_slug_options(site: Path) -> None:
    result = new(site, *OPTIONS, "--signer", "杨钧安", "--slug", "jiaoyu-2018-76")
    assert result.exit_code == 0, result.output
    text = (site / "replies" / "2018" / "jiaoyu-2018-76.md").read_text(encoding="utf-8")
    assert "\nsigner: 杨钧安\n" in text and "# signer" not in text


def test_never_overwrites(site: Path) -> None:
    assert new(site, *OPTIONS).exit_code == 0
    target = site / "replies" / "2018" / "xujiao-2018-76.md"
    target.write_text("staff's work", encoding="utf-8")
    result = new(site, *OPTIONS)
    assert result.exit_code == 1 and "已存在，不会覆盖" in result.stderr
    assert target.read_text(encoding="utf-8") == "staff's work"


def test_needs_a_doc_number_or_a_slug(site: Path) -> None:
    result = new(site, *OPTIONS[2:], "--doc-number", "")
    assert result.exit_code == 1 and "--slug" in result.stderr


def test_needs_a_year(site: Path) -> None:
    result = new(site, *OPTIONS[4:], "--doc-number", "", "--date", "", "--slug", "x")
    assert result.exit_code == 1 and "年份" in result.stderr


def test_help_explains_with_an_example() -> None:
    result = CliRunner().invoke(main, ["new", "--help"])
    assert result.exit_code == 0 and "示例" in result.output and "python -m scripts new --doc-number" in result.output


def test_explanations_stand_on_their_own_lines(site: Path) -> None:
    """Uncommenting an optional field as the guide says leaves a clean value, never the explanation."""
    assert new(site, *OPTIONS).exit_code == 0
    text = (site / "replies" / "2018" / "xujiao-2018-76.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith("# signer:"))
    assert line == "# signer: 姓名"
    uncommented = text.replace("# signer: 姓名", "signer: 张志强")
    reply, problems = parse_reply("replies/2018/xujiao-2018-76.md", uncommented + "\n正文。\n", Settings())
    assert problems == [] and reply is not None and reply.signer == "张志强"


def test_obvious_forms_are_converted_and_shown(site: Path) -> None:
    options = [*OPTIONS[4:-2], "--doc-number", "许教[2018]76号", "--date", "2018年12月24日", "--result", "B类"]
    options[options.index("--title") + 1] = "关于“继续深化集团化办学”的提案"
    result = new(site, *options)
    assert result.exit_code == 0, result.output
    text = (site / "replies" / "2018" / "xujiao-2018-76.md").read_text(encoding="utf-8")
    assert "doc_number: 许教〔2018〕76号" in text and "date: 2018-12-24" in text and "result: B" in text
    assert "title: 继续深化集团化办学\n" in text
    assert "“2018年12月24日”已改写为“2018-12-24”" in result.stderr and "“B类”已改写为“B”" in result.stderr


def test_a_bad_answer_is_asked_again_with_the_reason(site: Path) -> None:
    answers = "\n".join(["许教〔2019〕5号", "2019-2-30", "2019-3-1", "许昌市教育局", "议案", "建议", "市十届人大三次会议", "31",
                         "题目", "张三", "D", "a"]) + "\n"
    result = new(site, answers=answers)
    assert result.exit_code == 0, result.output
    assert "不是一个真实的日期" in result.stderr and "不在本站的类别中" in result.stderr and "不在本站的等级中" in result.stderr
    text = (site / "replies" / "2019" / "xujiao-2019-5.md").read_text(encoding="utf-8")
    assert "date: 2019-03-01" in text and "kind: 建议" in text and "result: A" in text


def test_a_bad_option_is_refused_with_the_reason(site: Path) -> None:
    result = new(site, *OPTIONS[:-2], "--result", "D")
    assert result.exit_code == 1 and "不在本站的等级中" in result.stderr
