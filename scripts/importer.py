"""`python -m scripts import`: turn one received letter (text, PDF or scan) into a reply file."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import click

from replysite.importing.letter import ImportedLetter, import_letter
from replysite.importing.source import LetterSource, read_letter
from replysite.importing.writer import suggested_slug
from replysite.model import settings
from replysite.model.names import file_slug
from replysite.model.reply import FIELDS, parse_reply
from scripts import ROOT

KEPT = {".pdf": ".pdf", ".png": ".png", ".jpg": ".jpg", ".jpeg": ".jpg"}  # originals kept beside the reply, as the model names them


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="只把生成的答复文件打印出来，不写入 replies/。")
@click.option("--slug", help="文件名（不含 .md），默认由文号生成，如 xujiao-2018-76。")
@click.option("--config", "config_file", default=str(ROOT / "mkdocs.yml"), show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), help="站点配置文件。")
def import_command(path: Path, dry_run: bool, slug: str | None, config_file: Path) -> None:
    """从一份答复函（文字稿、Word 文档、PDF 或扫描图片）生成答复文件，自动读出文号、办理结果等信息。

    \b
    PATH 可以是：.txt 文字稿（UTF-8 或 GBK 编码）；Word 文档 .docx；带文字层的 PDF；
    没有文字层的扫描 PDF 或 PNG/JPG 图片（用 Tesseract 简体中文模型做 OCR 识别）。
    .doc、.wps 文件和设了打开密码的 PDF 请先另存为 .docx 或 PDF（会提示做法）。

    \b
    生成 replies/年份/文件名.md：元数据取自答复函；正文从称呼到结尾，
    去掉扫描水印、页码和重复的文头，接好被分页截断的段落。
    导入 PDF 或 PNG/JPG 扫描图片时，原件一并保存在答复文件旁边，网页上提供“原件扫描件”链接。

    \b
    读不出的字段留空，并在屏幕上列出，文件照常写入；补填后运行 validate 检查。
    已有同名文件时不会覆盖。

    \b
    示例：
      python -m scripts import ~/扫描/许教2018-76号.pdf
      python -m scripts import --dry-run 答复函.txt    （只预览，不写文件）
    """
    site, folder = settings.load(config_file)
    source = read_letter(path)  # a LetterSourceError becomes a click error in scripts/cli.py
    imported = import_letter(source.pages, [grade.code for grade in site.grades])
    year = _year(imported)
    name = slug or suggested_slug(imported.draft.doc_number) or file_slug(path.stem)
    target = folder / year / f"{name}.md"
    scan = _scan_beside(path, target)
    if scan:
        imported = dataclasses.replace(imported, draft=dataclasses.replace(imported.draft, scan=scan.name))
    text = imported.file_text()
    _report(imported, source, year)
    _check(target, text, imported, site)
    if dry_run:
        click.echo(text, nl=False)
        return
    for existing in (target, scan) if scan else (target,):
        if existing.exists():
            raise click.ClickException(f"{_shown(existing)} 已存在，不会覆盖：请用 --slug 另取文件名，或先核对、删除旧文件。")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if scan:
        shutil.copyfile(path, scan)
        click.echo(f"原件已保存：{_shown(scan)}", err=True)
    click.echo(_shown(target))


def _scan_beside(path: Path, target: Path) -> Path | None:
    """Where the original is kept beside the reply: a PDF, PNG or JPG scan, named like the reply; None for text."""
    suffix = path.suffix.lower()
    if suffix not in KEPT:
        return None
    return target.with_suffix(KEPT[suffix])


def _year(imported: ImportedLetter) -> str:
    """The year folder: from the date, else from the 文号, else a folder staff must correct."""
    if imported.draft.date:
        return imported.draft.date[:4]
    match = re.search(r"〔(\d{4})〕", imported.draft.doc_number)
    return match[1] if match else "undated"


def _report(imported: ImportedLetter, source: LetterSource, year: str) -> None:
    """Tell staff on stderr what they still have to fill in or check."""
    if imported.missing:
        names = "、".join(f"{name}（{FIELDS[name]}）" for name in imported.missing)
        click.echo(f"未能从答复函中读出以下字段，已留空，请对照原件补填：{names}", err=True)
    if imported.not_found:
        names = "、".join(f"{name}（{FIELDS[name]}）" for name in imported.not_found)
        click.echo(f"答复函中没有找到（可选）：{names}", err=True)
    for note in imported.notes:
        click.echo(note, err=True)
    if year == "undated":
        click.echo("没有读出印发日期和文号年份：文件暂放在 replies/undated/，补填日期后请移到对应年份的文件夹。", err=True)
    if source.method == "ocr":
        click.echo("正文由 OCR 识别得到，可能有错字：请对照原件逐段核对。", err=True)


def _check(target: Path, text: str, imported: ImportedLetter, site: settings.Settings) -> None:
    """What validate will say about the new file beyond the empty fields already listed (a mobile number, say)."""
    _, problems = parse_reply(_shown(target), text, site)
    for problem in problems:
        if problem.field.split(".")[0] not in imported.missing:
            click.echo(f"请核对：{problem}", err=True)


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
