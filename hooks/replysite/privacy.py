"""Privacy guard: resident ID numbers and mobile phone numbers must not be published.

The disclosure rules bar personal information from public replies. Numbers staff have reviewed
and decided to publish are listed in the reply's own `reviewed_numbers` field, visible in the file.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable

from .problems import Problem

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
_ID = re.compile(r"(?<![0-9])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}[0-9]{4}[0-9]{3}[0-9Xx](?![0-9A-Za-z])")
# Runs of digits (with the separators a phone number may have) long enough to be a mobile or an ID:
# scanning for these first keeps the exact patterns off the Chinese text, where they cannot match.
_CANDIDATE = re.compile(r"[0-9+][0-9 \t+-]{9,}[0-9Xx]")
# Full-width digits, letters and signs as typed by Chinese input methods, folded to ASCII.
_FOLD = str.maketrans({**{chr(0xFF10 + d): str(d) for d in range(10)}, "Ｘ": "X", "ｘ": "x", "＋": "+", "－": "-", "\u3000": " "})
_FULL_WIDTH = re.compile("[\uff10-\uff19]")
_MOBILE = re.compile(r"(?<![0-9+])(?:(?:\+|00)?86[ \t-]?)?1[3-9][0-9](?:[ \t-]?[0-9]){8}(?![0-9])")


def id_is_valid(number: str) -> bool:
    """An 18-digit resident ID with a real birth date and a GB 11643-1999 check digit."""
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17].upper()


def mask(number: str) -> str:
    """`13812341234` -> `138****1234`; IDs keep their first 3 and last 4 characters."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def find_personal_numbers(text: str) -> list[tuple[int, str, str]]:
    """(offset, kind, bare number) of every ID or mobile number in the text, full-width digits included."""
    # One character for one, so offsets stay the same; most files have nothing to fold.
    text = text.translate(_FOLD) if _FULL_WIDTH.search(text) else text
    found = []
    for run in _CANDIDATE.finditer(text):
        start = max(run.start() - 1, 0)  # one character of context each side for the look-arounds
        window = text[start : run.end() + 1]
        found += [(start + match.start(), "身份证号", match.group()) for match in _ID.finditer(window) if id_is_valid(match.group())]
        found += [(start + match.start(), "手机号", _bare_mobile(match.group())) for match in _MOBILE.finditer(window)]
    return sorted(found)


def _bare_mobile(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    return digits[-11:]


def _normalised(number: str) -> str:
    """A number as compared with `reviewed_numbers`: an ID whole, a phone by its last 11 digits."""
    bare = re.sub(r"[^0-9X]", "", unicodedata.normalize("NFKC", number).upper())
    return bare if len(bare) == 18 else bare[-11:]


def scan(path: str, text: str, reviewed: Iterable[str], fields: dict[int, str]) -> list[Problem]:
    """Problems for personal numbers in a reply file's text, except numbers staff have reviewed."""
    allowed = {_normalised(number) for number in reviewed}
    problems = []
    for offset, kind, found in find_personal_numbers(text):
        if _normalised(found) not in allowed:
            line = text.count("\n", 0, offset) + 1
            problems.append(Problem(
                path, line, fields.get(line, "body"),
                f"含有{kind} {mask(found)}：依照信息公开规定不得公开个人{kind}，请删除或改为 {mask(found)} 这样的部分隐藏写法；"
                "确需公开的（如单位公开的服务电话），请把号码写入 reviewed_numbers 字段。",
            ))
    return problems
