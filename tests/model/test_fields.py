"""The one table of fields: complete, in step with the records, and the source of every derived list."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest

from replysite.importing import letter
from replysite.importing.writer import Draft, front_matter, reply_file
from replysite.model import fields, reply
from replysite.model.reply import Contact, Reply, parse_reply
from replysite.model.settings import Settings
from replysite.published import opendata
from replysite.published.publication import Site
from tests.sitebuild import ROOT

NAMES = [item.name for item in fields.FIELDS]
MADE_UP = fields.Field("hearing", "听证会", "2019年3月听证", "一行文字", placeholder="听证会名称",
                       published=fields.Published("hearing", "听证会"))


def test_the_table_holds_the_twenty_fields_in_schema_order() -> None:
    assert NAMES == ["title", "doc_number", "agency", "signer", "result", "kind", "meeting", "number", "proposers",
                     "date", "contact", "cc", "reviewed_numbers", "scan", "disclosure", "disclosure_reason", "index_number",
                     "role", "satisfaction", "supersedes"]
    assert fields.REQUIRED == ("title", "doc_number", "agency", "result", "kind", "meeting", "number", "proposers", "date")
    assert fields.contact_parts() == ("unit", "person", "phone") == reply.CONTACT_FIELDS
    assert fields.get("scan").label == "原件扫描件" and reply.FIELDS["scan"] == "原件扫描件"
    with pytest.raises(KeyError):
        fields.get("singer")


@pytest.mark.parametrize("item", [*fields.FIELDS, *fields.CONTACT_PARTS], ids=lambda item: item.name)
def test_every_field_has_a_label_help_and_example(item: fields.Field) -> None:
    assert item.label and item.help and item.example
    assert re.fullmatch(r"[a-z_]+", item.name)
    assert item.required or item.template, "an optional field needs a hint for the template"
    assert (item.shape is fields.Shape.MAPPING) == bool(item.parts)


def test_every_field_has_a_reader_and_every_reader_a_field() -> None:
    assert list(reply._READERS) == NAMES
    assert set(reply._CHECKS) <= set(NAMES)
    with pytest.raises(TypeError, match="hearing"):
        reply._reader(dataclasses.replace(MADE_UP, shape=fields.Shape.DATE))


# Disclosure fields (issue 16.5) are written by staff by hand; the importer's Draft does not carry them yet.
NOT_DRAFTED = ("disclosure", "disclosure_reason", "index_number", "supersedes")


def test_the_records_have_an_attribute_for_every_field() -> None:
    assert [item.name for item in dataclasses.fields(Draft)] == [name for name in NAMES if name not in NOT_DRAFTED]
    assert set(NAMES) <= {item.name for item in dataclasses.fields(Reply)}


def test_the_examples_make_a_valid_reply() -> None:
    examples: dict[str, Any] = {item.name: item.example for item in fields.FIELDS if item.name not in NOT_DRAFTED}
    draft = Draft(**{**examples, "contact": Contact(**examples["contact"])})
    parsed, problems = parse_reply("replies/2018/xujiao-2018-76.md", reply_file(draft, "正文。"), Settings())
    assert problems == [] and parsed is not None
    for item in (item for item in fields.FIELDS if item.name not in NOT_DRAFTED):
        value = getattr(parsed, item.name)
        shown = value.isoformat() if item.shape is fields.Shape.DATE else value
        assert shown == (Contact(**item.example) if isinstance(item.example, dict) else item.example), item.name


def test_the_staff_guide_table_says_what_the_field_table_says() -> None:
    guide = (ROOT / "README.md").read_text(encoding="utf-8").split("### 字段说明", 1)[1].split("\n\n", 2)[1]
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in guide.splitlines()[2:]]
    assert [row[0].strip("`") for row in rows] == NAMES
    for (_, _, needed, how), item in zip(rows, fields.FIELDS, strict=True):
        assert (needed == "是") == item.required and how == item.help, item.name


def test_the_importer_and_the_open_data_take_their_fields_from_the_table() -> None:
    left_out = ("reviewed_numbers", "scan", *NOT_DRAFTED)
    assert (tuple(name for name in NAMES if name not in left_out), left_out) == (letter.READ, letter.NOT_ON_LETTERS)
    published = [item.published.column for item in fields.FIELDS if item.published]
    assert [column.name for column in opendata.columns(Settings()) if column.name in NAMES] == published
    assert "reviewed_numbers" not in opendata.csv_columns(Settings())


@pytest.fixture
def made_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """A field added to the table, and nowhere else."""
    monkeypatch.setattr(fields, "FIELDS", (*fields.FIELDS, MADE_UP))


@pytest.mark.usefixtures("made_up")
def test_a_field_added_to_the_table_is_in_the_json_schema_and_the_csv() -> None:
    site = Site.from_config("https://example.org/", "站")
    record = opendata.schema(site, Settings())["$defs"]["reply"]
    assert record["properties"]["hearing"] == {"type": ["string", "null"], "minLength": 1, "description": "听证会"}
    assert "hearing" in record["required"]
    assert opendata.csv_columns(Settings())[-1] == "hearing"


@pytest.mark.usefixtures("made_up")
def test_a_field_added_to_the_table_is_in_the_template_and_the_writer() -> None:
    explained = ["# 听证会（可选）：删去下一行开头的“# ”，把示例换成答复函上的内容", "# hearing: 听证会名称"]
    assert front_matter(Draft()).splitlines()[-3:-1] == explained

    @dataclasses.dataclass(frozen=True)
    class Heard(Draft):
        hearing: str = ""

    assert front_matter(Heard(hearing="2019年3月听证")).splitlines()[-2] == "hearing: 2019年3月听证"
    assert "hearing" in Heard().missing() and "hearing" not in Heard(hearing="x").missing()
