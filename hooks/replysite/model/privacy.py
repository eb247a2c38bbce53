"""Privacy guard: resident ID numbers and mobile phone numbers must not be published.

The disclosure rules bar personal information from public replies. Numbers staff have reviewed
and decided to publish are listed in the reply's own `reviewed_numbers` field, visible in the file.

The guard reads what a reader would see: the text is first folded (`normalise`: NFKC, every Unicode
digit, dash, space, dot and bracket, HTML entities, invisible characters, Markdown marks and tags),
with a map back to the original offsets for the file's line numbers, then searched with patterns
that allow a short gap between any two digits. The folding is one pass; each pattern tries each
position once, and a match is at most ~120 characters: the time is linear whatever the text holds.
"""

from __future__ import annotations

import datetime
import functools
import html
import io
import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, repeat
from typing import TYPE_CHECKING

from replysite.model.problems import Problem

if TYPE_CHECKING:
    from pypdf import PdfReader

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
# GB/T 2260 provinces: a first-generation (15-digit) ID has no check digit, and its province code is
# what tells it from a 15-digit invoice or registration number.
_PROVINCE_RANGES = (range(11, 16), range(21, 24), range(31, 38), range(41, 47), range(50, 55), range(61, 66))
PROVINCES = frozenset(str(code) for codes in _PROVINCE_RANGES for code in codes)
OUTSIDE = frozenset(("71", "81", "82", "83"))  # residence permits: Taiwan, Hong Kong, Macao (18 digits only)

# --- Folding: every way of writing a digit or a separator, to one character each ---------------------

_DOTS = frozenset("\u00b7\u0387\u2022\u2024\u2027\u2219\u22c5\u2e31\u2e33\u30fb\u3002\ufe52\uff0e\uff61\uff65")
_DASHES = frozenset("\u02d7\u2043\u2212\u2796")  # minus signs and dash-like marks outside category Pd
_BLANKS = frozenset("\u115f\u1160\u3164\uffa0")  # Hangul fillers: letters by category, nothing on screen


def _fold_char(char: str) -> str:
    """One character as the guard counts it: a digit, a separator, nothing (invisible), or itself."""
    if char in _DOTS:
        return "."
    if char in _DASHES:
        return "-"
    if char in _BLANKS:
        return ""
    category = unicodedata.category(char)
    if category == "Nd":  # every decimal digit: full-width, mathematical 𝟏, Arabic-Indic, …
        return str(unicodedata.decimal(char))
    if category in ("Cf", "Mn", "Me"):  # zero-width spaces and joiners, soft hyphen, BOM, keycaps
        return ""
    if category == "Pd":
        return "-"
    if category[0] == "Z" or category == "Cc":
        return " "
    return {"Ps": "(", "Pe": ")"}.get(category, char)


class _FoldTable(dict[int, str]):
    """`str.translate` table that works out each character once, on first sight (NFKC, then the kinds)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = char if code < 0x80 else _fold_char(char)  # ASCII is left as it is: the patterns know it
        if folded == char and (compatible := unicodedata.normalize("NFKC", char)) != char:
            folded = "".join(map(_fold_char, compatible))  # ⑬ -> 13, … -> ..., ＋ -> +
        self[code] = folded
        return folded


_TABLE = _FoldTable()  # a memo of a pure function, shared by every scan
_MARKUP = re.compile(
    r"(?=[&\\<])"  # one test rejects every other character
    r"(?:(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?)"
    # YAML's double-quoted escapes ("\u0031"): the front matter is decoded before it is published.
    r"|(?P<escape>\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}))"
    # An HTML tag shows as nothing between two digits; its own text is searched apart (attributes).
    r"|(?P<tag><[A-Za-z/!?][^<>]{0,2000}>))"
)


@dataclass(frozen=True)
class Normalised:
    """Text folded for the guard, the original offset of each of its characters, and its HTML tags."""

    text: str
    origin: array[int] | None  # None: nothing changed length, offsets are the original ones
    tags: tuple[tuple[int, int], ...]

    def original(self, position: int) -> int:
        return position if self.origin is None else self.origin[position]


def normalise(text: str) -> Normalised:
    """Decode entities and escapes, blank out tags, fold every character (`_FoldTable`); map offsets back."""
    pieces: list[str] = []
    origin = array("q")
    tags: list[tuple[int, int]] = []
    done = 0
    for markup in _MARKUP.finditer(text):
        if markup.lastgroup == "tag":
            tags.append(markup.span())
        decoded = _decode(markup)
        if decoded != markup.group():
            stretch = text[done : markup.start()]
            _add(pieces, origin, done, stretch, _fold(stretch))
            pieces.append(decoded)
            origin.extend(repeat(markup.start(), len(decoded)))
            done = markup.end()
    rest = _fold(text[done:])
    if not pieces and len(rest) == len(text):
        return Normalised(rest, None, tuple(tags))
    _add(pieces, origin, done, text[done:], rest)
    return Normalised("".join(pieces), origin, tuple(tags))


def _add(pieces: list[str], origin: array[int], start: int, stretch: str, folded: str) -> None:
    """Append a folded stretch of text, and the original offset of each of its characters."""
    pieces.append(folded)
    if len(folded) == len(stretch):
        origin.extend(range(start, start + len(stretch)))
    else:  # offset i repeated as often as character i folds to characters (0 for invisible ones)
        lengths = map(len, map(_TABLE.__getitem__, map(ord, stretch)))
        origin.extend(chain.from_iterable(map(repeat, range(start, start + len(stretch)), lengths)))


# Characters that fill most of a letter and that the patterns treat alike folded or not: ASCII, the CJK
# ideographs, quotes and 、 fold to themselves; ，：；！？ fold to , : ; ! ?, which are neither digits nor
# separators either way. Only the runs between them go through `str.translate` (a look-up a character).
_OTHERS = re.compile("[^\x00-\x7f\u4e00-\u9fff\u201c\u201d\u2018\u2019\u3001\uff0c\uff1a\uff1b\uff01\uff1f]+")


def _fold(stretch: str) -> str:
    return stretch if stretch.isascii() else _OTHERS.sub(_fold_run, stretch)


def _fold_run(run: re.Match[str]) -> str:
    return run.group().translate(_TABLE)


def _decode(markup: re.Match[str]) -> str:
    return " " if markup.lastgroup == "tag" else _decoded(markup.group())


@functools.lru_cache(maxsize=4096)
def _decoded(found: str) -> str:
    """An entity or escape as the reader sees it, folded."""
    if found[0] == "&":
        return _fold(html.unescape(found))
    code = int(found[2:], 16)
    return _fold(chr(code)) if code <= 0x10FFFF else found


# --- Finding: ID and mobile patterns over the folded text, a short gap allowed between any two digits --

_SEPARATOR = r"[ \t\r\f\v.()\[\]{}+*_`\\~>-]"  # after folding: spaces, dashes, dots, brackets, Markdown marks
# A gap is taken whole or not at all (an atomic group): nothing is tried twice, so the search is linear.
_GAP = rf"(?>{_SEPARATOR}{{0,5}}(?:\n{_SEPARATOR}{{0,5}})?)"
_NEXT = rf"{_GAP}[0-9]"
# The first three digits are written together: nobody splits 138 as 1 38, and a table of small
# numbers in a row is not a phone number. The patterns are a quick filter; `_accept` decides.
# Each starts with a digit and looks behind only then (no digit before it, or a country code 86 or
# 0086 for a mobile): a pattern that starts with a character is searched for quickly.
_MOBILE = re.compile(rf"1(?:(?<![0-9]1)|(?<=(?<![0-9])861)|(?<=(?<![0-9])00861))[3-9][0-9](?:{_NEXT}){{8}}(?![0-9])")
_PROVINCE = r"(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[1-3])(?<![0-9]..)"
_DATE = rf"{_GAP}[01]{_NEXT}{_GAP}[0-3]{_NEXT}"  # MMDD
_ID18 = re.compile(
    rf"{_PROVINCE}[0-9](?:{_NEXT}){{3}}{_GAP}(?:1{_GAP}[89]|2{_GAP}0)(?:{_NEXT}){{2}}{_DATE}"
    rf"(?:{_NEXT}){{3}}{_GAP}(?:[0-9]|[Xx](?![0-9A-Za-z]))(?![0-9])"
)
_ID15 = re.compile(rf"{_PROVINCE}[0-9](?:{_NEXT}){{5}}{_DATE}(?:{_NEXT}){{3}}(?![0-9])")
_NOT_DIGIT = re.compile(r"[^0-9X]")


@dataclass(frozen=True, order=True)
class Found:
    """A personal number in a text: its span in the original text, its kind, and its bare digits."""

    start: int
    end: int
    kind: str
    number: str


def _candidates(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, kind, number) of each match of each pattern that `_accept` keeps, overlaps included."""
    for pattern, kind in ((_ID18, "身份证号"), (_ID15, "身份证号"), (_MOBILE, "手机号")):
        position = 0
        while match := pattern.search(text, position):
            number = _NOT_DIGIT.sub("", match.group().upper())
            if _accept(match.group(), number):
                yield match.start(), match.end(), kind, number
            # Each start is tried once: a rejected match may still hide a number starting inside it.
            position = match.start() + 1


def _accept(written: str, number: str) -> bool:
    if written.count("\n") > 1:  # on three lines or more: a column of figures, not one number
        return False
    if len(number) == 11:
        # A four-digit first group is a year (1998.12-1999.6), never how a mobile is split.
        return len(written) - len(written.lstrip("0123456789")) != 4
    return id15_is_valid(number) if len(number) == 15 else id_is_valid(number)


def _numbers(text: str) -> list[tuple[int, int, str, str]]:
    """The personal numbers in folded text, left to right; of two that overlap, the longer (an ID) wins."""
    chosen, covered = [], 0
    for start, end, kind, number in sorted(_candidates(text), key=lambda found: (found[0], -len(found[3]))):
        if start >= covered:
            chosen.append((start, end, kind, number))
            covered = end
    return chosen


def id_is_valid(number: str) -> bool:
    """An 18-digit resident ID: province code, a real birth date (1800-2099), a GB 11643-1999 check digit."""
    if number[:2] not in PROVINCES | OUTSIDE or number[6:8] not in ("18", "19", "20") or not _is_date(number[6:14]):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17].upper()


def id15_is_valid(number: str) -> bool:
    """A first-generation resident ID: province code, area, YYMMDD birth date (19YY), 3 digits."""
    return number[:2] in PROVINCES and _is_date("19" + number[6:12])


def _is_date(digits: str) -> bool:
    try:
        datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return False
    return True


def find(text: str) -> list[Found]:
    """Every resident ID and mobile number in the text, however it is written, with original offsets."""
    folded = normalise(text)
    found = [
        Found(folded.original(start), folded.original(end - 1) + 1, kind, number)
        for start, end, kind, number in _numbers(folded.text)
    ]
    for start, end in folded.tags:
        found += [Found(f.start + start + 1, f.end + start + 1, f.kind, f.number) for f in find(text[start + 1 : end - 1])]
    return sorted(found)


def find_personal_numbers(text: str) -> list[tuple[int, str, str]]:
    """(offset, kind, bare number) of every ID or mobile number in the text."""
    return [(found.start, found.kind, found.number) for found in find(text)]


def mask(number: str) -> str:
    """`13812341234` -> `138****1234`; IDs keep their first 3 and last 4 characters."""
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


# --- Reporting: where, masked, in words for the member of staff who fixes it ------------------------

_RULE = "依照信息公开规定不得公开个人{kind}"
_REVIEWED = "确需公开的（如单位公开的服务电话），请把号码写入 reviewed_numbers 字段。"
_PLAIN = frozenset("0123456789 -+().Xx")


def _allowed(reviewed: Iterable[str]) -> set[str]:
    """Reviewed numbers as the guard finds them, so any spelling of a listed number matches."""
    allowed: set[str] = set()
    for entry in reviewed:
        allowed.update(found.number.upper() for found in find(str(entry)))
        bare = re.sub(r"[^0-9X]", "", unicodedata.normalize("NFKC", str(entry)).upper())
        allowed.add(bare if len(bare) in (15, 18) else bare[-11:])
    return allowed


def _unreviewed(text: str, allowed: set[str]) -> list[Found]:
    return [found for found in find(text) if found.number.upper() not in allowed]


def _spelling(written: str) -> str:
    """A hint when the number is not written plainly: searching the file for it would not find it."""
    if "\n" in written:
        return "（号码被拆在两行，按号码搜索找不到，请到该行查看）"
    if not set(written) <= _PLAIN:
        return "（号码中夹有全角字符、看不见的字符、HTML 实体或 Markdown 标记，按号码搜索找不到，请到该行逐字查看）"
    return ""


def scan(path: str, text: str, reviewed: Iterable[str], fields: dict[int, str]) -> list[Problem]:
    """Problems for personal numbers in a reply file's text, except numbers staff have reviewed."""
    problems = []
    line, counted = 1, 0
    for found in _unreviewed(text, _allowed(reviewed)):
        line += text.count("\n", counted, found.start)  # found is in order: the text is counted once
        counted = found.start
        hidden = mask(found.number)
        problems.append(Problem(
            path, line, fields.get(line, "body"),
            f"含有{found.kind} {hidden}{_spelling(text[found.start : found.end])}：{_RULE.format(kind=found.kind)}，"
            f"请删除或改为 {hidden} 这样的部分隐藏写法；{_REVIEWED}",
        ))
    return problems


def scan_name(shown_path: str, reviewed: Iterable[str]) -> list[Problem]:
    """Problems for personal numbers in a reply's file name and folder, which become its web address."""
    # Only the part under replies/ is published; the folders above it (a temporary one) are not.
    published = "/".join(re.split(r"[/\\]", shown_path)[-2:])
    return [
        Problem(
            shown_path, 1, "file",
            f"文件名含有{found.kind} {mask(found.number)}：文件名会成为网址，出现在站点地图和开放数据中，"
            f"{_RULE.format(kind=found.kind)}，请给文件改名（只用小写字母、数字和连字符，如 xujiao-2018-76.md）；{_REVIEWED}",
        )
        for found in _unreviewed(published, _allowed(reviewed))
    ]


def scan_pdf(shown_scan_path: str, data: bytes, reviewed: Iterable[str]) -> list[Problem]:
    """Problems for personal numbers in a scan's text layer (by page) and its document properties."""
    parts, messages = _pdf_texts(data)
    allowed = _allowed(reviewed)
    for where, text in parts:
        fix = _PROPERTY_FIX if where.startswith("文档属性") else "请换上遮盖了号码的扫描件"
        messages += [
            f"扫描件{where}含有{found.kind} {mask(found.number)}：扫描件随答复公开供下载，"
            f"{_RULE.format(kind=found.kind)}，{fix}；{_REVIEWED}"
            for found in _unreviewed(text, allowed)
        ]
    return [Problem(shown_scan_path, 0, "scan", message) for message in messages]


_PROPERTY_FIX = "请在 PDF 软件的“文档属性”中删除，或另存一份不带文档属性的扫描件"
_UNCHECKED = "无法检查其中有没有身份证号或手机号：请重新扫描或导出 PDF 再放入。"


def _pdf_texts(data: bytes) -> tuple[list[tuple[str, str]], list[str]]:
    """(where, text) of each document property and page, and a message for each part that cannot be read."""
    from pypdf import PasswordType, PdfReader  # only scans need it: the model stays quick to import

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
            return [], ["扫描件设有打开密码，无法检查其中有没有身份证号或手机号：请另存一份不加密的 PDF 再放入。"]
        properties = _pdf_properties(reader)
        pages = list(reader.pages)
    except Exception:  # pypdf raises many kinds of error on a damaged file; any of them means "unreadable"
        return [], [f"扫描件无法读取（文件已损坏或不是 PDF），{_UNCHECKED}"]
    parts, messages = [], []
    for number, page in enumerate(pages, start=1):
        try:
            parts.append((f"第 {number} 页", page.extract_text()))
        except Exception:  # as above: a page whose text cannot be read is not known to be clean
            messages.append(f"扫描件第 {number} 页的文字层无法读取，{_UNCHECKED}")
    return parts + properties, messages


def _pdf_properties(reader: PdfReader) -> list[tuple[str, str]]:
    """(where, text) of each document property (Author, Title, …) and of the XMP metadata."""
    parts = []
    info = reader.metadata
    for key in sorted(info or ()):
        value = info[key] if info is not None else ""
        parts.append((f"文档属性 {key.lstrip('/')}", value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)))
    xmp = reader.xmp_metadata
    if xmp is not None:
        parts.append(("文档属性 XMP", xmp.stream.get_data().decode("utf-8", "replace")))
    return parts
