"""Entry point of `python -m scripts`."""

from scripts.cli import main

main()
