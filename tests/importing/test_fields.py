"""Each field reader on the ways letters write it, one variant a case."""

from __future__ import annotations

import pytest

from replysite.importing import fields as read
from replysite.importing.dates import find_dates, standalone_date
from replysite.model.reply import Contact

GRADES = ("A", "B", "C")


@pytest.mark.parametrize(("line", "expected"), [
    ("许教〔2018〕76号", "许教〔2018〕76号"),
    ("许建[2019]23号", "许建〔2019〕23号"),
    ("许交【2020】11号A类", "许交〔2020〕11号"),
    ("许卫(2021)45号", "许卫〔2021〕45号"),
    ("许文旅（2022）6号", "许文旅〔2022〕6号"),
    ("许人社〔2024〕第3号", "许人社〔2024〕3号"),
    ("许 发 改 (2020] 58 号", "许发改〔2020〕58号"),
    ("许教［2018］76号", "许教〔2018〕76号"),
    ("许财〔2019〕102号          签发人：刘洋", "许财〔2019〕102号"),
    ("2018年12月24日", ""),
])
def test_doc_number(line: str, expected: str) -> None:
    assert read.doc_number([line]) == expected


@pytest.mark.parametrize(("line", "expected"), [
    ("办理结果：B", "B"),
    ("办理结果：(C)", "C"),
    ("办理结果：（C）", "C"),
    ("办理结果类别：C类", "C"),
    ("办理结果类别：Ｃ类", "C"),
    ("(A)类", "A"),
    ("（B）类", "B"),
    ("A类", "A"),
    ("类别：B", "B"),
    ("类别：提案", ""),
    ("许交【2020】11号A类", "A"),
    ("办 理 结 果 : ( B )", "B"),
    ("（办理结果：A类）", "A"),
    ("办理结果:B", "B"),
    ("ABC类", ""),
    ("办理结果：已解决", ""),
])
def test_grade(line: str, expected: str) -> None:
    assert read.grade([line], GRADES) == expected


def test_grade_uses_the_sites_codes() -> None:
    assert read.grade(["办理结果：乙类"], ("甲", "乙", "丙")) == "乙"
    assert read.grade(["办理结果：D"], GRADES) == ""


@pytest.mark.parametrize(("line", "expected"), [
    ("签发人：杨钧安", "杨钧安"),
    ("签 发 人：王  伟", "王伟"),
    ("簽發人：趙建國", "趙建國"),
    ("领导签发：陈立新", "陈立新"),
    ("签发人:何勇", "何勇"),
    ("签 发 人 : 郑 小 凯", "郑小凯"),
    ("许财〔2019〕102号          签发人：刘洋", "刘洋"),
    ("签发人：杨钧安    办理结果：B", "杨钧安"),
])
def test_signer(line: str, expected: str) -> None:
    assert read.signer([line]) == expected


@pytest.mark.parametrize(("lines", "expected"), [
    (["对市政协七届二次会议第004号提案的答复"], ("提案", "市政协七届二次会议", "004")),
    (["对市政协七届二次会议 第004号提案的答复"], ("提案", "市政协七届二次会议", "004")),
    (["关于市十届人大三次会议第31号建议的答复"], ("建议", "市十届人大三次会议", "31")),
    (["关于市十届人大三次会议", "第31号建议的答复"], ("建议", "市十届人大三次会议", "31")),
    (["关于市十一届人大一次会议第8号议案的答复"], ("议案", "市十一届人大一次会议", "8")),
    (["许昌市财政局关于市政协七届三次会议第156号提案的答复"], ("提案", "市政协七届三次会议", "156")),
    (["对许昌市政协第七届委员会", "第二次会议第004号提案的答复"], ("提案", "许昌市政协第七届委员会第二次会议", "004")),
    (["关于市政协七届二次会议提案第12号的答复"], ("提案", "市政协七届二次会议", "12")),
    (["关于加强城市管理的答复"], ("", "", "")),
])
def test_heading(lines: list[str], expected: tuple[str, str, str]) -> None:
    assert read.heading(lines) == expected


@pytest.mark.parametrize(("salutation", "expected"), [
    ("民盟许昌市委：", ("民盟许昌市委",)),
    ("张三等3名代表：", ("张三",)),
    ("张三、李四委员：", ("张三", "李四")),
    ("尊敬的李明代表：", ("李明",)),
    ("王五等12名代表：", ("王五",)),
    ("九三学社许昌市委员会：", ("九三学社许昌市委员会",)),
    ("民盟许昌市委、农工党许昌市委 :", ("民盟许昌市委", "农工党许昌市委")),
    ("陈红代表:", ("陈红",)),
    ("张三等代表：", ("张三",)),
    ("签发人：杨钧安", ()),
])
def test_proposers(salutation: str, expected: tuple[str, ...]) -> None:
    assert read.salutation_names(salutation) == expected


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("您提出的关于“继续深化集团化办学，快速放大优质教育资源总量”的提案收悉。", "继续深化集团化办学，快速放大优质教育资源总量"),
    ("您提出的《关于加强校园周边食品安全监管的建议》收悉。", "加强校园周边食品安全监管"),
    ("您提出的关于加大对中小微企业财政扶持力度的提案收悉。", "加大对中小微企业财政扶持力度"),
    ('您提出的关于"提高城乡居民基础养老金标准"的建议收悉.', "提高城乡居民基础养老金标准"),
    ("感谢您对教育工作的关心和支持！", ""),
])
def test_title(paragraph: str, expected: str) -> None:
    assert read.title([paragraph]) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2018年12月24日", "2018-12-24"),
    ("2018 年 12 月 24 日", "2018-12-24"),
    ("二〇一八年十二月二十四日", "2018-12-24"),
    ("二0一八年十二月二十四日", "2018-12-24"),
    ("二○二○年七月九日", "2020-07-09"),
    ("二〇二二年六月三十日", "2022-06-30"),
    ("2018.12.24", "2018-12-24"),
    ("2018-12-24", "2018-12-24"),
    ("２０１８年１２月２４日", "2018-12-24"),
    ("2018年2月30日", ""),
    ("0374-2699897", ""),
])
def test_dates(text: str, expected: str) -> None:
    found = find_dates(text)
    assert (found[0][1] if found else "") == expected


def test_standalone_date_only_when_the_line_is_a_date() -> None:
    assert standalone_date("2018年12月24日印发") == "2018-12-24"
    assert standalone_date("（2018年12月24日）") == "2018-12-24"
    assert standalone_date("2018年12月24日，我局召开了座谈会。") == ""


def test_issue_date_prefers_the_printing_date() -> None:
    trailer = ["许昌市文化广电和旅游局", "二0二二年五月十二日", "许昌市文化广电和旅游局办公室      2022年5月16日印发"]
    assert read.issue_date(trailer, []) == "2022-05-16"
    assert read.issue_date(trailer[:2], []) == "2022-05-12"


@pytest.mark.parametrize(("lines", "expected"), [
    (["联系单位及电话：基础教育科 0374—2699897", "联系人：李瑛"], Contact("基础教育科", "李瑛", "0374-2699897")),
    (["联系人及电话：李伟  8788586"], Contact("", "李伟", "8788586")),
    (["（联系人：赵敏，联系电话：0374-2961234）"], Contact("", "赵敏", "0374-2961234")),
    (["(联系人:赵敏,联系电话:0374-2961234)"], Contact("", "赵敏", "0374-2961234")),
    (["联系单位：医政科", "联系人：孙丽", "联系电话：0374-2335566"], Contact("医政科", "孙丽", "0374-2335566")),
    (["联系人：黄晓东  联系电话：0374-2961122"], Contact("", "黄晓东", "0374-2961122")),
    (["联系单位及电话 : 高技术产业科 0374 - 2966001", "联系人 : 于 洋"], Contact("高技术产业科", "于洋", "0374-2966001")),
    (["联系单位及电话: 基础教育科 0374一2699897"], Contact("基础教育科", "", "0374-2699897")),
    (["（联系人：宁静，联系电话：13937456789）"], Contact("", "宁静", "13937456789")),
    (["特此答复。"], Contact()),
])
def test_contact(lines: list[str], expected: Contact) -> None:
    assert read.contact(lines) == expected


@pytest.mark.parametrize(("lines", "expected"), [
    (["抄送：市政协提案委（3份），市政府督查室（2份）。"], ("市政协提案委（3份）", "市政府督查室（2份）")),
    (["抄送：市政协提案委(2份)、市政府办公室(1份)"], ("市政协提案委（2份）", "市政府办公室（1份）")),
    (["抄送:市人大人事代表工作委员会,市政府督查室."], ("市人大人事代表工作委员会", "市政府督查室")),
    (["抄  送：市政协提案委（3份），", "市政府督查室（2份）。"], ("市政协提案委（3份）", "市政府督查室（2份）")),
    (["抄送：市政协提案委（3份），市政府督查室（2份）", "2018年12月24日印发"], ("市政协提案委（3份）", "市政府督查室（2份）")),
    (["抄送：市发展改革委（规划科、投资科）"], ("市发展改革委（规划科、投资科）",)),
])
def test_cc(lines: list[str], expected: tuple[str, ...]) -> None:
    assert read.cc(lines) == expected


@pytest.mark.parametrize(("header", "trailer", "expected"), [
    (["许昌市教育局文件", "许教〔2018〕76号"], [], "许昌市教育局"),
    (["许 昌 市 发 展 和 改 革 委 员 会 文 件"], [], "许昌市发展和改革委员会"),
    (["许建[2019]23号"], ["许昌市住房和城乡建设局", "2019年6月18日"], "许昌市住房和城乡建设局"),
    (["漯河市市场监督管理局", "漯市监〔2022〕27号"], [], "漯河市市场监督管理局"),
    (["关于市政协八届二次会议第077号提案的答复"], [], ""),
    ([], ["许昌市教育局办公室", "2018年12月24日印发"], "许昌市教育局"),
    ([], ["许昌市教育局办公室  2018年12月24日印发"], "许昌市教育局"),
])
def test_agency(header: list[str], trailer: list[str], expected: str) -> None:
    assert read.agency(header, trailer) == expected
