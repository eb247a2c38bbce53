"""Plain-text rules for Chinese letters: full-width folding, character classes, and the spacing scans leave behind.

`fold` keeps every character's position, so a pattern written once with ASCII punctuation can match
full-width and half-width text alike and the match's span still points into the original.
"""

from __future__ import annotations

import re
import unicodedata

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0x00A0: 0x20}

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WIDE_PUNCTUATION = "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u2015"
ANY_SPACE = "[ \t\u3000\u00a0]"
DASHES = "-\u2010-\u2015\u2212\ufe63\uff0d"  # hyphen, the dash family, minus, small and full-width hyphen-minus

_SPACE_WIDE_ALNUM = re.compile(f"(?<=[{CJK}{WIDE_PUNCTUATION}]){ANY_SPACE}+(?=[A-Za-z0-9])")
_SPACE_ALNUM_WIDE = re.compile(f"(?<=[A-Za-z0-9]){ANY_SPACE}+(?=[{CJK}{WIDE_PUNCTUATION}])")
_SPACE_WIDE_MARK = re.compile(f"(?<=[{CJK}{WIDE_PUNCTUATION}]){ANY_SPACE}+(?=[:;,.!?)])")
_SPACE_CJK_CJK = re.compile(f"(?<=[{CJK}{WIDE_PUNCTUATION}]){ANY_SPACE}(?=[{CJK}{WIDE_PUNCTUATION}])")


_WIDE_AMBIGUOUS = "\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7"


def fold(text: str) -> str:
    """Full-width ASCII forms and wide spaces as their ASCII selves, one character for one."""
    return text.translate(_FOLD)


def tidy_spaces(line: str) -> str:
    """Drop the spaces OCR and text layers put between Chinese and Latin text (`2018 年`), inside Chinese,
    and before a half-width mark that follows Chinese (`如下 :`).

    Only a single space between two Chinese characters goes: a wider gap usually separates two fields.
    """
    line = _SPACE_WIDE_ALNUM.sub("", line)
    line = _SPACE_ALNUM_WIDE.sub("", line)
    line = _SPACE_WIDE_MARK.sub("", line)
    return _SPACE_CJK_CJK.sub("", line)


def squeeze(text: str) -> str:
    """`text` with every kind of space removed, for comparing lines as a reader sees them."""
    return re.sub(r"\s+", "", fold(text))


def width(line: str) -> int:
    """How wide `line` prints, its indent included, counting a Chinese character or full-width sign as two.

    Curly quotes, dashes and the ellipsis are "ambiguous" in Unicode but print full-width in Chinese fonts.
    """
    return sum(2 if unicodedata.east_asian_width(char) in "WF" or char in _WIDE_AMBIGUOUS else 1 for char in line.rstrip())
