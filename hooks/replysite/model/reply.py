"""The reply model: the typed `Reply`, and the one way a reply file becomes one.

Hooks, staff scripts and tests all call `parse_reply`; nothing else reads reply front matter.
"""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from replysite.model import fields as schema
from replysite.model import frontmatter, privacy
from replysite.model.folder import SCAN_SUFFIXES
from replysite.model.frontmatter import Value
from replysite.model.names import file_slug
from replysite.model.problems import Problem
from replysite.model.settings import Settings


@dataclass(frozen=True)
class Contact:
    """联系人: the unit, person and phone a reader can ask about the reply."""

    unit: str = ""
    person: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Reply:
    """One published reply letter with its metadata."""

    path: str  # as staff know it, e.g. replies/2018/xujiao-2018-76.md
    title: str
    doc_number: str
    agency: str
    result: str
    kind: str
    meeting: str
    number: str
    proposers: tuple[str, ...]
    date: datetime.date
    body: str
    signer: str = ""
    contact: Contact | None = None
    cc: tuple[str, ...] = ()
    scan: str = ""  # file name of the original scan kept beside the reply file
    reviewed_numbers: tuple[str, ...] = ()  # numbers staff reviewed and chose to publish (see privacy)
    disclosure: str = "全文公开"  # 公开属性: 全文公开, 摘要公开 (the body is a summary) or 不予公开 (published nowhere)
    disclosure_reason: str = ""  # why a reply is 不予公开 (required then)
    index_number: str = ""  # 索引号 of the government-information catalogue; unique across the site
    role: str = ""  # 主办, 协办, 会办 or 分办 when several units answer one proposal
    satisfaction: str = ""  # 满意, 基本满意 or 不满意: the proposer's rating, once given
    supersedes: str = ""  # the 文号 of the reply this one corrects or replaces
    body_line: int = 1
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # field -> file line

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def slug(self) -> str:
        return file_slug(self.path.rsplit("/", 1)[-1].rsplit(".", 1)[0])

    @property
    def url(self) -> str:
        """Site path of the reply's page, from its folder and file name."""
        folder = self.path.rsplit("/", 2)[-2]
        return f"replies/{folder}/{self.slug}/"

    @property
    def scan_url(self) -> str:
        """Site path of the original scan, beside the reply's page; empty when there is none."""
        return self.url.rstrip("/") + self.scan_suffix if self.scan else ""

    @property
    def scan_suffix(self) -> str:
        """`.pdf`, `.png` or `.jpg` (lower case) of the original scan."""
        return "." + self.scan.rsplit(".", 1)[-1].lower() if self.scan else ""

    @property
    def heading(self) -> str:
        """The letter's heading, e.g. 对市政协七届二次会议第004号提案的答复."""
        return f"对{self.meeting}第{self.number}号{self.kind}的答复"


FIELDS = {item.name: item.label for item in schema.FIELDS}  # name -> label, in schema order
REQUIRED = schema.REQUIRED
CONTACT_FIELDS = schema.contact_parts()
DOC_NUMBER = re.compile(r"^\S+〔([0-9]{4})〕[0-9]+号$")  # [0-9], not \d: \d also matches ８ and ٨
DATE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


class _Checker:
    """Collects the problems of one file while its fields are read."""

    def __init__(self, path: str, settings: Settings, today: datetime.date) -> None:
        self.path = path
        self.settings = settings
        self.today = today
        self.problems: list[Problem] = []

    def add(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.path, line, field, message))

    def text(self, name: str, value: Value) -> str:
        if not isinstance(value.data, str):
            self.add(value.line, name, f"{FIELDS.get(name, name)}应是一段文字，不是列表或映射。")
            return ""
        text = value.data.strip()
        if not text:
            self.add(value.line, name, f"{FIELDS.get(name, name)}不能为空。")
        elif "\n" in text:
            self.add(value.line, name, f"{FIELDS.get(name, name)}应写在一行内。")
        return text

    def texts(self, name: str, value: Value) -> tuple[str, ...]:
        if not isinstance(value.data, list):
            example = value.data if isinstance(value.data, str) else "…"
            self.add(value.line, name, f"{FIELDS[name]}应是列表，例如 {name}: [{example}]（多项用英文逗号分隔）。")
            return ()
        items = tuple(self.text(name, item) for item in value.data)
        if not items:
            self.add(value.line, name, f"{FIELDS[name]}不能是空列表。")
        return tuple(item for item in items if item)


def parse_reply(
    path: str, text: str, settings: Settings, today: datetime.date | None = None
) -> tuple[Reply | None, list[Problem]]:
    """Read one reply file's text; return the `Reply`, or None with every problem found."""
    document, problems = frontmatter.split(path, text)
    if document is None or document.meta is None:
        return None, problems
    checker = _Checker(path, settings, today or settings.today())
    checker.problems.extend(problems)
    meta = document.meta
    assert isinstance(meta.data, dict)
    _check_keys(checker, meta)
    values: dict[str, Any] = {name: read(checker, meta.data[name]) for name, read in _READERS.items() if name in meta.data}
    _check_disclosure(checker, meta, values)
    if not document.body.strip():
        checker.add(document.body_line, "body", "正文是空的：请在结尾的 --- 之后粘贴答复函正文。")
    reviewed = values.get("reviewed_numbers", ())
    checker.problems += privacy.scan_name(path, values.get("reviewed_numbers", ()))
    checker.problems += privacy.scan(path, text, values.pop("reviewed_numbers", ()), _field_of_lines(meta, document.body_line))
    if checker.problems:
        reported = {(problem.line, problem.field) for problem in problems}  # a line the YAML reader mended is told once
        return None, problems + [problem for problem in checker.problems[len(problems):] if (problem.line, problem.field) not in reported]
    return Reply(
        path=path, body=document.body, body_line=document.body_line, lines=dict(meta.keys), reviewed_numbers=reviewed, **values
    ), []


def _field_of_lines(meta: Value, body_line: int) -> dict[int, str]:
    """Which front matter field each line of the file belongs to (continuation lines included)."""
    starts = sorted((line, key) for key, line in meta.keys.items())
    owners: dict[int, str] = {}
    for index, (line, key) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else body_line - 1
        owners.update(dict.fromkeys(range(line, end), key))
    return owners


def _check_keys(checker: _Checker, meta: Value) -> None:
    assert isinstance(meta.data, dict)
    for key, line in meta.keys.items():
        if key not in FIELDS:
            close = difflib.get_close_matches(key, list(FIELDS), n=1, cutoff=0.6)
            hint = f"是不是想写 {close[0]}？" if close else f"可用的字段有：{'、'.join(FIELDS)}。"
            checker.add(line, key, f"未知字段“{key}”。{hint}")
    for name in REQUIRED:
        if name not in meta.data:
            checker.add(meta.line, name, f"缺少必填字段 {name}（{FIELDS[name]}）。")


def doc_number_key(text: str) -> str:
    """The 文号 as compared across files, so that two ways of writing one number are one 文号.

    NFKC folds full-width forms, invisible and space characters go, and each number is written in
    ASCII digits without leading zeros: 许教〔2018〕076号, 许教〔２０１８〕76号 and 许教〔2018〕٧٦号 are
    许教〔2018〕76号, and so is 许教〔2018〕76号 with a zero-width space pasted into it.
    """
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(character for character in folded if unicodedata.category(character)[0] not in "CZ")
    return re.sub(r"\d+", lambda digits: _ascii_digits(digits.group()).lstrip("0") or "0", visible)


def _ascii_digits(text: str) -> str:
    """Full-width, Arabic-Indic and other decimal digits as 0-9; everything else as it is."""
    return "".join(
        str(unicodedata.decimal(character)) if not character.isascii() and unicodedata.decimal(character, None) is not None
        else character
        for character in text
    )


def _digits_note(text: str) -> str:
    """Why a value with digits such as ８ or ٨ is refused: they look like 0-9 but compare and sort apart."""
    return "数字应是半角阿拉伯数字 0–9，不能用全角或其他文字的数字。" if _ascii_digits(text) != text else ""


def _doc_number(checker: _Checker, value: Value) -> str:
    text = checker.text("doc_number", value)
    if text and not DOC_NUMBER.match(text):
        fixed = re.sub(r"[\[【(（]\s*([0-9]{4})\s*[\]】)）]", r"〔\1〕", _ascii_digits(text))
        hint = f"（是不是 {fixed}？）" if fixed != text and DOC_NUMBER.match(fixed) else ""
        expected = "应写成 机关代字〔年份〕序号号，例如 许教〔2018〕76号，年份用六角括号〔〕。"
        checker.add(value.line, "doc_number", f"文号“{text}”格式不对{hint}：{expected}{_digits_note(text)}")
    return text


def _result(checker: _Checker, value: Value) -> str:
    text = checker.text("result", value)
    codes = [grade.code for grade in checker.settings.grades]
    if text and text not in codes:
        guess = unicodedata.normalize("NFKC", text).removesuffix("类").strip("()（） ").upper()
        hint = f"是不是 {guess}？" if guess in codes else ""
        checker.add(value.line, "result", f"办理结果“{text}”不在本站的等级中（{'、'.join(codes)}）。{hint}")
    return text


def _kind(checker: _Checker, value: Value) -> str:
    text = checker.text("kind", value)
    names = [kind.name for kind in checker.settings.kinds]
    if text and text not in names:
        checker.add(value.line, "kind", f"类别“{text}”不对：应为 {' 或 '.join(names)}。")
    return text


def _one_of(checker: _Checker, name: str, value: Value, choices: tuple[str, ...], cutoff: float = 0.5) -> str:
    """A value that must be one of a few words; a near miss is named (协办单位 → 协办)."""
    text = checker.text(name, value)
    if text and text not in choices:
        folded = unicodedata.normalize("NFKC", text).replace(" ", "").removesuffix("单位")
        close = [folded] if folded in choices else difflib.get_close_matches(folded, choices, n=1, cutoff=cutoff)
        hint = f"是不是 {close[0]}？" if close else ""
        checker.add(value.line, name, f"{FIELDS[name]}“{text}”不对：应为 {'、'.join(choices)} 之一。{hint}")
    return text


def _disclosure(checker: _Checker, value: Value) -> str:
    """公开属性: the open data's two, or 不予公开; 全文公开 when not written."""
    return _one_of(checker, "disclosure", value, schema.DISCLOSURES, cutoff=0.3) or schema.FULL


def _check_disclosure(checker: _Checker, meta: Value, values: dict[str, Any]) -> None:
    """A reply that is not published must say why: the statistics count the withheld replies by reason."""
    assert isinstance(meta.data, dict)
    if values.get("disclosure") == schema.WITHHELD and not values.get("disclosure_reason"):
        line = meta.keys.get("disclosure", meta.line)
        checker.add(line, "disclosure_reason", "公开属性为“不予公开”时必须写明理由，例如 disclosure_reason: 涉及国家秘密。")


def _supersedes(checker: _Checker, value: Value) -> str:
    text = checker.text("supersedes", value)
    if text and not DOC_NUMBER.match(text):
        message = f"supersedes 应写被更正的答复的文号，例如 许教〔2018〕70号，“{text}”不是文号的写法。{_digits_note(text)}"
        checker.add(value.line, "supersedes", message)
    return text


def _number(checker: _Checker, value: Value) -> str:
    text = checker.text("number", value)
    if text and not re.fullmatch(r"[0-9A-Za-z-]+", text):
        message = f"提案号或建议号“{text}”应只含数字（可带字母或连字符），例如 \"004\"，不要写“第”“号”。"
        checker.add(value.line, "number", message + _digits_note(text))
    return text


def _date(checker: _Checker, value: Value) -> datetime.date:
    text = checker.text("date", value)
    match = DATE.match(text)
    if not match:
        if text:
            fixed = _ascii_digits(text)
            hint = f"（是不是 {fixed}？）" if fixed != text and DATE.match(fixed) else ""
            checker.add(value.line, "date", f"日期“{text}”格式不对{hint}：应写成 年-月-日，例如 2018-12-24。{_digits_note(text)}")
        return datetime.date.min
    try:
        day = datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        checker.add(value.line, "date", f"日期“{text}”不存在（请核对月份和天数），应写成 年-月-日，例如 2018-12-24。")
        return datetime.date.min
    if day > checker.today:
        checker.add(value.line, "date", f"日期“{text}”晚于今天（{checker.today.isoformat()}）：请填写答复函实际印发的日期。")
    return day


def _contact(checker: _Checker, value: Value) -> Contact | None:
    if not isinstance(value.data, dict):
        checker.add(value.line, "contact", "联系信息应写成 {unit: 科室, person: 姓名, phone: 电话}。")
        return None
    for key, line in value.keys.items():
        if key not in CONTACT_FIELDS:
            checker.add(line, f"contact.{key}", f"未知的联系信息字段“{key}”：只能用 unit（单位）、person（联系人）、phone（电话）。")
    parts = {key: checker.text(f"contact.{key}", item) for key, item in value.data.items() if key in CONTACT_FIELDS}
    return Contact(**parts)


def _scan(checker: _Checker, value: Value) -> str:
    text = checker.text("scan", value)
    stem = checker.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    allowed = [stem + suffix for suffix in SCAN_SUFFIXES]
    if text and text not in allowed:
        message = (f"原件扫描件“{text}”应是与答复文件同名、放在同一文件夹中的 PDF 或图片（PNG、JPG）："
                   f"请写 {allowed[0]}，并把扫描件改成这个名字。")
        checker.add(value.line, "scan", message)
    return text


Reader = Callable[[_Checker, Value], object]
_CHECKS: dict[str, Reader] = {  # fields with checks of their own; the others are read by their shape
    "doc_number": _doc_number,
    "result": _result,
    "kind": _kind,
    "number": _number,
    "date": _date,
    "contact": _contact,
    "scan": _scan,
    "disclosure": _disclosure,
    "supersedes": _supersedes,
}


def _reader(item: schema.Field) -> Reader:
    """How one field is read: its own check, else one of the words the table allows, else as plain text or a list of texts."""
    if item.name in _CHECKS:
        return _CHECKS[item.name]
    if item.choices is not None:
        choices = item.choices
        return lambda checker, value: _one_of(checker, item.name, value, choices(checker.settings))
    if item.shape is schema.Shape.TEXT:
        return lambda checker, value: checker.text(item.name, value)
    if item.shape is schema.Shape.TEXTS:
        return lambda checker, value: checker.texts(item.name, value)
    raise TypeError(f"field {item.name!r} is a {item.shape.value}: give it a reader in _CHECKS")


_READERS = {item.name: _reader(item) for item in schema.FIELDS}
