"""From a letter's text to a reply: the fields found, the cleaned body, and what is still missing.

The steps run the same for a text file, a PDF's text layer and OCR: take out page furniture, join
wrapped lines, cut the letter into header, body and trailer, then read each field.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from replysite.importing import fields as read
from replysite.importing import handling
from replysite.importing.body import body_markdown
from replysite.importing.chrome import without_chrome
from replysite.importing.dates import stripped_date
from replysite.importing.layout import remove_furniture, unwrap
from replysite.importing.parts import split_letter
from replysite.importing.traditional import restorer, simplify
from replysite.importing.writer import Draft, reply_file
from replysite.model import fields as schema
from replysite.model.reply import Contact

READ = tuple(item.name for item in schema.FIELDS if item.on_letter)  # what the importer looks for in a letter
NOT_ON_LETTERS = tuple(item.name for item in schema.FIELDS if not item.on_letter)  # reviewed numbers, the scan
UNUSUAL = tuple(item.name for item in schema.FIELDS if not item.usual)  # on a few letters only: the role, the satisfaction


@dataclass(frozen=True)
class ImportedLetter:
    """What the importer made of one letter."""

    draft: Draft
    body: str
    notes: tuple[str, ...] = ()  # what staff must check that no field says (a date written 2023628)

    def file_text(self) -> str:
        """The reply file; optional fields no letter carries (reviewed numbers, a scan not yet kept) and those few
        letters show (a role, a satisfaction) are left out when empty."""
        return reply_file(self.draft, self.body, leave_out=NOT_ON_LETTERS + UNUSUAL)

    @property
    def missing(self) -> list[str]:
        """Required fields the letter did not yield; staff fill these in."""
        return [name for name in self.draft.missing() if name in schema.REQUIRED]

    @property
    def not_found(self) -> list[str]:
        """Optional fields the letter did not yield, of those the importer looks for."""
        return [name for name in self.draft.missing() if name not in schema.REQUIRED and name in READ and name not in UNUSUAL]


def import_letter(pages: Sequence[str], grades: Sequence[str]) -> ImportedLetter:
    """Read the reply's fields and body from the pages of a letter; `grades` are the site's grade codes.

    A letter in traditional characters is read as simplified text and given back as written.
    """
    plain = tuple(simplify(page) for page in pages)
    imported = _import_simplified(plain, grades)
    if plain == tuple(pages):
        return imported
    restore = restorer(pages)
    return ImportedLetter(_restored(imported.draft, restore), restore(imported.body), imported.notes)


AS_WRITTEN = ("title", "agency", "signer", "meeting", "proposers", "cc")  # kind, grade, date, number stay in the site's form


def _restored(draft: Draft, restore: Callable[[str], str]) -> Draft:
    """The draft's free text in the letter's own characters; the 文号's issuer too, its 〔〕 and 号 in the site's form."""
    changes: dict[str, object] = {}
    for name in AS_WRITTEN:
        value = getattr(draft, name)
        changes[name] = tuple(restore(part) for part in value) if isinstance(value, tuple) else restore(value)
    issuer, bracket, rest = draft.doc_number.partition("〔")
    contact = Contact(unit=restore(draft.contact.unit), person=restore(draft.contact.person), phone=draft.contact.phone)
    return dataclasses.replace(draft, **changes, doc_number=restore(issuer) + bracket + rest, contact=contact)  # type: ignore[arg-type]


def _import_simplified(pages: Sequence[str], grades: Sequence[str]) -> ImportedLetter:
    lines = unwrap(without_chrome(remove_furniture(tuple(pages))))
    parts = split_letter(lines)
    body = body_markdown(parts.body)
    paragraphs = body.split("\n\n")
    around = parts.header + parts.trailer
    kind, meeting, number = read.heading(parts.header)
    if not kind:
        kind, meeting, number = read.heading(paragraphs[:3])
    agency = read.agency(parts.header, parts.trailer)
    draft = Draft(
        title=read.title(paragraphs),
        doc_number=read.doc_number(parts.header) or read.doc_number(parts.trailer),
        agency=agency,
        signer=read.signer(around),
        result=read.grade(around, grades) or read.first_line_grade(parts.header, grades),
        kind=kind or read.kind_from_text(paragraphs[:3]),
        meeting=meeting,
        number=number,
        proposers=read.proposers(parts.header, parts.body),
        date=read.issue_date(parts.trailer, parts.header),
        contact=read.contact(around),
        cc=read.cc(parts.trailer),
        role=handling.role(parts, agency),
        satisfaction=handling.satisfaction(lines),
    )
    return ImportedLetter(draft, body, _notes(draft, parts.trailer))


def _notes(draft: Draft, trailer: Sequence[str]) -> tuple[str, ...]:
    stripped = [stripped_date(line) for line in trailer if stripped_date(line)]
    if draft.date or not stripped:
        return ()
    return (f"答复函的日期写作“{stripped[0]}”，缺少年、月、日，无法确定是哪一天，已留空：请对照原件填写 date。",)
