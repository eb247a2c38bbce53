"""Write a reply file: front matter in schema order, quoted so that `parse_reply` reads back every value as written.

A `Draft` may have empty fields (a letter the importer could not read fully, a template for `new`):
required fields are then written empty, so `validate` names them, and optional ones are commented out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields

import yaml
from pypinyin import lazy_pinyin

from replysite.model.reply import FIELDS, REQUIRED, Contact

OPTIONAL_EXAMPLES = {
    "signer": "姓名",
    "contact": "{unit: 科室, person: 姓名, phone: 电话}",
    "cc": "[单位（份数）, 单位（份数）]",
    "reviewed_numbers": "[经审核同意公开的手机号或证件号]",
    "scan": "与本文件同名的 PDF，例如 xujiao-2018-76.pdf",
}
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
DOC_NUMBER = re.compile(r"^(\S+?)〔(\d{4})〕(\d+)号$")


@dataclass(frozen=True)
class Draft:
    """The fields of a reply before it is checked: any of them may still be empty."""

    title: str = ""
    doc_number: str = ""
    agency: str = ""
    signer: str = ""
    result: str = ""
    kind: str = ""
    meeting: str = ""
    number: str = ""
    proposers: tuple[str, ...] = ()
    date: str = ""  # YYYY-MM-DD
    contact: Contact = field(default_factory=Contact)
    cc: tuple[str, ...] = ()
    reviewed_numbers: tuple[str, ...] = ()
    scan: str = ""

    def missing(self) -> list[str]:
        """Names of the fields that are still empty, in schema order."""
        return [name for name in FIELDS if name in _DRAFT_FIELDS and _is_empty(getattr(self, name))]


_DRAFT_FIELDS = {item.name for item in fields(Draft)}


def _is_empty(value: object) -> bool:
    if isinstance(value, Contact):
        return not (value.unit or value.person or value.phone)
    return not value


def reply_file(draft: Draft, body: str, leave_out: tuple[str, ...] = ()) -> str:
    """The whole reply file: front matter between `---` lines, a blank line, then the body."""
    text = body.strip("\n")
    return front_matter(draft, leave_out) + ("\n" + text + "\n" if text else "")


def front_matter(draft: Draft, leave_out: tuple[str, ...] = ()) -> str:
    """Every schema field in order; empty optional fields as comments showing how to fill them in.

    An empty optional field named in `leave_out` is not shown at all (the scan, for a letter that has none).
    """
    lines = ["---"]
    for name in FIELDS:
        if name not in _DRAFT_FIELDS or (name in leave_out and _is_empty(getattr(draft, name))):
            continue
        value = getattr(draft, name)
        if _is_empty(value) and name not in REQUIRED:
            lines.append(f"# {name}: {OPTIONAL_EXAMPLES.get(name, '')}  # {FIELDS[name]}（可选）")
        else:
            lines.append(f"{name}: {_value(name, value)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def suggested_slug(doc_number: str) -> str:
    """A file name from the 文号, the way the seed was named: 许教〔2018〕76号 -> xujiao-2018-76."""
    match = DOC_NUMBER.match(doc_number.strip())
    if not match:
        return ""
    org, year, seq = match.groups()
    letters = re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(org)).lower())
    return "-".join(part for part in (letters, year, seq) if part)


def _value(name: str, value: object) -> str:
    if isinstance(value, Contact):
        parts = [(key, getattr(value, key)) for key in ("unit", "person", "phone") if getattr(value, key)]
        return "{" + ", ".join(f"{key}: {scalar(text, flow=True)}" for key, text in parts) + "}"
    if isinstance(value, tuple):
        return "[" + ", ".join(scalar(item, flow=True) for item in value) + "]"
    assert isinstance(value, str)
    if name == "number":
        return _quoted(value)  # leading zeros must survive any YAML reader, not just ours
    if name == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value  # written plain, as staff write it: a date to YAML readers, text to ours
    return scalar(value)


def scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar: plain where every YAML reader gives back the same text, else double-quoted."""
    text = text.strip()
    if not text or not _PLAIN.match(text) or ": " in text or " #" in text or text.endswith(":"):
        return _quoted(text)
    if flow and _FLOW_UNSAFE.search(text):
        return _quoted(text)
    return text if _reads_back(text, flow) else _quoted(text)


def _reads_back(text: str, flow: bool) -> bool:
    """Whether a standard YAML reader returns `text` itself for it, in block or flow context."""
    source = f"k: [{text}]" if flow else f"k: {text}"
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError:
        return False
    value = data.get("k") if isinstance(data, dict) else None
    return value == [text] if flow else value == text


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar with the same escapes.
    return json.dumps(text, ensure_ascii=False)
