"""`python -m scripts new`: start a reply file from the complete front-matter template."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from replysite.importing import fields as read
from replysite.importing.dates import find_dates
from replysite.importing.text import fold, tidy_spaces
from replysite.importing.writer import Draft, front_matter, suggested_slug
from replysite.model import fields as schema
from replysite.model import settings
from replysite.model.reply import parse_reply
from scripts import ROOT

SIGNER = schema.get("signer")


def _ask_key_fields(command: Callable[..., None]) -> Callable[..., None]:
    """Options for the key fields (those with a prompt in the field table); the ones not given are asked for.

    They are asked in the order they stand on a letter; an empty answer leaves the field for later.
    """
    for item, prompt in reversed(schema.asked()):
        label = f"{item.label}（{prompt.hint}）" if prompt.hint else item.label
        option = click.option(f"--{item.name.replace('_', '-')}", item.name, default=None, help=f"{label}。")
        command = option(command)
    return command


class Refused(ValueError):
    """An answer that cannot be used; its message says why and how to write it, in Chinese."""


def convert(item: schema.Field, answer: str, site: settings.Settings) -> tuple[Any, str]:
    """One answer as the draft holds it, and a note when it was converted (2019年11月5日 -> 2019-11-05)."""
    text = answer.strip()
    if not text:
        return ((), "") if item.shape is schema.Shape.TEXTS else ("", "")
    if item.shape is schema.Shape.TEXTS:
        return tuple(name.strip() for name in re.split(r"[、，,；;]", text) if name.strip()), ""
    value = CONVERSIONS[item.name](text, site) if item.name in CONVERSIONS else text
    return value, ("" if value == text else f"{item.label}：“{text}”已改写为“{value}”")


def _date(text: str, site: settings.Settings) -> str:
    found = find_dates(text)
    if len(found) != 1 or not re.fullmatch(r"[\d\s年月日./〇○零一二三四五六七八九十-]+", fold(text)):
        raise Refused(f"“{text}”不是一个真实的日期：请写成 2018-12-24 这样的年-月-日。")
    return found[0][1]


def _doc_number(text: str, site: settings.Settings) -> str:
    value = read.doc_number([text])
    if not value or tidy_spaces(fold(text)).count("号") != 1:
        raise Refused(f"“{text}”不像文号：请写成 机关代字〔年份〕序号号，如 许教〔2018〕76号。")
    return value


def _grade(text: str, site: settings.Settings) -> str:
    codes = [grade.code for grade in site.grades]
    value = re.sub(r"[\s()（）类]", "", fold(text)).upper()
    if value not in codes:
        raise Refused(f"办理结果“{text}”不在本站的等级中：请只写 {'、'.join(codes)} 之一。")
    return value


def _kind(text: str, site: settings.Settings) -> str:
    names = [kind.name for kind in site.kinds]
    if text not in names:
        raise Refused(f"类别“{text}”不在本站的类别中：请写 {'或'.join(names)}。")
    return text


def _number(text: str, site: settings.Settings) -> str:
    return re.sub(r"^第\s*|\s*号$", "", fold(text).strip())


def _title(text: str, site: settings.Settings) -> str:
    value = read.subject(text.strip("“”\"《》 ")).strip("“”\"《》 ")
    if not value:
        raise Refused(f"“{text}”只有“关于……的提案/建议”的框架：请只写题目本身。")
    return value


CONVERSIONS: dict[str, Callable[[str, settings.Settings], str]] = {
    "date": _date, "doc_number": _doc_number, "result": _grade, "kind": _kind, "number": _number, "title": _title,
}


def _answers(given: dict[str, str | None], site: settings.Settings) -> dict[str, Any]:
    """Each key field from its option, or asked for until the answer can be used; conversions are shown."""
    values: dict[str, Any] = {}
    for item, prompt in schema.asked():
        label = f"{item.label}（{prompt.hint}）" if prompt.hint else item.label
        answer = given.get(item.name)
        while True:
            if answer is None:
                answer = click.prompt(label, default="", show_default=False)
            try:
                values[item.name], note = convert(item, answer, site)
                break
            except Refused as refusal:
                if given.get(item.name) is not None:
                    raise click.ClickException(str(refusal)) from refusal
                click.echo(f"{refusal}请重新输入（直接回车表示稍后再填）。", err=True)
                answer = None
        if note:
            click.echo(note, err=True)
    return values


@click.command()
@_ask_key_fields
@click.option("--slug", help="文件名（不含 .md），默认由文号生成，如 xujiao-2018-76。")
@click.option("--signer", default="", help=f"{SIGNER.label}（可选）。")
@click.option("--config", "config_file", default=str(ROOT / "mkdocs.yml"), show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), help="站点配置文件。")
def new(slug: str | None, signer: str, config_file: Path, **answers: str | None) -> None:
    """新建一件答复：写出含全部字段的答复文件模板，并打印文件路径。

    \b
    依次询问文号、印发日期等主要字段；也可以用选项直接给出，直接回车表示稍后再填。
    写法不对的回答会说明原因并重新询问；常见写法自动改写并显示改写结果
    （如 2019年11月5日 → 2019-11-05，A类 → A，许教[2018]76号 → 许教〔2018〕76号）。
    题目只写题目本身，开头的“关于”和结尾的“的提案/的建议”会去掉。
    文件写到 replies/年份/文件名.md：年份取自印发日期，文件名取自文号。
    可选字段（签发人、联系人、抄送、原件扫描件）以注释列出：说明在上一行，
    删去字段行开头的“# ”并把示例换成实际内容即可。
    已有同名文件时不会覆盖。之后在文件末尾的 --- 下面粘贴答复函正文，再运行 validate 检查。

    \b
    示例（其余字段会逐项询问）：
      python -m scripts new --doc-number 许教〔2018〕76号 --date 2018-12-24 --kind 提案 --result B
    """
    site, folder = settings.load(config_file)
    values = _answers(answers, site)
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

