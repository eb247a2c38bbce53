"""Dates as letters write them: 2018年12月24日, 二〇一八年十二月二十四日, 2018.12.24, 2018-12-24."""

from __future__ import annotations

import datetime
import re

from replysite.importing.text import fold

_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZERO = "〇○零Oo0"
_CHINESE_YEAR = f"[{_ZERO}一二三四五六七八九]{{4}}"
_CHINESE_SMALL = "[一二三四五六七八九十]{1,3}"
DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    rf"|(?P<cy>{_CHINESE_YEAR})\s*年\s*(?P<cm>{_CHINESE_SMALL})\s*月\s*(?P<cd>{_CHINESE_SMALL})\s*日"
    r"|(?<![\d.])(?P<ny>\d{4})\s*(?P<sep>[./-])\s*(?P<nm>\d{1,2})\s*(?P=sep)\s*(?P<nd>\d{1,2})(?![\d.])"
)
_ISSUED = re.compile(r"印\s*发(?:\s*日\s*期)?\s*:?")


def find_dates(text: str) -> list[tuple[int, str]]:
    """Each real calendar date in `text`: where it starts, and the date as YYYY-MM-DD."""
    found = []
    for match in DATE.finditer(fold(text)):
        day = _to_date(match)
        if day is not None:
            found.append((match.start(), day.isoformat()))
    return found


def standalone_date(line: str) -> str:
    """The date, if `line` holds nothing but a date (and perhaps 印发); else the empty string."""
    folded = fold(line).strip()
    match = DATE.search(folded)
    day = _to_date(match) if match else None
    if match is None or day is None:
        return ""
    rest = _ISSUED.sub("", folded[: match.start()] + folded[match.end() :])
    return "" if re.sub(r"[\s()]", "", rest) else day.isoformat()


def _to_date(match: re.Match[str]) -> datetime.date | None:
    if match["y"]:
        parts = (int(match["y"]), int(match["m"]), int(match["d"]))
    elif match["cy"]:
        year = int("".join(str(_DIGIT[char]) for char in match["cy"]))
        parts = (year, chinese_number(match["cm"]), chinese_number(match["cd"]))
    else:
        parts = (int(match["ny"]), int(match["nm"]), int(match["nd"]))
    if not 1949 <= parts[0] <= 2100:
        return None
    try:
        return datetime.date(*parts)
    except ValueError:
        return None


def chinese_number(text: str) -> int:
    """一 to 三十一 as a number; 0 for anything else."""
    if "十" not in text:
        return _DIGIT.get(text, 0) if len(text) == 1 else 0
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return 0
    return (_DIGIT.get(tens, 0) if tens else 1) * 10 + (_DIGIT.get(ones, 0) if ones else 0)


_STRIPPED = re.compile(r"^\s*(?:19|20)\d{4,6}\s*$")


def stripped_date(line: str) -> str:
    """A date whose 年, 月 and 日 were lost (2023628 for 2023年6月28日): the digits as written, else "".

    Its day cannot be told for sure (2023121 is 1 December or 21 January), so it is never read as a date.
    """
    folded = fold(line)
    return folded.strip() if _STRIPPED.match(folded) else ""
