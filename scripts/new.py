"""`python -m scripts new`: start a reply file from the complete front-matter template."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from replysite.importing.writer import Draft, front_matter, suggested_slug
from replysite.model import fields as schema
from replysite.model import settings
from replysite.model.reply import parse_reply
from scripts import ROOT

SIGNER = schema.get("signer")


def _ask_key_fields(command: Callable[..., None]) -> Callable[..., None]:
    """Options for the key fields (those with a prompt in the field table), each asked for when not given.

    They are asked in the order they stand on a letter; an empty answer leaves the field for later.
    """
    for item, prompt in reversed(schema.asked()):
        label = f"{item.label}（{prompt.hint}）" if prompt.hint else item.label
        option = click.option(f"--{item.name.replace('_', '-')}", item.name, prompt=label, default="", show_default=False,
                              help=f"{label}。")
        command = option(command)
    return command


def _answer(item: schema.Field, answer: str) -> Any:
    """One answer as the draft holds it: a list split at 顿号 or commas, a grade code in capitals."""
    if item.shape is schema.Shape.TEXTS:
        return tuple(name.strip() for name in re.split(r"[、，,；;]", answer) if name.strip())
    return answer.strip().upper() if item.name == "result" else answer.strip()


@click.command()
@_ask_key_fields
@click.option("--slug", help="文件名（不含 .md），默认由文号生成，如 xujiao-2018-76。")
@click.option("--signer", default="", help=f"{SIGNER.label}（可选）。")
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
    values = {item.name: _answer(item, answers[item.name]) for item, _ in schema.asked()}
    draft = Draft(signer=signer.strip(), **values)
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

