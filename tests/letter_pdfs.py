"""Render the seed letter as the paper original looked, to a text-layer PDF and to an image-only scan.

The original is the seed's header and trailer around the body as published (its paragraphs whole),
set like an official letter: indented paragraphs wrapped at the margin, page numbers at the foot,
and on the scan the scanner app's watermark. Both are made in the test's own folder; nothing is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.accuracy import SEED_LETTER, SEED_REPLY

TEXT_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")  # Debian fonts-wqy-zenhei: TrueType outlines
SCAN_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian fonts-noto-cjk
SCAN_FONT_INDEX = 2  # Noto Sans CJK SC in the collection
WATERMARK = "由 扫描全能王 扫描创建"
CLOSING = "，。、；：？！”’）》」』"


@dataclass(frozen=True)
class Line:
    """One printed line: its text, its left offset in characters, and whether it is centred."""

    text: str
    indent: int = 0
    centre: bool = False


def original_lines() -> list[tuple[str, str]]:
    """(style, text) for each block of the letter: header lines, the body's paragraphs, trailer lines."""
    seed = [line.strip() for line in SEED_LETTER.read_text(encoding="utf-8").split("\n") if line.strip()]
    start = seed.index("民盟许昌市委：")
    end = next(index for index, line in enumerate(seed) if line.endswith("促进我市基础教育健康发展。")) + 1
    body = SEED_REPLY.read_text(encoding="utf-8").split("---\n", 2)[2].strip().split("\n\n")
    header = [("centre" if index in (0, 1) or "答复" in line else "left", line) for index, line in enumerate(seed[:start])]
    trailer = [("left", line) for line in seed[end:] if "扫描" not in line]
    return [*header, ("left", body[0]), *[("paragraph", text) for text in body[1:]], *trailer]


def layout(measure: Callable[[str], float], width: float, per_page: int) -> list[list[Line]]:
    """Set the letter in lines of at most `width` (as `measure` counts it) and pages of `per_page` lines."""
    lines: list[Line] = []
    for style, text in original_lines():
        indent = 2 if style == "paragraph" else 0
        current = ""
        for char in text:
            # A closing mark never starts a line: it hangs in the margin, as Chinese typesetting has it.
            if current and measure("国" * indent + current + char) > width and char not in CLOSING:
                lines.append(Line(current, indent, style == "centre"))
                current, indent = "", 0
            current += char
        lines.append(Line(current, indent, style == "centre"))
        if style == "centre":
            lines.append(Line(""))
    return [lines[start : start + per_page] for start in range(0, len(lines), per_page)]


def text_pdf(path: Path) -> Path:
    """The letter as a PDF with a text layer (fpdf2, embedding a Debian TrueType CJK font)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=str(TEXT_FONT))
    pdf.set_font("cjk", size=12)
    left, width, top, step = 28.0, 156.0, 30.0, 7.2
    pages = layout(pdf.get_string_width, width, 34)
    em = pdf.get_string_width("国")
    for number, page in enumerate(pages, start=1):
        pdf.add_page()
        for row, line in enumerate(page):
            x = left + (width - pdf.get_string_width(line.text)) / 2 if line.centre else left + em * line.indent
            pdf.text(x, top + row * step, line.text)
        footer = f"- {number} -"
        pdf.text(left + (width - pdf.get_string_width(footer)) / 2, 285, footer)
    pdf.output(str(path))
    return path


def image_pdf(path: Path, dpi: int = 200) -> Path:
    """The letter as a scan: page images drawn with Pillow and saved as a PDF with no text layer."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(SCAN_FONT), round(12 / 72 * dpi), index=SCAN_FONT_INDEX)
    small = ImageFont.truetype(str(SCAN_FONT), round(9 / 72 * dpi), index=SCAN_FONT_INDEX)
    size = (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi))
    left, width, top, step = (round(value / 25.4 * dpi) for value in (28, 156, 25, 7.2))
    pages = layout(font.getlength, width, 34)
    em = font.getlength("国")
    images = []
    for number, page in enumerate(pages, start=1):
        image = Image.new("L", size, 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(page):
            x = left + (width - font.getlength(line.text)) / 2 if line.centre else left + em * line.indent
            draw.text((x, top + row * step), line.text, font=font, fill=0)
        footer = f"- {number} -"
        draw.text((left + (width - font.getlength(footer)) / 2, size[1] - top), footer, font=font, fill=0)
        if number == len(pages):
            draw.text((size[0] - left - small.getlength(WATERMARK), size[1] - top // 2), WATERMARK, font=small, fill=96)
        images.append(image)
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    return path
