"""The `python -m scripts` command group; each command lives in a module of its own."""

from __future__ import annotations

from typing import Any

import click

from replysite.errors import SiteError
from scripts import importer, new, validate


class StaffError(click.ClickException):
    """A command that could not be done: its message alone, in Chinese (click would put "Error:" first)."""

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), err=True, file=file)


class _Commands(click.Group):
    """The staff commands; the one place where the core's errors and the commands' own refusals become
    a message for staff and exit code 1 (a mistyped option keeps click's usage help)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SiteError as error:
            raise StaffError(str(error)) from error
        except click.UsageError:
            raise
        except click.ClickException as error:
            if isinstance(error, StaffError):
                raise
            raise StaffError(error.format_message()) from error


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """建议提案答复公开：工作人员命令行工具。

    在项目根目录运行，例如：python -m scripts validate
    """


main.add_command(validate.validate)
main.add_command(new.new)
main.add_command(importer.import_command)
