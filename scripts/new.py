"""`python -m scripts new`: start a reply file from the complete front-matter template."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import click

from replysite.importing.writer import Draft, front_matter, suggested_slug
from replysite.model import settings
from replysite.model.reply import FIELDS, parse_reply
from scripts import ROOT

# The key fields, asked for in the order they appear on a letter, with how to write each.
KEY_FIELDS = (
    ("doc_number", "如 许教〔2018〕76号"),
    ("date", "年-月-日，如 2018-12-24"),
    ("agency", "如 许昌市教育局"),
    ("kind", "提案 或 建议"),
    ("meeting", "如 市政协七届二次会议"),
    ("number", "只写数字，如 004"),
    ("title", ""),
    ("proposers", "多人用顿号分隔"),
    ("result", "A、B 或 C"),
)


def _ask_key_fields(command: Callable[..., None]) -> Callable[..., None]:
    """Options for the key fields, each asked for when not given; an empty answer leaves it for later."""
    for name, hint in reversed(KEY_FIELDS):
        label = f"{FIELDS[name]}（{hint}）" if hint else FIELDS[name]
        option = click.option(f"--{name.replace('_', '-')}", name, prompt=label, default="", show_default=False, help=f"{label}。")
        command = option(command)
    return command


@click.command()
@_ask_key_fields
@click.option("--slug", help="文件名（不含 .md），默认由文号生成，如 xujiao-2018-76。")
@click.option("--signer", default="", help="签发人（可选）。")
@click.option("--config", "config_file", default=str(ROOT / "mkdocs.yml"), show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), help="站点配置文件。")
def new(slug: str | None, signer: str, config_file: Path, **answers: str) -> None:
    """新建一件答复：写出含全部字段的答复文件模板，并打印文件路径。

    \b
    依次询问文号、印发日期等主要字段；也可以用选项直接给出，直接回车表示稍后再填。
    文件写到 replies/年份/文件名.md：年份取自印发日期，文件名取自文号。
    可选字段（签发人、联系人、抄送、原件扫描件）以注释列出，去掉行首的 # 即可填写。
    已有同名文件时不会覆盖。之后在文件末尾的 --- 下面粘贴答复函正文，再运行 validate 检查。

    \b
    示例（其余字段会逐项询问）：
      python -m scripts new --doc-number 许教〔2018〕76号 --date 2018-12-24 --kind 提案 --result B
    """
    site, folder = settings.load(config_file)
    draft = Draft(
        title=answers["title"].strip(),
        doc_number=answers["doc_number"].strip(),
        agency=answers["agency"].strip(),
        signer=signer.strip(),
        result=answers["result"].strip().upper(),
        kind=answers["kind"].strip(),
        meeting=answers["meeting"].strip(),
        number=answers["number"].strip(),
        proposers=tuple(name.strip() for name in re.split(r"[、，,；;]", answers["proposers"]) if name.strip()),
        date=answers["date"].strip(),
    )
    name = slug or suggested_slug(draft.doc_number)
    if not name:
        message = "无法由文号生成文件名（文号应像 许教〔2018〕76号）：请改正文号，或用 --slug 指定文件名，如 --slug xujiao-2018-76。"
        raise click.ClickException(message)
    target = folder / _year(draft) / f"{name}.md"
    if target.exists():
        raise click.ClickException(f"{_shown(target)} 已存在，不会覆盖：请核对是否已经录入过这件答复，或用 --slug 另取文件名。")
    text = front_matter(draft)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    click.echo(_shown(target))
    _, problems = parse_reply(_shown(target), text, site)
    for problem in problems:
        if problem.field != "body":
            click.echo(f"请补填或改正：{problem}", err=True)


def _year(draft: Draft) -> str:
    """The year folder: from the date, else from the 文号."""
    match = re.fullmatch(r"(\d{4})-\d{2}-\d{2}", draft.date)
    if match:
        return match[1]
    match = re.search(r"〔(\d{4})〕", draft.doc_number)
    if match:
        return match[1]
    raise click.ClickException("需要印发日期（如 2018-12-24）或文号（如 许教〔2018〕76号）来确定年份文件夹：请至少填写其中一项。")


def _shown(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)

