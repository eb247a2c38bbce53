"""`python -m scripts validate`: check reply files with the same code the build uses."""

from __future__ import annotations

from pathlib import Path

import click

from replysite.model import library, settings
from replysite.model.problems import Problem, ReplyError
from scripts import ROOT


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--config", "config_file", default=str(ROOT / "mkdocs.yml"), show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), help="站点配置文件。")
def validate(paths: tuple[Path, ...], config_file: Path) -> None:
    """检查答复文件，一次列出全部问题（文件:行号: 字段: 问题）。

    不指定文件时检查 replies/ 下的全部文件；全部正确时退出码为 0。

    示例：python -m scripts validate replies/2018/xujiao-2018-76.md
    """
    site, folder = settings.load(config_file)
    problems = check(folder, site, [path.resolve() for path in paths])
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"发现 {len(problems)} 处问题，请改正后重新运行。")
    click.echo("全部答复文件检查通过。")


def check(folder: Path, site: settings.Settings, only: list[Path]) -> list[Problem]:
    """Every problem in the replies folder, or in the named files of it when `only` is given."""
    root = folder.parent
    try:
        library.load_replies(folder, site, root=root)
    except ReplyError as error:
        problems = error.problems
    else:
        problems = []
    if not only:
        return problems
    named = {path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path) for path in _expand(only)}
    return [problem for problem in problems if problem.path in named]


def _expand(paths: list[Path]) -> list[Path]:
    return [file for path in paths for file in (library.reply_files(path) if path.is_dir() else [path])]
