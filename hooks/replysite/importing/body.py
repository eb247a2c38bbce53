"""Turn the body lines of a letter, salutation to closing, into the reply's Markdown.

Each paragraph becomes one Markdown paragraph. A paragraph that a page break cut in two (blank
lines, and it does not end a sentence) is joined again; a section heading standing alone is not.
"""

from __future__ import annotations

import re

from replysite.importing.layout import SECTION, SENTENCE_END
from replysite.importing.text import fold, tidy_spaces

HEADING_MAX = 30  # a numbered line this short without a full stop is a section heading
_MARKDOWN_START = re.compile(r"^[#>*+`-]")


def body_markdown(lines: list[str]) -> str:
    """The paragraphs of `lines`, cleaned, one blank line between them."""
    paragraphs: list[str] = []
    cut = False  # whether blank lines stand between the last paragraph and this line
    for raw in lines:
        line = tidy_spaces(raw.strip().strip("\u3000").strip())
        if not line:
            cut = bool(paragraphs)
            continue
        if cut and len(paragraphs) > 1 and _continues(paragraphs[-1], line):  # the salutation stands alone
            paragraphs[-1] = _join(paragraphs[-1], line)
        else:
            paragraphs.append(line)
        cut = False
    return "\n\n".join(_escape(paragraph) for paragraph in paragraphs)


def _continues(paragraph: str, line: str) -> bool:
    """Whether `line`, after blank lines, goes on with `paragraph` that a page break cut."""
    if paragraph[-1] in SENTENCE_END:
        return False
    is_heading = SECTION.match(fold(paragraph)) is not None and len(paragraph) <= HEADING_MAX and "。" not in paragraph
    return not is_heading


def _join(left: str, right: str) -> str:
    if left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return tidy_spaces(left + right)


def _escape(paragraph: str) -> str:
    """Keep a paragraph that happens to start like Markdown syntax (`# `, `- `, `> `) as plain text."""
    return "\\" + paragraph if _MARKDOWN_START.match(paragraph) else paragraph
