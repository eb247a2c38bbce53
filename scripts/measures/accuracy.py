"""`python -m scripts.measures accuracy FOLDER`: the importer on letters read by hand, field by field.

FOLDER holds `NNN.txt` letters, each with `NNN.json`, its hand-read truth (the keys of
../shared/letters/README.md). A field is right when the importer gives the truth, or leaves it
blank where the truth is null or []; blank when the importer gives nothing where the truth has a
value; wrong otherwise. Wrong values are listed: for staff a wrong value is a published error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click

from replysite.importing.letter import import_letter
from replysite.importing.source import read_letter
from replysite.importing.writer import Draft

GRADES = ("A", "B", "C")
_DASHES = re.compile(r"\s*[-\u2010-\u2015\u2212\uff0d]\s*")


def _title(value: str) -> str:
    """The subject alone: the truth keeps 关于…的建议 as written, the site stores what is inside."""
    text = re.sub(r"\s+", "", value).strip("“”\"《》「」")
    text = text.removeprefix("关于").strip("“”\"")
    return re.sub(r"的?(?:提案|建议|议案)$", "", text).strip("“”\"")


def _doc_number(value: str) -> str:
    """The site writes 〔2023〕15号 where a letter may write 〔2023〕第15号."""
    return value.replace("〕第", "〕")


def _phone(value: str) -> str:
    return _DASHES.sub("-", value)


@dataclass(frozen=True)
class Measured:
    """One field compared: its truth key, how to read it from a draft, how both are normalised."""

    name: str
    truth: str
    read: Callable[[Draft], object]
    normal: Callable[[str], str] = lambda value: value
    truth_only: bool = False  # normalise the truth alone: the importer must give the site's form itself


MEASURED = (
    Measured("title", "title", lambda d: d.title, _title, truth_only=True),
    Measured("doc_number", "doc_number", lambda d: d.doc_number, _doc_number),
    Measured("agency", "agency", lambda d: d.agency),
    Measured("signer", "signer", lambda d: d.signer),
    Measured("result", "result", lambda d: d.result),
    Measured("kind", "kind", lambda d: d.kind),
    Measured("meeting", "meeting", lambda d: d.meeting),
    Measured("number", "proposal_number", lambda d: d.number),
    Measured("proposers", "proposers", lambda d: d.proposers),
    Measured("date", "date", lambda d: d.date),
    Measured("contact.person", "contact_person", lambda d: d.contact.person),
    Measured("contact.phone", "contact_phone", lambda d: d.contact.phone, _phone),
    Measured("cc", "cc", lambda d: d.cc),
)


@dataclass
class Count:
    """Per field: right, left blank where the truth has a value, and wrong."""

    right: int = 0
    blank: int = 0
    wrong: int = 0
    wrongs: list[str] = field(default_factory=list)


def _normalised(measured: Measured, value: object, truth: bool = True) -> object:
    normal = measured.normal if truth or not measured.truth_only else str
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [normal(str(item)) for item in value] or None
    return normal(str(value)) or None


def compare(draft: Draft, truth: dict[str, object], counts: dict[str, Count], letter: str) -> None:
    """Add one letter's fields to `counts`."""
    for measured in MEASURED:
        expected = _normalised(measured, truth.get(measured.truth))
        actual = _normalised(measured, measured.read(draft), truth=False)
        count = counts[measured.name]
        if actual == expected:
            count.right += 1
        elif actual is None:
            count.blank += 1
        else:
            count.wrong += 1
            count.wrongs.append(f"{letter} {measured.name}: {actual!r}，应为 {expected!r}")


def measure(folder: Path) -> dict[str, Count]:
    """Import every letter of `folder` that has its truth beside it."""
    counts = {measured.name: Count() for measured in MEASURED}
    for source in sorted(folder.glob("*.txt")):
        truth_file = source.with_suffix(".json")
        if not truth_file.is_file():
            continue
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        draft = import_letter(read_letter(source).pages, GRADES).draft
        compare(draft, truth, counts, source.stem)
    return counts


def table(counts: dict[str, Count]) -> Iterator[str]:
    """The counts as a Markdown table, then the total and each wrong value."""
    yield "| field | right | blank | wrong |"
    yield "|---|---|---|---|"
    for name, count in counts.items():
        yield f"| {name} | {count.right} | {count.blank} | {count.wrong} |"
    right = sum(count.right for count in counts.values())
    blank = sum(count.blank for count in counts.values())
    wrong = sum(count.wrong for count in counts.values())
    total = right + blank + wrong
    share = f"{right / total:.1%}" if total else "-"
    yield f"| **all** | {right} / {total} ({share}) | {blank} | {wrong} |"
    for count in counts.values():
        yield from (f"wrong: {line}" for line in count.wrongs)


@click.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
def accuracy(folder: Path) -> None:
    """Import each NNN.txt of FOLDER and compare it with NNN.json: per field right / blank / wrong.

    \b
    Example: python -m scripts.measures accuracy ../shared/letters
    """
    counts = measure(folder)
    if not any(count.right + count.blank + count.wrong for count in counts.values()):
        raise click.ClickException(f"{folder} 中没有带 .json 的 .txt 答复函。")
    click.echo("\n".join(table(counts)))
