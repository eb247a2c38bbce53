"""`python -m scripts import` as staff run it: what it writes, prints and refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from scripts.cli import main
from scripts.validate import validate
from tests.accuracy import LETTERS, SEED_LETTER, SEED_REPLY


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A project folder with its own mkdocs.yml and an empty replies/."""
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    (tmp_path / "replies").mkdir()
    return tmp_path


def run(site: Path, *arguments: str) -> Result:
    return CliRunner().invoke(main, ["import", "--config", str(site / "mkdocs.yml"), *arguments])


def test_dry_run_prints_the_file_and_writes_nothing(site: Path) -> None:
    result = run(site, "--dry-run", str(SEED_LETTER))
    assert result.exit_code == 0, result.output
    assert result.stdout == SEED_REPLY.read_text(encoding="utf-8")
    assert list((site / "replies").iterdir()) == []


def test_writes_the_reply_in_its_year_folder_and_prints_the_path(site: Path) -> None:
    result = run(site, str(SEED_LETTER))
    assert result.exit_code == 0, result.output
    target = site / "replies" / "2018" / "xujiao-2018-76.md"
    assert result.stdout.strip() == str(target)
    assert target.read_text(encoding="utf-8") == SEED_REPLY.read_text(encoding="utf-8")
    assert CliRunner().invoke(validate, ["--config", str(site / "mkdocs.yml")]).exit_code == 0


def test_never_overwrites(site: Path) -> None:
    assert run(site, str(SEED_LETTER)).exit_code == 0
    target = site / "replies" / "2018" / "xujiao-2018-76.md"
    target.write_text("staff's edits", encoding="utf-8")
    result = run(site, str(SEED_LETTER))
    assert result.exit_code == 1
    assert "已存在，不会覆盖" in result.stderr
    assert target.read_text(encoding="utf-8") == "staff's edits"


def test_slug_option_names_the_file(site: Path) -> None:
    result = run(site, "--slug", "seed-copy", str(SEED_LETTER))
    assert result.exit_code == 0, result.output
    assert (site / "replies" / "2018" / "seed-copy.md").is_file()


def test_missing_fields_are_left_empty_listed_and_then_named_by_validate(site: Path) -> None:
    result = run(site, str(LETTERS / "13-missing-fields.txt"))
    assert result.exit_code == 0, result.output
    assert "doc_number（文号）" in result.stderr and "result（办理结果）" in result.stderr and "date（印发日期）" in result.stderr
    written = Path(result.stdout.strip())
    assert written.is_file() and 'doc_number: ""' in written.read_text(encoding="utf-8")
    check = CliRunner().invoke(validate, ["--config", str(site / "mkdocs.yml")])
    assert check.exit_code == 1
    for field in ("doc_number", "agency", "result", "date"):
        assert f": {field}: " in check.stderr


def test_gbk_text_file(site: Path) -> None:
    result = run(site, "--dry-run", str(LETTERS / "01-square-brackets-gbk.txt"))
    assert result.exit_code == 0, result.output
    assert "doc_number: 许建〔2019〕23号" in result.stdout


def test_what_validate_would_object_to_is_shown(site: Path) -> None:
    result = run(site, "--dry-run", str(LETTERS / "12-grade-in-trailer.txt"))
    assert result.exit_code == 0
    assert "请核对" in result.stderr and "手机号" in result.stderr


def test_unreadable_file_is_an_error_in_chinese(site: Path, tmp_path: Path) -> None:
    letter = tmp_path / "letter.xyz"
    letter.write_bytes(b"\xd0\xcf\x11\xe0")
    result = run(site, str(letter))
    assert result.exit_code == 1
    assert "不支持" in result.stderr and ".docx" in result.stderr


def test_missing_tesseract_is_a_clear_error(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = run(site, str(image))
    assert result.exit_code == 1
    assert "tesseract" in result.stderr and "apt-get install tesseract-ocr tesseract-ocr-chi-sim" in result.stderr


def test_missing_chinese_model_is_a_clear_error(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Tesseract without chi_sim: the error names the model and the package to install."""
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text('#!/bin/sh\necho "List of available languages (1):"\necho eng\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:{Path(shutil.which('sh') or '/bin/sh').parent}")
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run(site, str(image))
    assert result.exit_code == 1
    assert "chi_sim" in result.stderr and "tesseract-ocr-chi-sim" in result.stderr


def test_every_command_is_documented_with_an_example() -> None:
    for name in main.list_commands(None):  # type: ignore[arg-type]
        help_text = CliRunner().invoke(main, [name, "--help"]).output
        assert "示例" in help_text and f"python -m scripts {name}" in help_text, name
