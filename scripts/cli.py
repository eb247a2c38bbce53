"""The `python -m scripts` command group; each command lives in a module of its own."""

from __future__ import annotations

import click

from scripts import importer, new, validate


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """建议提案答复公开：工作人员命令行工具。

    在项目根目录运行，例如：python -m scripts validate
    """


main.add_command(validate.validate)
main.add_command(new.new)
main.add_command(importer.import_command)
