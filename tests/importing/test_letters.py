"""The importer on the seed letter and on the fixture letters: every field, the missing list and the body."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from replysite.importing.letter import import_letter
from replysite.importing.source import read_letter
from replysite.model.reply import parse_reply
from replysite.model.settings import Settings
from scripts.measures import accuracy
from tests.accuracy import SEED_LETTER, SEED_REPLY, Case, fields_of, fixture_cases, run, seed_case, tally

CASES = fixture_cases()


def test_seed_letter_imports_as_the_published_reply() -> None:
    imported = import_letter(read_letter(SEED_LETTER).pages, ["A", "B", "C"])
    assert imported.missing == [] and imported.not_found == []
    assert imported.file_text() == SEED_REPLY.read_text(encoding="utf-8")


def test_seed_case_matches_field_by_field() -> None:
    case = seed_case()
    imported = run(case)
    assert fields_of(imported.draft) == case.expected
    assert imported.body == case.body


def test_there_are_enough_fixture_letters() -> None:
    assert len(CASES) >= 12
    assert all(case.source.is_file() for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fixture_fields(case: Case) -> None:
    assert fields_of(run(case).draft) == case.expected


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fixture_missing_fields(case: Case) -> None:
    assert run(case).missing == case.missing


@pytest.mark.parametrize("case", [case for case in CASES if case.body is not None], ids=lambda case: case.name)
def test_fixture_body(case: Case) -> None:
    assert run(case).body == case.body


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_fixture_body_is_clean(case: Case) -> None:
    body = run(case).body
    assert body.split("\n", 1)[0].endswith(("：", ":", "代表", "委员")), "the body starts at the salutation (its colon may be lost)"
    for furniture in ("扫描全能王", "- 1 -", "- 2 -", "文件\n", "印发", "抄送", "联系人"):
        assert furniture not in body
    assert "\n\n\n" not in body


def test_gbk_fixture_is_really_gbk() -> None:
    data = next(case for case in CASES if case.name.startswith("01-")).source.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_imported_file_reads_back_through_the_model(case: Case) -> None:
    """What the importer writes, parse_reply reads back as the same values, or names exactly what is missing."""
    imported = run(case)
    path = "replies/2020/x.md"
    reply, problems = parse_reply(path, imported.file_text(), Settings())
    expected_problems = set(case.missing)
    if case.expected.get("kind") == "议案":
        expected_problems.add("kind")  # not a kind this site publishes: validate says so
    contact = case.expected.get("contact")
    if isinstance(contact, dict) and str(contact.get("phone", "")).startswith("1"):
        expected_problems.add("contact")  # a mobile number: the privacy guard asks staff to review it
    assert {problem.field.split(".")[0] for problem in problems} == expected_problems
    if reply is not None:
        assert reply.doc_number == case.expected["doc_number"]
        assert reply.number == case.expected["number"]
        assert reply.date.isoformat() == case.expected["date"]


def test_accuracy_tally_counts_a_wrong_field() -> None:
    case = CASES[0]
    wrong = Case(case.name, case.source, {**case.expected, "signer": "别人"})
    counts = tally([wrong])
    assert (counts["signer"].right, counts["signer"].expected) == (0, 1)
    assert (counts["title"].right, counts["title"].expected) == (1, 1)


def test_a_date_without_its_characters_is_left_blank_with_a_note() -> None:
    imported = run(next(case for case in CASES if case.name.startswith("18-")))
    assert imported.draft.date == ""
    assert len(imported.notes) == 1 and "2023821" in imported.notes[0]


def test_a_letter_in_simplified_characters_has_no_note() -> None:
    assert all(not run(case).notes for case in CASES if not case.name.startswith("18-"))


def test_the_accuracy_measure_counts_right_blank_and_wrong(tmp_path: Path) -> None:
    """`python -m scripts.measures accuracy` on a folder of one letter and its hand-read truth."""
    letter = next(case for case in CASES if case.name.startswith("05-"))
    shutil.copyfile(letter.source, tmp_path / "001.txt")
    truth: dict[str, object] = {
        "title": "关于加快推进农村宅基地确权登记的建议", "signer": "杜明", "result": None, "date": "2020-09-04", "cc": [],
    }
    (tmp_path / "001.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    counts = accuracy.measure(tmp_path)
    assert (counts["title"].right, counts["signer"].right, counts["cc"].wrong, counts["date"].wrong) == (1, 1, 1, 1)
    assert counts["result"].wrong == 1 and counts["meeting"].wrong == 1  # given where the truth says nothing
    result = CliRunner().invoke(accuracy.accuracy, [str(tmp_path)])
    assert result.exit_code == 0 and "| **all** |" in result.output and "wrong: 001 date" in result.output
