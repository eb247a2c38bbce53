"""Entry point of `python -m scripts.measures`."""

from scripts.measures.cli import main

main()
