"""Letters in traditional characters: matched as simplified text, kept as written.

Each character is converted alone (OpenCC's character table, its first choice), so the simplified
text has the same length as the original and every pattern written for simplified letters applies.
What the importer reads is then turned back into the letter's own characters.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path


@functools.cache
def _table() -> dict[str, str]:
    import opencc  # type: ignore[import-untyped]

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    pairs = (line.split("\t") for line in table.read_text(encoding="utf-8").splitlines() if "\t" in line)
    return {source: target.split()[0] for source, target in pairs if target.split() and len(target.split()[0]) == 1}


def simplify(text: str) -> str:
    """`text` with each traditional character replaced by its simplified form, one character for one."""
    table = _table()
    return "".join(table.get(character, character) for character in text)


def restorer(pages: Sequence[str]) -> Callable[[str], str]:
    """A function that writes simplified text back in the characters `pages` used.

    Each run of the text is looked up in the simplified letter and replaced by what stands at the same
    place in the original (so 赵 stays 赵 and 趙 stays 趙 in one letter); what was rewritten (spaces
    closed up, lines joined) is looked up piece by piece.
    """
    original = "\n".join(pages)
    plain = simplify(original)
    return lambda text: _restore(text, plain, original)


def _restore(text: str, plain: str, original: str) -> str:
    restored, start = [], 0
    while start < len(text):
        end, place = start + 1, plain.find(text[start])
        if place < 0:
            restored.append(text[start])
            start += 1
            continue
        while end < len(text) and (found := plain.find(text[start : end + 1])) >= 0:
            end, place = end + 1, found
        restored.append(original[place : place + end - start])
        start = end
    return "".join(restored)
