"""`python -m scripts validate`: check reply files with the same code the build uses."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NoReturn

import click

from replysite.errors import SiteError
from replysite.model import library, settings
from replysite.model.problems import Problem, ReplyError
from replysite.model.reply import Reply
from scripts import ROOT

FRAME = re.compile(r"^关于|的(?:提案|建议|议案)$")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--config", "config_file", default=str(ROOT / "mkdocs.yml"), show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), help="站点配置文件。")
def validate(paths: tuple[Path, ...], config_file: Path) -> None:
    """检查答复文件，一次列出全部文件的全部问题（文件:行号: 字段: 问题）。

    不指定文件时检查 replies/ 下的全部文件；全部正确时退出码为 0，有问题时为 1。
    以“提示：”开头的行不影响发布，只是建议（如题目不必写“关于……的提案”）。

    示例：python -m scripts validate replies/2018/xujiao-2018-76.md
    """
    try:
        site, folder = settings.load(config_file)
    except SiteError as error:
        _fail(f"站点配置有误：{error}")
    problems, replies = check_all(folder, site, [path.resolve() for path in paths])
    for problem in problems:
        click.echo(str(problem), err=True)
    for note in title_notes(replies):
        click.echo(note, err=True)
    if problems:
        files = len({problem.path for problem in problems})
        _fail(f"共发现 {len(problems)} 处问题，涉及 {files} 个文件：请逐条改正后重新运行。有问题时网站不会发布。")
    click.echo("全部答复文件检查通过。")


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    raise SystemExit(1)


def check(folder: Path, site: settings.Settings, only: list[Path]) -> list[Problem]:
    """Every problem in the replies folder, or in the named files of it when `only` is given."""
    return check_all(folder, site, only)[0]


def check_all(folder: Path, site: settings.Settings, only: list[Path]) -> tuple[list[Problem], list[Reply]]:
    """Every problem, and every reply read without one, in the folder or in the named files of it."""
    root = folder.parent
    memo = library.Memo()
    try:
        library.load_replies(folder, site, root=root, memo=memo)
    except ReplyError as error:
        problems = error.problems
    else:
        problems = []
    replies = sorted((reply for reply, _ in memo.files.values() if reply), key=lambda reply: reply.path)
    if not only:
        return problems, replies
    named = {path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path) for path in _expand(only)}
    return [problem for problem in problems if problem.path in named], [reply for reply in replies if reply.path in named]


def title_notes(replies: list[Reply]) -> list[str]:
    """A title written with its frame (关于…的提案) would read 关于“关于…的提案”的答复 on the page: a note, not a problem."""
    notes = []
    for reply in replies:
        if FRAME.search(reply.title):
            bare = FRAME.sub("", FRAME.sub("", reply.title)).strip("“”\"")
            notes.append(f"提示：{reply.path}: title: 网页会显示为 关于“{reply.title}”的答复；"
                         f"题目只写题目本身即可，如 title: {bare}（不影响发布）")
    return notes


def _expand(paths: list[Path]) -> list[Path]:
    return [file for path in paths for file in (library.reply_files(path) if path.is_dir() else [path])]
