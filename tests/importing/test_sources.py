"""What `import` accepts besides text and PDF: Word documents, image scans kept as originals, and clear refusals."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from pypdf import PdfWriter

from replysite.importing import source
from replysite.importing.letter import import_letter
from replysite.importing.source import LetterSourceError, read_letter
from scripts.cli import main
from tests.accuracy import LETTERS, Case, fields_of, run
from tests.importing.test_letters import CASES


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: 测试\n", encoding="utf-8")
    (tmp_path / "replies").mkdir()
    return tmp_path


def import_(site: Path, *arguments: str) -> Result:
    return CliRunner().invoke(main, ["import", "--config", str(site / "mkdocs.yml"), *arguments])


def word_copy(letter: Path, target: Path, table: list[list[str]] | None = None) -> Path:
    """The letter typed into Word: a paragraph a line, and optionally a table before it."""
    document = docx.Document()
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, cells in zip(grid.rows, table, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    for line in read_letter(letter).pages[0].split("\n"):
        document.add_paragraph(line)
    document.save(str(target))
    return target


@pytest.mark.parametrize("case", [case for case in CASES if case.name.startswith(("05-", "09-", "16-"))], ids=lambda case: case.name)
def test_a_word_document_gives_what_its_text_gives(case: Case, tmp_path: Path) -> None:
    from_word = read_letter(word_copy(case.source, tmp_path / "letter.docx"))
    assert from_word.method == "word"
    assert fields_of(import_letter(from_word.pages, ["A", "B", "C"]).draft) == fields_of(run(case).draft)


def test_a_word_table_is_read_a_row_a_line(tmp_path: Path) -> None:
    word = word_copy(LETTERS / "05-category-grade.txt", tmp_path / "form.docx", [["代表姓名", "刘芳、王强"], ["类别", "建议"]])
    first = read_letter(word).pages[0].split("\n")[:2]
    assert first == ["代表姓名  刘芳、王强", "类别  建议"]


def test_import_writes_a_reply_from_word_and_keeps_no_copy(site: Path, tmp_path: Path) -> None:
    word = word_copy(LETTERS / "05-category-grade.txt", tmp_path / "答复.docx")
    result = import_(site, str(word))
    assert result.exit_code == 0, result.output
    written = list((site / "replies" / "2020").iterdir())
    assert [path.suffix for path in written] == [".md"] and result.stdout.strip() == str(written[0])


def test_an_image_scan_is_kept_beside_the_reply(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = tmp_path / "扫描.JPEG"
    scan.write_bytes(b"\xff\xd8\xff" + b"\x00" * 32)
    text = (LETTERS / "05-category-grade.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(source, "ocr_image", lambda path: text)
    result = import_(site, str(scan))
    assert result.exit_code == 0, result.output
    reply = Path(result.stdout.strip())
    kept = reply.with_suffix(".jpg")
    assert kept.read_bytes() == scan.read_bytes() and f"scan: {kept.name}" in reply.read_text(encoding="utf-8")
    assert "原件已保存" in result.stderr
    again = import_(site, str(scan))
    assert again.exit_code == 1 and "不会覆盖" in again.stderr and kept.read_bytes() == scan.read_bytes()


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_and_wps_files_say_how_to_convert(suffix: str, site: Path, tmp_path: Path) -> None:
    old = tmp_path / f"答复{suffix}"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 32)
    result = import_(site, str(old))
    assert result.exit_code == 1
    assert "另存为" in result.stderr and ".docx" in result.stderr and "Traceback" not in result.output
    assert list((site / "replies").iterdir()) == []


def test_an_encrypted_pdf_says_how_to_unlock_it(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(LetterSourceError, match="打开密码"):
        read_letter(locked)


def test_a_broken_word_file_is_refused_in_chinese(tmp_path: Path) -> None:
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(LetterSourceError, match="无法读取这个 Word 文档"):
        read_letter(broken)
