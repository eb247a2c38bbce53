"""The original scan kept beside a reply: published only when it is the file its name says, lies in the
replies folder itself, holds nothing that runs, and shows no personal number in its text or properties."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, PdfObject

from replysite.model import privacy
from replysite.model.folder import SCAN_SUFFIXES, read_inside
from replysite.model.problems import Problem
from replysite.model.reply import Reply

# What makes a PDF act by itself in a reader's viewer: scripts, programs, embedded files, forms that send data.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/XFA", "/RichMedia", "/AA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/GoToR", "/GoToE", "/Rendition"}
# A link the reader clicks (a /URI action) is allowed, as in the letter's body; opening the file may only turn a page.


def scan_path(reply: Reply, root: Path) -> Path:
    """Where the reply's scan lies: beside the reply file."""
    return root / Path(reply.path).with_name(reply.scan)


def check_scan(reply: Reply, folder: Path, root: Path) -> list[Problem]:
    """Every reason the reply's scan cannot be published; nothing when it can."""
    path, line = scan_path(reply, root), reply.lines.get("scan", 1)

    def problem(message: str) -> list[Problem]:
        return [Problem(reply.path, line, "scan", message)]

    if path.is_symlink():
        return problem(f"原件扫描件 {path.name} 是一个符号链接：请把扫描件本身放在答复文件旁边。")
    if not path.is_file():
        return problem(f"找不到原件扫描件 {path.name}：请把它放在答复文件旁边（同一文件夹），或删去 scan 这一行。")
    try:
        data = read_inside(path, folder)
    except OSError:
        return problem(f"原件扫描件 {path.name} 无法读取：请检查文件是否完整、是否有读取权限。")
    if not data.startswith(SCAN_SUFFIXES[path.suffix.lower()]):
        kind = path.suffix.lower().lstrip(".").upper()
        return problem(f"原件扫描件 {path.name} 不是真正的 {kind} 文件（内容与扩展名不符）：请用扫描仪或办公软件重新导出。")
    if path.suffix.lower() != ".pdf":
        return []
    found = _pdf_problems(path.name, data) or [problem.message for problem in privacy.scan_pdf(reply.path, data, reply.reviewed_numbers)]
    return [Problem(reply.path, line, "scan", message) for message in found]  # at the scan line, the page in the message


def _pdf_problems(name: str, data: bytes) -> list[str]:
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            return [f"原件扫描件 {name} 是加密的 PDF：请导出一份不加密、不设密码的 PDF。"]
        active = sorted({found for found in _active_parts(reader)})
    except Exception:  # pypdf raises many kinds of error on a damaged file
        return [f"原件扫描件 {name} 已损坏，无法读取：请重新扫描或导出 PDF。"]
    if active:
        return [f"原件扫描件 {name} 含有会自动运行的内容（{'、'.join(active)}）：请用“打印为 PDF”或重新扫描，得到一份只有页面的 PDF。"]
    return []


def _active_parts(reader: pypdf.PdfReader) -> Iterator[str]:
    """The names of the active parts of every object in the file, compressed object streams included."""
    numbers = {(number, generation) for generation, table in reader.xref.items() for number in table}
    numbers |= {(number, 0) for number in reader.xref_objStm}
    objects: list[PdfObject] = [reader.trailer]
    for number, generation in sorted(numbers):
        objects.append(reader.get_object(IndirectObject(number, generation, reader)) or NameObject("/Null"))
    for item in objects:
        yield from _active_in(item)


def _active_in(item: PdfObject) -> Iterator[str]:
    if isinstance(item, ArrayObject):
        for child in item:
            if not isinstance(child, IndirectObject):
                yield from _active_in(child)
        return
    if not isinstance(item, DictionaryObject):
        return
    yield from (key for key in item if key in ACTIVE_KEYS)
    opening = item.get("/OpenAction")
    if isinstance(opening, IndirectObject):
        opening = opening.get_object()
    if isinstance(opening, DictionaryObject) and opening.get("/S") != "/GoTo":
        yield "/OpenAction"
    action = item.get("/S")
    if action in ACTIVE_ACTIONS and (item.get("/Type") in (None, "/Action")):
        yield str(action)
    for key, child in item.items():
        if key not in ("/Parent", "/P") and not isinstance(child, IndirectObject):
            yield from _active_in(child)
