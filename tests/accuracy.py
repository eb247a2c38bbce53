"""How many fields the importer gets right on the fixture letters, field by field.

Run from the repository root:  .venv/bin/python -m tests.accuracy [--pdf]
With --pdf the seed letter is also rendered to a text-layer PDF and to an image-only scan (OCR).
The tests use the same cases, so what this prints is what the tests check.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))  # as pytest's pythonpath does, so this file also runs on its own

from replysite.importing.letter import READ, ImportedLetter, import_letter  # noqa: E402
from replysite.importing.source import read_letter  # noqa: E402
from replysite.importing.writer import Draft  # noqa: E402
from replysite.model.reply import CONTACT_FIELDS, Contact, parse_reply  # noqa: E402
from replysite.model.settings import Settings  # noqa: E402

LETTERS = Path(__file__).resolve().parent / "fixtures" / "letters"
SEED_LETTER = Path(__file__).resolve().parent / "fixtures" / "seed-letter.txt"  # the letter the project started from (a phone scan, OCR'd)
SEED_REPLY = ROOT / "replies" / "2018" / "xujiao-2018-76.md"
GRADES = ("A", "B", "C")
CHECKED = READ  # every field the importer looks for in a letter


@dataclass(frozen=True)
class Case:
    """One letter and what the importer should make of it."""

    name: str
    source: Path
    expected: dict[str, object]
    missing: list[str] = field(default_factory=list)
    body: str | None = None


def fixture_cases() -> list[Case]:
    """Every letter in tests/fixtures/letters with the expectations in the YAML file beside it."""
    cases = []
    for spec in sorted(LETTERS.glob("*.yml")):
        data = yaml.load(spec.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # every scalar as text
        body = data.get("body")
        cases.append(Case(spec.stem, spec.with_suffix(".txt"), data.get("expected") or {}, list(data.get("missing") or []),
                          body.rstrip("\n") if body else None))
    return cases


def seed_case(source: Path = SEED_LETTER) -> Case:
    """The seed letter, expected to give the reply committed in replies/."""
    reply, problems = parse_reply("replies/2018/xujiao-2018-76.md", SEED_REPLY.read_text(encoding="utf-8"), Settings())
    assert reply is not None, problems
    values = {name: getattr(reply, name) for name in CHECKED}
    expected = fields_of(Draft(**{**values, "date": reply.date.isoformat(), "contact": reply.contact or Contact()}))
    return Case(f"seed ({source.suffix[1:]})", source, expected, [], reply.body.strip("\n"))


def fields_of(draft: Draft) -> dict[str, object]:
    """The draft's non-empty fields as plain text, lists and mappings, the shape of the expectation files."""
    values: dict[str, object] = {}
    for name in CHECKED:
        value = getattr(draft, name)
        if isinstance(value, Contact):
            parts = {key: getattr(value, key) for key in CONTACT_FIELDS if getattr(value, key)}
            if parts:
                values[name] = parts
        elif isinstance(value, tuple):
            if value:
                values[name] = list(value)
        elif value:
            values[name] = value
    return values


def run(case: Case) -> ImportedLetter:
    return import_letter(read_letter(case.source).pages, GRADES)


@dataclass
class Tally:
    """Per field: how many letters have it, how many the importer got right, and how many it made up."""

    expected: int = 0
    right: int = 0
    invented: int = 0


def tally(cases: list[Case]) -> dict[str, Tally]:
    counts = {name: Tally() for name in CHECKED}
    for case in cases:
        actual = fields_of(run(case).draft)
        for name in CHECKED:
            if name in case.expected:
                counts[name].expected += 1
                counts[name].right += actual.get(name) == case.expected[name]
            elif name in actual:
                counts[name].invented += 1
    return counts


def report(counts: dict[str, Tally], title: str) -> Iterator[str]:
    yield title
    yield f"{'field':<12} {'right':>5} / {'expected':<8} {'share':>7}  invented"
    for name, count in counts.items():
        share = f"{count.right / count.expected:.0%}" if count.expected else "-"
        yield f"{name:<12} {count.right:>5} / {count.expected:<8} {share:>7}  {count.invented}"
    right = sum(count.right for count in counts.values())
    expected = sum(count.expected for count in counts.values())
    yield f"{'all fields':<12} {right:>5} / {expected:<8} {right / expected:>7.1%}  {sum(c.invented for c in counts.values())}"


def main(arguments: list[str]) -> None:
    cases = fixture_cases()
    print("\n".join(report(tally(cases), f"Fixture letters ({len(cases)}, tests/fixtures/letters):")))
    print()
    print("\n".join(report(tally([seed_case()]), "Seed letter (text):")))
    if "--pdf" in arguments:
        from tests.letter_pdfs import image_pdf, text_pdf

        with tempfile.TemporaryDirectory() as folder:
            for label, render in (("text-layer PDF", text_pdf), ("image-only PDF, OCR", image_pdf)):
                pdf = render(Path(folder) / f"{label[:4]}.pdf")
                print()
                print("\n".join(report(tally([seed_case(pdf)]), f"Seed letter ({label}):")))


if __name__ == "__main__":
    main(sys.argv[1:])
