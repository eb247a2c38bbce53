"""The `python -m scripts.measures` command group: figures for developers, printed, never asserted."""

from __future__ import annotations

import click

from scripts.measures import accuracy, bench, readers, recall


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Developer measures: build sizes and times, and what readers wait for.

    Run from the repository root, e.g.: python -m scripts.measures bench --sizes 1000,10000
    """


main.add_command(accuracy.accuracy)
main.add_command(bench.bench)
main.add_command(readers.readers)
main.add_command(recall.recall)
