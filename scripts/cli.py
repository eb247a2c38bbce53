"""The `python -m scripts` command group; each command lives in a module of its own."""

from __future__ import annotations

from typing import Any

import click

from replysite.errors import SiteError
from scripts import importer, new, validate


class _Commands(click.Group):
    """The staff commands; the one place where the core's errors become click's (message, exit code 1)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SiteError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """建议提案答复公开：工作人员命令行工具。

    在项目根目录运行，例如：python -m scripts validate
    """


main.add_command(validate.validate)
main.add_command(new.new)
main.add_command(importer.import_command)
