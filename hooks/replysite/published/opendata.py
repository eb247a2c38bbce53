"""The replies as open data: every reply's metadata as JSON (with its JSON Schema) and as CSV.

Both files hold the same records, computed from the same `Reply` objects as the pages, newest first.
The field list below is the one description of the data: the schema is made from it and
docs/open-data.md documents each field.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from replysite.model.library import newest_first
from replysite.model.reply import Reply
from replysite.model.settings import Settings
from replysite.published.publication import Site

JSON_PATH = "data/replies.json"
CSV_PATH = "data/replies.csv"
SCHEMA_PATH = "data/replies.schema.json"
SEPARATOR = "、"  # joins the items of a list in one CSV cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is run as a formula by spreadsheets

_TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
_OPTIONAL_TEXT: dict[str, Any] = {"type": ["string", "null"], "minLength": 1}


@dataclass(frozen=True)
class Field:
    """One field of a reply's record: its name, its meaning for readers, and its JSON Schema."""

    name: str
    description: str
    schema: dict[str, Any]


def fields(settings: Settings) -> tuple[Field, ...]:
    """The fields of a record, in the order the files list them."""
    grades = [grade.code for grade in settings.grades]
    kinds = [kind.name for kind in settings.kinds]
    contact = {name: _OPTIONAL_TEXT for name in ("unit", "person", "phone")}
    return (
        Field("url", "答复网页的完整网址", {"type": "string", "format": "uri"}),
        Field("source", "答复文件在代码仓库中的路径", _TEXT),
        Field("title", "标题：提案或建议的题目", _TEXT),
        Field("doc_number", "文号，全站唯一", _TEXT),
        Field("agency", "答复单位", _TEXT),
        Field("signer", "签发人；未填写时为 null", _OPTIONAL_TEXT),
        Field("result", f"办理结果代码（{'、'.join(grades)}）", {"enum": grades}),
        Field("result_label", "办理结果的简称", _TEXT),
        Field("kind", f"类别（{'、'.join(kinds)}）", {"enum": kinds}),
        Field("meeting", "会议届次", _TEXT),
        Field("number", "提案号或建议号（文字，保留前导零）", {"type": "string", "pattern": "^[0-9A-Za-z-]+$"}),
        Field("proposers", "提案人或代表，按答复函中的顺序", {"type": "array", "items": _TEXT, "minItems": 1}),
        Field("date", "印发日期（年-月-日）", {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
        Field("year", "印发年份", {"type": "integer"}),
        Field("contact", "联系单位（unit）、联系人（person）和电话（phone）；未填写时为 null", {
            "type": ["object", "null"], "properties": contact, "required": list(contact), "additionalProperties": False,
        }),
        Field("cc", "抄送单位；没有时为空列表", {"type": "array", "items": _TEXT}),
        Field("scan", "答复函原件扫描件（PDF）的完整网址；没有时为 null", {"type": ["string", "null"], "format": "uri"}),
    )


def record(reply: Reply, site: Site, settings: Settings) -> dict[str, Any]:
    """One reply's metadata and URL, keyed by field name; `null` where the reply gives nothing."""
    contact = reply.contact
    return {
        "url": site.absolute(reply.url),
        "source": reply.path,
        "title": reply.title,
        "doc_number": reply.doc_number,
        "agency": reply.agency,
        "signer": reply.signer or None,
        "result": reply.result,
        "result_label": settings.grade(reply.result).label,
        "kind": reply.kind,
        "meeting": reply.meeting,
        "number": reply.number,
        "proposers": list(reply.proposers),
        "date": reply.date.isoformat(),
        "year": reply.year,
        "contact": {"unit": contact.unit or None, "person": contact.person or None, "phone": contact.phone or None} if contact else None,
        "cc": list(reply.cc),
        "scan": site.absolute(reply.scan_url) if reply.scan else None,
    }


def document(replies: list[Reply], site: Site, settings: Settings) -> dict[str, Any]:
    """The whole JSON document: where it comes from, the newest reply's date, and every record."""
    ordered = sorted(replies, key=newest_first)
    return {
        "$schema": site.absolute(SCHEMA_PATH),
        "site": {"name": site.name, "url": site.url},
        "updated": ordered[0].date.isoformat() if ordered else None,
        "count": len(ordered),
        "replies": [record(reply, site, settings) for reply in ordered],
    }


def replies_json(replies: list[Reply], site: Site, settings: Settings) -> bytes:
    """data/replies.json, indented and in readable UTF-8."""
    return _dump(document(replies, site, settings))


def schema(site: Site, settings: Settings) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that data/replies.json follows."""
    reply_fields = fields(settings)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site.absolute(SCHEMA_PATH),
        "title": f"{site.name}：答复数据",
        "description": "每件已公开答复的信息和网址，按印发日期从新到旧排列。",
        "type": "object",
        "required": ["site", "updated", "count", "replies"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string", "format": "uri", "description": "本结构说明的网址"},
            "site": {
                "type": "object", "required": ["name", "url"], "additionalProperties": False,
                "properties": {"name": _TEXT, "url": {"type": "string", "format": "uri"}},
            },
            "updated": {"type": ["string", "null"], "format": "date", "description": "最新一件答复的印发日期"},
            "count": {"type": "integer", "minimum": 0, "description": "答复件数"},
            "replies": {"type": "array", "items": {"$ref": "#/$defs/reply"}},
        },
        "$defs": {
            "reply": {
                "type": "object",
                "required": [field.name for field in reply_fields],
                "additionalProperties": False,
                "properties": {field.name: {**field.schema, "description": field.description} for field in reply_fields},
            },
        },
    }


def schema_json(site: Site, settings: Settings) -> bytes:
    """data/replies.schema.json."""
    return _dump(schema(site, settings))


def csv_columns(settings: Settings) -> list[str]:
    """The CSV header: the record's fields, with `contact` spread over three columns."""
    columns: list[str] = []
    for field in fields(settings):
        columns += ["contact_unit", "contact_person", "contact_phone"] if field.name == "contact" else [field.name]
    return columns


def replies_csv(replies: list[Reply], site: Site, settings: Settings) -> bytes:
    """data/replies.csv: one row a reply, UTF-8 with a byte-order mark so that Excel reads the Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_columns(settings))
    for item in document(replies, site, settings)["replies"]:
        writer.writerow([_cell(value) for value in _flat(item)])
    return buffer.getvalue().encode("utf-8-sig")


def _flat(item: dict[str, Any]) -> list[Any]:
    values: list[Any] = []
    for name, value in item.items():
        if name == "contact":
            values += [None] * 3 if value is None else [value["unit"], value["person"], value["phone"]]
        else:
            values.append(value)
    return values


def _cell(value: Any) -> str:
    """A CSV cell: lists joined, nothing as empty, and no text a spreadsheet would run as a formula."""
    if value is None:
        return ""
    text = SEPARATOR.join(value) if isinstance(value, list) else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _dump(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
