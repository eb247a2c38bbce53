"""Page chrome, stripped dates, subjects and traditional characters: the small rules behind the fixture letters."""

from __future__ import annotations

import pytest

from replysite.importing import fields as read
from replysite.importing.chrome import without_chrome
from replysite.importing.dates import standalone_date, stripped_date
from replysite.importing.traditional import restorer, simplify


def test_chrome_lines_and_the_footer_go() -> None:
    lines = ["您当前的位置:首页 > 政务公开", "分享到:", "张三代表:", "正文。", "扫一扫在手机打开", "主办单位:某县人民政府",
             "联系电话:0000-1234567", "版权所有 ICP备00000000号", "网站标识码:1234"]
    assert without_chrome(lines) == ["张三代表:", "正文。"]


def test_a_letter_that_mentions_copyright_keeps_its_text() -> None:
    lines = ["关于加强版权保护的建议收悉。我局将督促企业在产品上标明版权所有信息，杜绝盗版。", "此复。"]
    assert without_chrome(lines) == lines


STRIPPED = [("2023628", "2023628"), ("  2025427 ", "2025427"), ("2023年6月28日", ""), ("0374-2699897", "")]
SUBJECTS = [
    ("关于加强乡村道路建设的建议", "加强乡村道路建设"),
    ("古城东路投放共享单车问题", "古城东路投放共享单车问题"),
    ("关于“活态”保护的提案", "“活态”保护"),
]


@pytest.mark.parametrize(("line", "stripped"), STRIPPED)
def test_a_date_stripped_of_its_characters_is_recognised_but_never_read(line: str, stripped: str) -> None:
    assert stripped_date(line) == stripped
    assert standalone_date(line) in ("", "2023-06-28")


@pytest.mark.parametrize(("written", "subject"), SUBJECTS)
def test_subject_drops_the_frame_only(written: str, subject: str) -> None:
    assert read.subject(written) == subject


def test_traditional_text_is_matched_simplified_and_given_back_as_written() -> None:
    original = "簽發人：趙建國\n抄送：赵庄镇政府"
    plain = simplify(original)
    assert len(plain) == len(original) and plain.startswith("签发人：赵建国")
    restore = restorer([original])
    assert restore("赵建国") == "趙建國" and restore("赵庄镇政府") == "赵庄镇政府"


def test_proposers_from_a_labelled_field_or_the_body_of_a_co_handling_opinion() -> None:
    assert read.proposers(["代表姓名:甲乙、丙丁"], ["甲乙等代表:", "您提出的建议收悉。"]) == ("甲乙", "丙丁")
    assert read.proposers([], ["区公安局:", "王五委员提出的提案收悉。"]) == ("王五",)
    assert read.proposers([], ["王五委员:", "各位委员提出的提案收悉。"]) == ("王五",)
    assert read.proposers(["协办单位:"], ["庞某某等七位代表:", "你们提出的建议收悉。"]) == ("庞某某",)
