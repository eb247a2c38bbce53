"""The replies as open data: every reply's metadata as JSON (with its JSON Schema) and as CSV.

Both files hold the same records, computed from the same `Reply` objects as the pages, newest first;
the JSON adds each letter as plain text, and the count of withheld (不予公开) replies by year and reason.
The columns come from the field table (`model.fields`: each published field, its name and meaning)
plus the few this module computes (url, source, result_label, year, proposal_url, superseded_by); the
schema is made from them and docs/open-data.md documents each column.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, ClassVar

import markdown

from replysite.model import fields as schema_fields
from replysite.model.reply import Reply
from replysite.model.settings import Settings
from replysite.pages.catalogue import Links
from replysite.pages.statistics import withheld_rows
from replysite.published.publication import Site

JSON_PATH = "data/replies.json"
CSV_PATH = "data/replies.csv"
SCHEMA_PATH = "data/replies.schema.json"
SEPARATOR = "、"  # joins the items of a list in one CSV cell
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so is run as a formula by spreadsheets

_TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
_OPTIONAL_TEXT: dict[str, Any] = {"type": ["string", "null"], "minLength": 1}


@dataclass(frozen=True)
class Context:
    """What a column's value is read with besides the reply: the site, the settings, and how the replies
    link to each other (the catalogue's threads and corrections, by reply path)."""

    site: Site
    settings: Settings
    links: Mapping[str, Links] = field(default_factory=dict)

    def proposal_url(self, reply: Reply) -> str | None:
        found = self.links.get(reply.path)
        return self.site.absolute(found.thread.url) if found and found.thread.has_page else None

    def superseded_by(self, reply: Reply) -> list[str]:
        found = self.links.get(reply.path)
        return [item.doc_number for item in found.superseded_by] if found else []


Value = Callable[[Reply, Context], Any]


@dataclass(frozen=True)
class Column:
    """One field of a reply's record: its name, its meaning for readers, its JSON Schema and its value."""

    name: str
    description: str
    schema: dict[str, Any]
    value: Value
    parts: tuple[str, ...] = ()  # a mapping's keys: one CSV column each, named column_key


# Columns computed here rather than written by staff, each placed after the field named (first: "").
_COMPUTED: dict[str, tuple[Column, ...]] = {
    "": (
        Column("url", "答复网页的完整网址", {"type": "string", "format": "uri"},
               lambda reply, at: at.site.absolute(reply.url)),
        Column("source", "答复文件在代码仓库中的路径", _TEXT, lambda reply, _at: reply.path),
    ),
    "result": (Column("result_label", "办理结果的简称", _TEXT,
                      lambda reply, at: at.settings.grade(reply.result).label),),
    "number": (Column("proposal_url", "同一提案或建议有多件答复时，汇总全部答复的网页的完整网址；只有一件答复时为空",
                      {"type": ["string", "null"], "format": "uri"}, lambda reply, at: at.proposal_url(reply)),),
    "date": (Column("year", "印发年份", {"type": "integer"}, lambda reply, _at: reply.year),),
    "supersedes": (Column("superseded_by", "更正（取代）本答复的答复的文号，没有时为空列表（两件都发布）",
                          {"type": "array", "items": _TEXT}, lambda reply, at: at.superseded_by(reply)),),
}
# Published values that are not the reply's own value: the scan is published as its web address.
_PUBLISHED_AS: dict[str, Value] = {
    "scan": lambda reply, at: at.site.absolute(reply.scan_url) if reply.scan else None,
}


def columns(settings: Settings) -> tuple[Column, ...]:
    """The fields of a record, in the order the files list them."""
    found = list(_COMPUTED[""])
    for item in schema_fields.FIELDS:
        if item.published is not None:
            found.append(_column(item, item.published, settings))
        found += _COMPUTED.get(item.name, ())
    return tuple(found)


def _column(item: schema_fields.Field, published: schema_fields.Published, settings: Settings) -> Column:
    """A published field's column: its description, JSON Schema and value, from the field table."""
    choices = list(item.choices(settings)) if item.choices else []
    description = f"{published.description}（{'、'.join(choices)}）" if choices else published.description
    value = _PUBLISHED_AS.get(item.name) or _value_of(item)
    parts = tuple(part.name for part in item.parts)
    allowed = {"enum": choices if item.required or item.name == "disclosure" else [*choices, None]}  # disclosure is never empty
    return Column(published.column, description, allowed if choices else _schema_of(item, published), value, parts)


def _schema_of(item: schema_fields.Field, published: schema_fields.Published) -> dict[str, Any]:
    """The JSON Schema of a field's published value, from its shape, whether it is required, and its extras."""
    if item.parts:
        parts = {part.name: _OPTIONAL_TEXT for part in item.parts}
        return {"type": ["object", "null"], "properties": parts, "required": list(parts), "additionalProperties": False}
    if item.shape is schema_fields.Shape.TEXTS:
        return {"type": "array", "items": _TEXT, **({"minItems": 1} if item.required else {})}
    extras = {key: text for key, text in (("format", published.format), ("pattern", published.pattern)) if text}
    text = {"type": "string" if item.required else ["string", "null"]}
    return {**text, **extras} if extras else {**text, "minLength": 1}


def _value_of(item: schema_fields.Field) -> Value:
    """How a field's value is read from a reply: texts as lists, dates as 年-月-日, nothing as null."""
    def value(reply: Reply, _at: Context) -> Any:
        found = getattr(reply, item.name)
        if item.parts:
            return {part.name: getattr(found, part.name) or None for part in item.parts} if found else None
        if item.shape is schema_fields.Shape.TEXTS:
            return list(found)
        if item.shape is schema_fields.Shape.DATE:
            return found.isoformat()
        return found if item.required else found or None
    return value


BODY = "body"  # the letter as plain text: in the JSON only (a CSV cell of 4,000 characters helps no one in Excel)
BODY_DESCRIPTION = "答复函正文（纯文本，段落之间空一行）；摘要公开的答复为复文摘要"
WITHHELD_DESCRIPTION = "不予公开、未在本站发布的答复件数，按年份和理由统计"


class _Text(HTMLParser):
    """The text of rendered Markdown, a block a paragraph."""

    BLOCKS: ClassVar[set[str]] = {"p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag in {"td", "th"}:
            self.parts.append("\t")
        elif tag == "br":
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(body: str) -> str:
    """A reply's Markdown body as plain text: no markup, paragraphs apart by a blank line."""
    parser = _Text()
    parser.feed(markdown.markdown(body, extensions=["tables", "sane_lists"]))
    parser.close()
    lines = (line.strip(" \t") for line in "".join(parser.parts).replace("\t\t", "\t").splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def record(reply: Reply, at: Context, body: bool = True) -> dict[str, Any]:
    """One reply's metadata and URLs, keyed by field name; `null` where the reply gives nothing; with
    its letter as plain text unless not `body`."""
    found = {column.name: column.value(reply, at) for column in columns(at.settings)}
    return {**found, BODY: plain_text(reply.body)} if body else found


def withheld_counts(withheld: Sequence[Reply]) -> list[dict[str, Any]]:
    """How many replies were not published, by year (newest first) and reason; never which ones."""
    return [dataclasses.asdict(row) for row in withheld_rows(withheld)]


def document(
    replies: list[Reply], site: Site, settings: Settings, withheld: Sequence[Reply] = (), body: bool = True,
    links: Mapping[str, Links] | None = None,
) -> dict[str, Any]:
    """The whole JSON document: where it comes from, the newest reply's date, and every record;
    `replies` come newest first, as the catalogue holds them (with their `links`); withheld replies only as counts."""
    at = Context(site, settings, links or {})
    return {
        "$schema": site.absolute(SCHEMA_PATH),
        "site": {"name": site.name, "url": site.url},
        "updated": replies[0].date.isoformat() if replies else None,
        "count": len(replies),
        "withheld": withheld_counts(withheld),
        "replies": [record(reply, at, body) for reply in replies],
    }


def replies_json(
    replies: list[Reply], site: Site, settings: Settings, withheld: Sequence[Reply] = (), links: Mapping[str, Links] | None = None,
) -> bytes:
    """data/replies.json, indented and in readable UTF-8."""
    return _dump(document(replies, site, settings, withheld, links=links))


def schema(site: Site, settings: Settings) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that data/replies.json follows."""
    reply_fields = columns(settings)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": site.absolute(SCHEMA_PATH),
        "title": f"{site.name}：答复数据",
        "description": "每件已公开答复的信息和网址，按印发日期从新到旧排列。",
        "type": "object",
        "required": ["site", "updated", "count", "withheld", "replies"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string", "format": "uri", "description": "本结构说明的网址"},
            "site": {
                "type": "object", "required": ["name", "url"], "additionalProperties": False,
                "properties": {"name": _TEXT, "url": {"type": "string", "format": "uri"}},
            },
            "updated": {"type": ["string", "null"], "format": "date", "description": "最新一件答复的印发日期"},
            "count": {"type": "integer", "minimum": 0, "description": "答复件数"},
            "withheld": {
                "type": "array", "description": WITHHELD_DESCRIPTION,
                "items": {
                    "type": "object", "required": ["year", "reason", "count"], "additionalProperties": False,
                    "properties": {"year": {"type": "integer"}, "reason": _TEXT, "count": {"type": "integer", "minimum": 1}},
                },
            },
            "replies": {"type": "array", "items": {"$ref": "#/$defs/reply"}},
        },
        "$defs": {
            "reply": {
                "type": "object",
                "required": [*(field.name for field in reply_fields), BODY],
                "additionalProperties": False,
                "properties": {
                    **{field.name: {**field.schema, "description": field.description} for field in reply_fields},
                    BODY: {**_TEXT, "description": BODY_DESCRIPTION},
                },
            },
        },
    }


def schema_json(site: Site, settings: Settings) -> bytes:
    """data/replies.schema.json."""
    return _dump(schema(site, settings))


def csv_columns(settings: Settings) -> list[str]:
    """The CSV header: the record's fields, with a mapping (`contact`) spread over a column for each key."""
    header: list[str] = []
    for column in columns(settings):
        header += [f"{column.name}_{part}" for part in column.parts] if column.parts else [column.name]
    return header


def replies_csv(replies: list[Reply], site: Site, settings: Settings, links: Mapping[str, Links] | None = None) -> bytes:
    """data/replies.csv: one row a reply, UTF-8 with a byte-order mark so that Excel reads the Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(csv_columns(settings))
    record_columns = columns(settings)
    for item in document(replies, site, settings, body=False, links=links)["replies"]:
        writer.writerow([_cell(value) for value in _flat(item, record_columns)])
    return buffer.getvalue().encode("utf-8-sig")


def _flat(item: dict[str, Any], record_columns: tuple[Column, ...]) -> list[Any]:
    """A record's values in CSV order, a mapping's keys in columns of their own."""
    values: list[Any] = []
    for column in record_columns:
        value = item[column.name]
        if column.parts:
            values += [None if value is None else value[part] for part in column.parts]
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
