"""Get the text of one letter from what staff were sent: a text file, a Word document, a PDF, or a scanned image.

A PDF's own text layer is used where it has one; a PDF without one, or an image, is read by
Debian's Tesseract with the simplified-Chinese model. Pages stay apart so that page furniture can
be recognised later. A Word document (.docx) gives one line a paragraph, its tables a row a line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from replysite.errors import SiteError
from replysite.importing.text import CJK

if TYPE_CHECKING:
    from docx.table import _Cell

TEXT_SUFFIXES = {".txt"}
WORD_SUFFIX = ".docx"
CONVERT_FIRST = {  # formats staff are sent that cannot be read directly, and how to convert them
    ".doc": "旧版 Word 文档（.doc）",
    ".wps": "WPS 文字文档（.wps）",
    ".rtf": "RTF 文档（.rtf）",
    ".odt": "OpenDocument 文档（.odt）",
}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"}
PDF_SUFFIX = ".pdf"
OCR_LANGUAGE = "chi_sim"
OCR_DPI = 300
MIN_LAYER_CHARS = 20  # fewer Chinese characters than this a page means the text layer is missing or a stamp
_CHINESE = re.compile(f"[{CJK}]")
INSTALL_HINT = "请安装：apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils（或运行 bash tests/run）。"


class LetterSourceError(SiteError):
    """The letter cannot be read; the message says why and what to do, in Chinese."""


@dataclass(frozen=True)
class LetterSource:
    """The text of a letter, page by page, and how it was obtained."""

    pages: tuple[str, ...]
    method: str  # "text", "word", "pdf" (text layer) or "ocr"


def read_letter(path: Path) -> LetterSource:
    """The text of the letter at `path`, by the means its kind of file needs."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return LetterSource(tuple(decode(path.read_bytes(), path).split("\f")), "text")
    if suffix == PDF_SUFFIX:
        layer = pdf_text_layer(path)
        if sum(_chinese_count(page) for page in layer) >= MIN_LAYER_CHARS * len(layer):
            return LetterSource(layer, "pdf")
        return LetterSource(ocr_pdf(path), "ocr")
    if suffix in IMAGE_SUFFIXES:
        return LetterSource((ocr_image(path),), "ocr")
    if suffix == WORD_SUFFIX:
        return LetterSource((word_text(path),), "word")
    if suffix in CONVERT_FIRST:
        raise LetterSourceError(
            f"{path}：{CONVERT_FIRST[suffix]}不能直接导入。请用 Word 或 WPS 打开它，选“文件 → 另存为”，"
            f"保存类型选“Word 文档（*.docx）”（或“PDF”），再导入保存出的文件；"
            f"也可以运行 libreoffice --headless --convert-to docx “{path.name}”。"
        )
    known = "、".join(sorted(TEXT_SUFFIXES | {PDF_SUFFIX, WORD_SUFFIX} | IMAGE_SUFFIXES))
    raise LetterSourceError(f"{path}：不支持“{path.suffix or '无扩展名'}”文件。可导入的文件类型：{known}。")


def decode(data: bytes, path: Path) -> str:
    """Text of a .txt file saved as UTF-8 (with or without BOM) or GBK, the two that Chinese Windows tools write."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    raise LetterSourceError(f"{path}：无法识别文字编码（既不是 UTF-8 也不是 GBK）：请用记事本“另存为”UTF-8 编码后重试。")


def _chinese_count(text: str) -> int:
    return len(_CHINESE.findall(text))


def pdf_text_layer(path: Path) -> tuple[str, ...]:
    """Each page's text layer, as pypdf lays it out; empty strings for pages that have none.

    The layout mode keeps each printed line a line and a paragraph's first-line indent as leading spaces,
    which is what tells a new paragraph from a wrapped line.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):  # a PDF locked only against editing opens with no password
            raise LetterSourceError(
                f"{path}：这个 PDF 设置了打开密码，无法读取。请用密码打开它，选“打印”并把打印机选为“另存为 PDF”"
                "（或在 WPS/Acrobat 中取消密码后另存），再导入保存出的文件。"
            )
        return tuple(page.extract_text(extraction_mode="layout") or "" for page in reader.pages)
    except (PdfReadError, OSError, ValueError) as error:
        raise LetterSourceError(f"{path}：无法读取这个 PDF（{error}）：请确认文件完整，或重新扫描导出。") from error


def word_text(path: Path) -> str:
    """A .docx as text: each paragraph a line, each table row a line of its cells, in the document's order.

    Headers and footers are left out: they are page furniture (the letterhead, page numbers).
    """
    import docx
    from docx.table import Table

    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises zipfile, lxml and its own errors alike for a broken file
        raise LetterSourceError(
            f"{path}：无法读取这个 Word 文档（{type(error).__name__}）：请用 Word 或 WPS 打开后重新“另存为”.docx，再导入。"
        ) from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += ["  ".join(_unique_cells(row.cells)) for row in block.rows]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _unique_cells(cells: Sequence[_Cell]) -> list[str]:
    """A row's cell texts; a merged cell, which python-docx gives once for each column it spans, only once."""
    texts: list[str] = []
    seen: set[int] = set()
    for cell in cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            texts.append(cell.text.strip())
    return texts


def ocr_pdf(path: Path) -> tuple[str, ...]:
    """Each page rendered by pdftoppm and read by Tesseract."""
    _require_tesseract()
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise LetterSourceError(f"这个 PDF 没有文字层，需要先把页面转成图片，但找不到 pdftoppm。{INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="reply-ocr-") as folder:
        command = [pdftoppm, "-r", str(OCR_DPI), "-gray", "-png", str(path), str(Path(folder) / "page")]
        _run(command, f"{path}：pdftoppm 无法把 PDF 转成图片")
        images = sorted(Path(folder).glob("page*.png"))
        return tuple(ocr_image(image) for image in images)


def ocr_image(path: Path) -> str:
    """The text Tesseract reads in one page image, with the simplified-Chinese model."""
    tesseract = _require_tesseract()
    # One OCR thread: the machine is shared, and Tesseract's own threads gain little on one page.
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = [tesseract, str(path), "-", "-l", OCR_LANGUAGE, "--psm", "6"]
    return _run(command, f"{path}：Tesseract 文字识别失败", env)


def _require_tesseract() -> str:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise LetterSourceError(f"这份文件没有文字层，需要用 OCR 识别，但找不到文字识别程序 tesseract。{INSTALL_HINT}")
    languages = _run([tesseract, "--list-langs"], "无法运行 tesseract").split()
    if OCR_LANGUAGE not in languages:
        raise LetterSourceError(f"tesseract 缺少简体中文识别模型 {OCR_LANGUAGE}。{INSTALL_HINT}")
    return tesseract


def _run(command: list[str], failure: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-1:] or [f"退出码 {result.returncode}"]
        raise LetterSourceError(f"{failure}：{detail[0]}")
    return result.stdout
