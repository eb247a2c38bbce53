"""PDFs through the same pipeline: one with a text layer, one a scan read by Tesseract, and the scan on the site."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from replysite.importing.letter import ImportedLetter, import_letter
from replysite.importing.source import LetterSource, read_letter
from scripts.cli import main
from tests.accuracy import GRADES, Case, fields_of, run, seed_case
from tests.letter_pdfs import image_pdf, text_pdf
from tests.sitebuild import build, make_project


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pdfs")
    return {"text": text_pdf(folder / "text.pdf"), "scan": image_pdf(folder / "scan.pdf")}


@pytest.fixture(scope="module")
def scan_import(pdfs: dict[str, Path]) -> tuple[Case, LetterSource, ImportedLetter]:
    """The scan read once by Tesseract (a few seconds a page) for all the tests that look at it."""
    case = seed_case(pdfs["scan"])
    source = read_letter(case.source)
    return case, source, import_letter(source.pages, GRADES)


def test_text_layer_pdf_gives_every_field_and_the_published_body(pdfs: dict[str, Path]) -> None:
    case = seed_case(pdfs["text"])
    assert read_letter(case.source).method == "pdf"
    imported = run(case)
    assert fields_of(imported.draft) == case.expected
    assert imported.body == case.body


def test_scan_is_read_by_ocr(scan_import: tuple[Case, LetterSource, ImportedLetter]) -> None:
    case, source, imported = scan_import
    assert source.method == "ocr" and len(source.pages) >= 2
    found = fields_of(imported.draft)
    assert found["doc_number"] == "许教〔2018〕76号"
    assert found["result"] == "B"
    assert found["date"] == "2018-12-24"
    right = sum(found.get(name) == value for name, value in case.expected.items())
    assert right >= 10, found  # OCR misreads a character here and there; today all but none or one field come through


def test_scan_body_has_the_letters_paragraphs_and_no_watermark(scan_import: tuple[Case, LetterSource, ImportedLetter]) -> None:
    case, _, imported = scan_import
    body = imported.body
    assert body.startswith("民盟许昌市委") and body.rstrip().endswith("健康发展。")
    assert len(body.split("\n\n")) == len((case.body or "").split("\n\n"))
    assert "扫描全能王" not in body and "- 1 -" not in body


def test_imported_pdf_is_kept_and_linked_from_the_page(pdfs: dict[str, Path], tmp_path: Path) -> None:
    project = make_project(tmp_path, with_seed=False)
    result = CliRunner().invoke(main, ["import", "--config", str(project / "mkdocs.yml"), str(pdfs["text"])])
    assert result.exit_code == 0, result.output
    reply = project / "replies" / "2018" / "xujiao-2018-76.md"
    assert "scan: xujiao-2018-76.pdf" in reply.read_text(encoding="utf-8")
    assert (project / "replies" / "2018" / "xujiao-2018-76.pdf").read_bytes() == pdfs["text"].read_bytes()
    built = build(project)
    assert built.returncode == 0, built.log
    assert (built.site / "replies" / "2018" / "xujiao-2018-76.pdf").read_bytes() == pdfs["text"].read_bytes()
    page = built.page("replies/2018/xujiao-2018-76/")
    assert '<dt>原件扫描件</dt><dd><a href="../xujiao-2018-76.pdf"' in page


def test_scan_named_but_missing_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    seed = project / "replies" / "2018" / "xujiao-2018-76.md"
    seed.write_text(seed.read_text(encoding="utf-8").replace("cc: [", "scan: xujiao-2018-76.pdf\ncc: ["), encoding="utf-8")
    built = build(project)
    assert built.returncode != 0
    assert "找不到原件扫描件 xujiao-2018-76.pdf" in built.log
