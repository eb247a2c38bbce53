"""Body cleaning and page layout: furniture removed, wrapped and page-cut paragraphs joined, Markdown kept plain."""

from __future__ import annotations

from pathlib import Path

import pytest

from replysite.importing.body import body_markdown
from replysite.importing.layout import is_wrapped, remove_furniture, unwrap
from replysite.importing.parts import split_letter
from replysite.importing.source import LetterSourceError, decode, read_letter
from replysite.importing.text import tidy_spaces, width


@pytest.mark.parametrize("line", [
    "由 扫描全能王 扫描创建", "CS扫描全能王", "扫描全能王 3亿人都在用的扫描App", "Scanned with CamScanner",
    "- 2 -", "— 3 —", "3", "第2页", "第 2 页 共 3 页", "共3页 第2页", "2/3", "Page 2 of 3",
])
def test_furniture_lines_go(line: str) -> None:
    assert remove_furniture((f"正文第一段。\n{line}\n正文第二段。",)) == ["正文第一段。", "正文第二段。"]


def test_text_lines_stay() -> None:
    lines = ["1. 紧密型。", "2018", "一、加强课程建设", "扫描件已存档。"]
    assert remove_furniture(("\n".join(lines),)) == lines


def test_repeated_letterhead_goes() -> None:
    pages = ("许昌市教育局文件\n\n许教〔2018〕76号\n\n正文，", "许昌市教育局文件\n许教〔2018〕76号\n接上页。")
    lines = remove_furniture(pages)
    assert lines.count("许昌市教育局文件") == 1 and lines.count("许教〔2018〕76号") == 1
    assert lines[-1] == "接上页。"


def test_page_break_joins_a_cut_sentence_but_not_a_finished_one() -> None:
    lines = ["称呼：", "", "第一段被分页", "", "", "", "截断了。", "", "第二段完整。", "", "", "第三段。"]
    assert body_markdown(lines) == "称呼：\n\n第一段被分页截断了。\n\n第二段完整。\n\n第三段。"


def test_section_heading_standing_alone_is_not_joined() -> None:
    lines = ["一、基本情况", "", "今年以来，我市开展了工作。", "", "（二）丰富服务内容", "", "各学校结合实际。"]
    assert body_markdown(lines).split("\n\n") == ["一、基本情况", "今年以来，我市开展了工作。", "（二）丰富服务内容", "各学校结合实际。"]


def test_half_width_sentence_end_is_a_sentence_end() -> None:
    assert body_markdown(["第一段.", "", "第二段!"]) == "第一段.\n\n第二段!"


def test_spaces_left_by_ocr_go() -> None:
    assert tidy_spaces("截至 2020 年 6 月底 ，全市建成 5G 基站") == "截至2020年6月底，全市建成5G基站"
    assert tidy_spaces("由总校安排 1-2 教学骨干") == "由总校安排1-2教学骨干"
    assert tidy_spaces("现答复如下 :") == "现答复如下:"
    assert tidy_spaces("1. 紧密型") == "1. 紧密型"
    assert tidy_spaces("张  伟") == "张  伟"  # a wide gap may separate two fields: kept


def test_markdown_syntax_at_a_paragraph_start_stays_text() -> None:
    assert body_markdown(["# 号码。", "", "- 项目。", "", "> 引文。", "", "1. 紧密型。"]).split("\n\n") == [
        "\\# 号码。", "\\- 项目。", "\\> 引文。", "1. 紧密型。",
    ]


def test_width_counts_chinese_and_curly_quotes_as_two() -> None:
    assert width("许昌") == 4 and width("“三名”") == 8 and width("2018") == 4 and width("　　许") == 6


WRAPPED = [
    "　　一、强化建筑工地管控。我局会同市住房城乡建设局对全市在建工地实行",
    "清单化管理，严格落实“六个百分之百”防尘措施，对违规工地依法立案查处，",
    "今年以来共检查工地1260余次，下达整改通知书213份。",
    "　　二、提升道路保洁水平。城区主次干道全面推行机械化清扫和洒水作业，",
    "机扫率达到95%以上，渣土运输车辆全部安装卫星定位装置，实行密闭运输。",
]


def test_wrapped_lines_are_joined_into_paragraphs() -> None:
    assert is_wrapped(WRAPPED)
    joined = unwrap(WRAPPED)
    assert [line.strip() for line in joined] == [
        "一、强化建筑工地管控。我局会同市住房城乡建设局对全市在建工地实行清单化管理，严格落实“六个百分之百”防尘措施，"
        "对违规工地依法立案查处，今年以来共检查工地1260余次，下达整改通知书213份。",
        "二、提升道路保洁水平。城区主次干道全面推行机械化清扫和洒水作业，机扫率达到95%以上，渣土运输车辆全部安装卫星定位装置，实行密闭运输。",
    ]


def test_one_paragraph_a_line_is_not_unwrapped() -> None:
    lines = [
        "民盟许昌市委：",
        "您提出的关于“继续深化集团化办学”的提案收悉。现答复如下：",
        "一、深入推进集团化办学。为消除城区“择校热”，破解“大班额”现象，推动我市义务教育均衡发展，扩大优质教育资源覆盖面。",
        "二、加强“双名”培训力度。",
        "三、加强课程建设。我市各学校重视校本教材的开发，遵循不同学龄阶段学生的身心成长规律。",
        "感谢您对教育工作的支持和关注！",
    ]
    assert not is_wrapped(lines)
    assert unwrap(lines) == lines


def test_split_letter_finds_salutation_and_closing() -> None:
    lines = ["许昌市教育局文件", "许教〔2018〕76号", "对市政协七届二次会议第004号提案的答复", "民盟许昌市委：", "正文。", "特此答复。", "",
             "许昌市教育局", "2018年12月24日", "抄送：市政协提案委"]
    parts = split_letter(lines)
    assert parts.header == lines[:3]
    assert [line for line in parts.body if line] == ["民盟许昌市委：", "正文。", "特此答复。"]
    assert parts.trailer[0] == "许昌市教育局"


def test_decode_utf8_with_bom_and_gbk() -> None:
    assert decode("\ufeff民盟：\r\n".encode(), Path("x.txt")) == "民盟：\n"
    assert decode("民盟许昌市委：".encode("gbk"), Path("x.txt")) == "民盟许昌市委："
    with pytest.raises(LetterSourceError, match="编码"):
        decode(b"\xff\xfe\x00\xd8\x00", Path("x.txt"))


def test_unsupported_file_is_refused_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "letter.pages"
    path.write_bytes(b"PK")
    with pytest.raises(LetterSourceError, match="不支持"):
        read_letter(path)


def test_broken_pdf_is_refused_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(LetterSourceError, match="PDF"):
        read_letter(path)
