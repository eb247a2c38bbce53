"""Write a reply file: front matter in schema order, quoted so that `parse_reply` reads back every value as written.

A `Draft` may have empty fields (a letter the importer could not read fully, a template for `new`):
required fields are then written empty, so `validate` names them, and optional ones are commented out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml
from pypinyin import lazy_pinyin

from replysite.model import fields as schema
from replysite.model.reply import Contact

_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^\n]*$")
_FLOW_UNSAFE = re.compile(r"[,\[\]{}]")
DOC_NUMBER = re.compile(r"^(\S+?)〔(\d{4})〕(\d+)号$")


@dataclass(frozen=True)
class Draft:
    """The fields of a reply before it is checked: any of them may still be empty.

    It has an attribute for each field of `model.fields.FIELDS`, typed as on `Reply`; a test keeps them in step.
    """

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
    role: str = ""  # 协办 for an assisting unit's opinion addressed to the lead unit
    satisfaction: str = ""

    def missing(self) -> list[str]:
        """Names of the fields that are still empty, in schema order."""
        return [item.name for item in schema.FIELDS if _is_empty(self.value(item))]

    def value(self, item: schema.Field) -> object:
        """The draft's value of one schema field; empty when the draft has no such attribute."""
        return getattr(self, item.name, None)


def _is_empty(value: object) -> bool:
    return not value or value == Contact()


def reply_file(draft: Draft, body: str, leave_out: tuple[str, ...] = ()) -> str:
    """The whole reply file: front matter between `---` lines, a blank line, then the body."""
    text = body.strip("\n")
    return front_matter(draft, leave_out) + ("\n" + text + "\n" if text else "")


def front_matter(draft: Draft, leave_out: tuple[str, ...] = ()) -> str:
    """Every schema field in order; empty optional fields as comments showing how to fill them in.

    An empty optional field named in `leave_out` is not shown at all (the scan, for a letter that has none).
    """
    lines = ["---"]
    for item in schema.FIELDS:
        value = draft.value(item)
        if not _is_empty(value) or item.required:
            lines.append(f"{item.name}: {_value(item, value)}")
        elif item.name not in leave_out:
            lines.append(f"# {item.label}（可选）：删去下一行开头的“# ”，把示例换成答复函上的内容")
            lines.append(f"# {item.name}: {item.template}")  # nothing after the value: uncommented, it stays clean
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


def _value(item: schema.Field, value: object) -> str:
    """One field's value as YAML, in the shape the schema gives it; None is an empty value."""
    if item.shape is schema.Shape.MAPPING:
        parts = [(part.name, getattr(value, part.name, "")) for part in item.parts]
        return "{" + ", ".join(f"{key}: {scalar(text, flow=True)}" for key, text in parts if text) + "}"
    if item.shape is schema.Shape.TEXTS:
        assert value is None or isinstance(value, tuple)
        return "[" + ", ".join(scalar(text, flow=True) for text in value or ()) + "]"
    assert value is None or isinstance(value, str)
    text = value or ""
    if item.quoted:
        return _quoted(text)  # leading zeros must survive any YAML reader, not just ours
    if item.shape is schema.Shape.DATE and re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return text  # written plain, as staff write it: a date to YAML readers, text to ours
    return scalar(text)


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
