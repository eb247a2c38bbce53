"""`python -m scripts validate`: every problem of every file at once, in Chinese, and notes that do not block."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from replysite.model.reply import parse_reply
from replysite.model.settings import Settings
from scripts.cli import main

GOOD = """---
title: {title}
doc_number: 许教〔2018〕{seq}号
agency: 许昌市教育局
result: B
kind: 提案
meeting: 市政协七届二次会议
number: "004"
proposers: [民盟许昌市委]
date: 2018-12-24
---

民盟许昌市委：

正文。
"""


def three_mistakes(seq: int) -> str:
    """A YAML error (a colon in the value), a full-width colon and a grade written A类."""
    text = GOOD.format(title="题目: 副题", seq=seq)
    return text.replace("agency: ", "agency：").replace("result: B", "result: A类")


def run(tmp_path: Path, files: dict[str, str]) -> Result:
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    for name, text in files.items():
        target = tmp_path / "replies" / "2018" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["validate", "--config", str(tmp_path / "mkdocs.yml")])


def test_a_full_width_colon_and_a_yaml_error_do_not_hide_the_other_mistakes() -> None:
    text = three_mistakes(76)
    _, problems = parse_reply("replies/2018/a.md", text, Settings())
    problems = sorted(problems)
    assert [(problem.line, problem.field) for problem in problems] == [(2, "title"), (4, "agency"), (5, "result")]
    assert "全角冒号" in problems[1].message and "YAML" in problems[0].message and "A类" in problems[2].message


def test_every_problem_of_every_file_and_a_chinese_summary(tmp_path: Path) -> None:
    result = run(tmp_path, {"a.md": three_mistakes(76), "b.md": three_mistakes(77)})
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len([line for line in lines if line.startswith("replies/")]) == 6
    assert lines[-1].startswith("共发现 6 处问题，涉及 2 个文件") and "Error" not in result.stderr


def test_a_title_with_its_frame_is_a_note_that_does_not_block(tmp_path: Path) -> None:
    result = run(tmp_path, {"a.md": GOOD.format(title="关于继续深化集团化办学的提案", seq=76)})
    assert result.exit_code == 0, result.output
    assert "提示：replies/2018/a.md: title: " in result.stderr and "title: 继续深化集团化办学（不影响发布）" in result.stderr
    assert result.stdout.strip() == "全部答复文件检查通过。"
