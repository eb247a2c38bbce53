"""Cut a letter into its three parts: the header above the salutation, the body, and what follows the closing.

The body runs from the salutation (`民盟许昌市委：`) to the closing. What follows it is the
signature, the date, the contact line, 抄送 and the 印发 line, in whatever order the letter has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from replysite.importing.dates import standalone_date, stripped_date
from replysite.importing.layout import SENTENCE_END
from replysite.importing.text import fold

HEADING_ANCHOR = re.compile(
    r"(?:第\s*|会议|^\s*)(?:[0-9A-Za-z-]+|来信)\s*号\s*(?:代表)?\s*(?:提案|建议|议案)|(?:提案|建议|议案)\s*:?\s*第\s*[0-9A-Za-z-]+\s*号"
    r"|的(?:答复|复函|回复)(?:函)?\s*$"
)
LABELS = (
    "签发", "簽發", "办理结果", "类别", "文号", "联系", "抄送", "印发", "密级", "紧急", "主题词", "附件", "电话",
    "单位", "负责人", "来源", "字号", "时间", "日期", "办理情况", "事由", "姓名", "编号", "内容", "承办人",
)  # a line `协办单位:` with nothing after it is an empty field, not a salutation
SALUTATION = re.compile(r"^\s*(?:尊敬的?)?(?!.*如下)[^:。，,；;!！?？]{2,60}?\s*:\s*$")
BARE_SALUTATION = re.compile(r"^\s*(?:尊敬的?)?[\u4e00-\u9fff·、]{2,40}(?:代表|委员)\s*$")  # 高松代表, its colon lost
TRAILER_MARK = re.compile(
    r"^\s*\(?\s*(?:联\s*系\s*(?:单\s*位|人|电\s*话)|抄\s*[送报]|承\s*办\s*(?:单\s*位|人)|经\s*办\s*人|分\s*管\s*领\s*导|主\s*要\s*签\s*发|此\s*件|(?:签\s*发|簽\s*發)|办\s*理\s*结\s*果|办\s*复\s*类\s*别|类\s*别\s*:|.{2,40}印\s*发\s*$)"
)
SIGNATURE_MAX = 30
SIGNATURE_SUFFIX = re.compile(r"(?:局|委|委员会|办|办公室|厅|院|政府|部|中心|会|处|所|站|公司|馆|社|队|署|室|团|府)(?:\(\S{1,4}\))?$")


@dataclass(frozen=True)
class LetterParts:
    """The lines of a letter, cut into header, body and trailer."""

    header: list[str]
    body: list[str]
    trailer: list[str]


def split_letter(lines: list[str]) -> LetterParts:
    """Find the salutation and the end of the closing; the lines before, between and after."""
    start = _body_start(lines)
    end = _body_end(lines, start)
    return LetterParts(lines[:start], lines[start:end], lines[end:])


def heading_line(lines: list[str]) -> int:
    """Index of the line naming the item replied to (…第004号提案…), or -1."""
    for index, line in enumerate(lines[:40]):
        if HEADING_ANCHOR.search(fold(line)) and not is_salutation(line):
            return index
    return -1


def is_salutation(line: str) -> bool:
    folded = fold(line)
    return bool(SALUTATION.match(folded) or BARE_SALUTATION.match(folded)) and not any(label in folded.replace(" ", "") for label in LABELS)


def _body_start(lines: list[str]) -> int:
    heading = heading_line(lines)
    for index in range(heading + 1, len(lines)):
        if is_salutation(lines[index]):
            return index
    for index in range(heading + 1, len(lines)):
        if "收悉" in lines[index]:
            return index
    return heading + 1


def _body_end(lines: list[str], start: int) -> int:
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if standalone_date(line) or stripped_date(line) or TRAILER_MARK.match(fold(line)):
            return _back_over_signature(lines, index, start)
    return _back_over_signature(lines, len(lines), start)


def _back_over_signature(lines: list[str], end: int, start: int) -> int:
    """Move `end` back over the signing agency's name, which stands above the date."""
    index = end
    while index - 1 > start:
        line = fold(lines[index - 1]).strip()
        if not line:
            index -= 1
            continue
        if len(line) <= SIGNATURE_MAX and line[-1] not in SENTENCE_END and SIGNATURE_SUFFIX.search(line.replace(" ", "")):
            end = index - 1
            index -= 1
            continue
        break
    return end
