"""The role and the satisfaction a letter states, one way of stating it a case, and the letters that
state neither: a wrong role is worse than none, so anything unclear gives nothing."""

from __future__ import annotations

import pytest

from replysite.importing import handling
from replysite.importing.letter import import_letter
from replysite.importing.writer import Draft

GRADES = ("A", "B", "C")
HEADING = "许昌市{agency}关于市政协八届三次会议第021号提案的{what}"
TO_PROPOSER = "陈思远委员：\n您提出的关于加快老旧小区加装电梯的提案收悉。{said}现答复如下：\n"
TO_LEAD = "{unit}：\n陈思远委员提出的关于加快老旧小区加装电梯的提案收悉。{said}现提出以下意见：\n"
BODY = "新装电梯的使用登记三个工作日内办结。\n感谢对民生工作的关心和支持。\n"
CLOSING = "许昌市{agency}\n2023年6月30日\n{trailer}"


def letter(opening: str, *, agency: str = "市场监督管理局", what: str = "答复", header: str = "", trailer: str = "") -> Draft:
    """A letter of the 许昌市<agency> on proposal 021, its opening given, imported."""
    text = HEADING.format(agency=agency, what=what) + "\n" + header + opening + BODY + CLOSING.format(agency=agency, trailer=trailer)
    return import_letter([text], GRADES).draft


@pytest.mark.parametrize(("draft", "role"), [
    # an opinion addressed to the lead unit, the proposer named in the third person
    (letter(TO_LEAD.format(unit="许昌市住房和城乡建设局", said="")), "协办"),
    (letter(TO_PROPOSER.format(said="我局作为协办单位，")), "协办"),
    (letter(TO_PROPOSER.format(said="我局作为本件提案的主办单位，会同市自然资源和规划局认真研究，")), "主办"),
    (letter(TO_LEAD.format(unit="市住建局", said=""), what="会办意见"), "会办"),
    (letter(TO_LEAD.format(unit="市住建局", said="现将我局协办意见函告如下。")), "协办"),
    (letter(TO_PROPOSER.format(said="本单位为分办单位，就职责范围内的部分"), agency="魏都区人民政府"), "分办"),
])
def test_a_role_the_letter_states(draft: Draft, role: str) -> None:
    assert draft.role == role


FORM = "主办单位：许昌市交通运输局\n协办单位：{assisting}\n"


@pytest.mark.parametrize(("assisting", "role"), [
    ("许昌市公安局、许昌市自然资源和规划局", "主办"),  # the lead of a shared proposal
    ("", ""),  # the only unit: a single answer needs no role
])
def test_a_handling_form_naming_this_agency_as_lead(assisting: str, role: str) -> None:
    draft = letter(TO_PROPOSER.format(said=""), agency="交通运输局", header=FORM.format(assisting=assisting))
    assert draft.agency == "许昌市交通运输局" and draft.role == role


def test_a_handling_form_naming_this_agency_as_assisting() -> None:
    form = "主办单位：许昌市公安局\n协办单位：许昌市交通运输局、许昌市教育局\n"
    assert letter(TO_PROPOSER.format(said=""), agency="交通运输局", header=form).role == "协办"


@pytest.mark.parametrize(("draft", "why"), [
    (letter(TO_PROPOSER.format(said="")), "a plain reply to the proposer"),
    (letter(TO_PROPOSER.format(said="结合协办单位市自然资源和规划局的意见，")), "a lead letter naming its assisting units"),
    (letter(TO_PROPOSER.format(said=""), trailer="主办单位：许昌市人民政府办公室\n版权所有：许昌市人民政府\n"), "a site footer"),
    (letter(TO_LEAD.format(unit="市政协提案委员会", said="")), "a report to the proposals committee"),
    (letter(TO_LEAD.format(unit="市住建局", said="我局作为协办单位，"), what="会办意见"), "two roles"),
    (letter(TO_LEAD.format(unit="市住建局", said="我局作为主办单位，")), "a lead writing to another unit"),
])
def test_no_role_where_the_letter_is_not_clear(draft: Draft, why: str) -> None:
    assert draft.role == "", why


@pytest.mark.parametrize(("line", "rating"), [
    ("代表对办理结果：满意", "满意"),
    ("委员对答复的意见：基本满意。", "基本满意"),
    ("满意度：不满意", "不满意"),
    ("提案人对办理工作的评价: 满意", "满意"),
    ("以上答复您是否满意，如有意见，敬请反馈。", ""),  # a question, not a rating
    ("代表对办理结果：满意 □ 基本满意 □ 不满意 □", ""),  # a form listing the choices
    ("群众满意度：满意", ""),  # not the proposer's
    ("我们将努力让群众满意。", ""),
])
def test_satisfaction_only_where_the_letter_states_the_proposers_rating(line: str, rating: str) -> None:
    assert handling.satisfaction([line]) == rating


def test_satisfaction_from_a_whole_letter_and_not_from_two_ratings() -> None:
    assert letter(TO_PROPOSER.format(said=""), trailer="代表对办理结果：满意\n").satisfaction == "满意"
    assert handling.satisfaction(["满意度：满意", "满意度：不满意"]) == ""


def test_an_imported_file_writes_the_role_and_the_satisfaction_only_when_found() -> None:
    found = import_letter([HEADING.format(agency="市场监督管理局", what="答复") + "\n" + TO_PROPOSER.format(said="我局作为协办单位，")
                           + BODY + CLOSING.format(agency="市场监督管理局", trailer="满意度：基本满意\n")], GRADES)
    assert "\nrole: 协办\n" in found.file_text() and "\nsatisfaction: 基本满意\n" in found.file_text()
    plain = import_letter([HEADING.format(agency="市场监督管理局", what="答复") + "\n" + TO_PROPOSER.format(said="")
                           + BODY + CLOSING.format(agency="市场监督管理局", trailer="")], GRADES)
    assert "role" not in plain.file_text() and "satisfaction" not in plain.file_text()
