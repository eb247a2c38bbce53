"""Undo what paper did to a letter's text: page furniture, and lines wrapped at the page's edge.

Page furniture is what a page carries besides the letter: scanner watermarks, page numbers, and the
letterhead repeated at the top of later pages. Wrapped lines come from PDF text layers and OCR, where
every printed line is a line of text; they are joined back into paragraphs by how full each line is.
"""

from __future__ import annotations

import re

from replysite.importing.text import DASHES, fold, squeeze, width

WATERMARK = re.compile(
    r"扫\s*描\s*全\s*能\s*王|全\s*能\s*扫\s*描\s*王|camscanner|scanned\s+(?:by|with)|由\s*\S{0,10}\s*扫\s*描\s*创\s*建",
    re.IGNORECASE,
)
PAGE_NUMBER = re.compile(
    rf"^\s*[{DASHES}_~]?\s*\d{{1,3}}\s*[{DASHES}_~]?\s*$"  # 3, - 3 -, — 3 —
    r"|^\s*第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?\s*$"  # 第3页, 第3页 共5页
    r"|^\s*共\s*\d{1,3}\s*页\s*[,/]?\s*第\s*\d{1,3}\s*页\s*$"
    r"|^\s*\d{1,3}\s*/\s*\d{1,3}\s*$"  # 3/5
    r"|^\s*page\s*\d{1,3}(?:\s*of\s*\d{1,3})?\s*$",
    re.IGNORECASE,
)
SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、](?!\d)|\(\d{1,2}\))")
SENTENCE_END = "。！？：；”!?:;.\""
INDENT = re.compile(r"^(?:\u3000|\s{2,})")
# How much narrower than the page's full width (2 = one Chinese character) a line may be and still run on:
# little for a line that ends a sentence, more for one cut mid-sentence (an indented first line is 4 narrower).
FULL_SLACK = 3
RUN_ON_SLACK = 8
LETTERHEAD_MAX = 30


def remove_furniture(pages: tuple[str, ...]) -> list[str]:
    """The lines of all pages with watermarks, page numbers and repeated letterheads taken out.

    Pages are joined by blank lines, the way a page break looks in a letter typed out by hand.
    """
    page_lines = [page.split("\n") for page in pages]
    first_lines = [squeeze(line) for line in page_lines[0] if line.strip()][:5] if page_lines else []
    letterhead = first_lines[0] if first_lines and _is_heading_like(first_lines[0]) else ""
    lines: list[str] = []
    for number, page in enumerate(page_lines):
        kept = [line for line in page if not _is_furniture(line)]
        if number:
            kept = _drop_running_header(kept, first_lines)
            lines += ["", "", ""]
        lines += kept
    seen_letterhead = False
    result: list[str] = []
    for line in lines:
        if letterhead and squeeze(line) == letterhead:
            if seen_letterhead:
                continue
            seen_letterhead = True
        result.append(line.rstrip())
    return result


def _is_furniture(line: str) -> bool:
    folded = fold(line)
    return bool(WATERMARK.search(folded) or PAGE_NUMBER.match(folded))


def _is_heading_like(text: str) -> bool:
    return len(text) <= LETTERHEAD_MAX and not re.search(r"[。，；！？,;!?]", text)


def _drop_running_header(lines: list[str], first_lines: list[str]) -> list[str]:
    """A later page's top lines that repeat the first page's letterhead or 文号 line."""
    head = 0
    for line in lines:
        if not line.strip():
            head += 1
            continue
        if squeeze(line) in first_lines and _is_heading_like(squeeze(line)):
            head += 1
            continue
        break
    return lines[head:]


def is_wrapped(lines: list[str]) -> bool:
    """Whether the text was broken at a fixed line width (a PDF or OCR), not written one paragraph a line."""
    widths = sorted((width(line) for line in lines if line.strip()), reverse=True)
    if len(widths) < 4:
        return False
    full = widths[min(2, len(widths) - 1)]
    if widths[0] > full + 4:  # printed lines stop at the margin (a closing mark may hang past it), paragraphs do not
        return False
    near_full = sum(1 for value in widths if value >= full - RUN_ON_SLACK)
    return near_full >= max(3, len(widths) * 0.3)


def unwrap(lines: list[str]) -> list[str]:
    """Join each printed line that runs to the page's edge with the line after it.

    A line that stops short, or one followed by an indented line or by a new numbered section
    after a finished sentence, ends its paragraph. Where the text shows paragraph indents, a line
    that ends a sentence near the margin runs on too, since the next paragraph would be indented.
    Blank lines are kept for the page-break rule.
    """
    if not is_wrapped(lines):
        return lines
    widths = sorted((width(line) for line in lines if line.strip()), reverse=True)
    full = widths[min(2, len(widths) - 1)]
    indented = sum(1 for line in lines if line.strip() and INDENT.match(line)) >= 2
    result: list[str] = []
    runs_on = False
    for line in lines:
        if result and result[-1].strip() and line.strip() and runs_on and not _starts_paragraph(result[-1], line):
            result[-1] = result[-1].rstrip() + line.strip()
        else:
            result.append(line)
        slack = FULL_SLACK if line.rstrip()[-1:] in SENTENCE_END and not indented else RUN_ON_SLACK
        runs_on = width(line) >= full - slack
    return result


def _starts_paragraph(previous: str, line: str) -> bool:
    if INDENT.match(line):
        return True
    return bool(SECTION.match(fold(line))) and previous.rstrip()[-1:] in SENTENCE_END
