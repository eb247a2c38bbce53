"""Chinese names as readers expect them: sorted by pinyin, and turned into ASCII-safe URL parts."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

_NON_SLUG = re.compile(r"[^a-z0-9]+")
_PLAIN_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def pinyin_key(name: str) -> tuple[str, str]:
    """Sort key: the pinyin with tone numbers (so 李 comes before 刘), then the name itself."""
    syllables = lazy_pinyin(unicodedata.normalize("NFKC", name), style=Style.TONE3, errors="default")
    return " ".join(syllable.lower() for syllable in syllables), name


def transliterate(text: str) -> str:
    """Lower-case ASCII words of `text`, with Chinese characters spelt in toneless pinyin."""
    words = lazy_pinyin(unicodedata.normalize("NFKC", text), errors="default")
    return _NON_SLUG.sub("-", "-".join(words).lower()).strip("-")


def file_slug(stem: str) -> str:
    """URL part for a reply file name: kept when already plain ASCII, else spelt in pinyin."""
    if _PLAIN_SLUG.match(stem):
        return stem
    return transliterate(stem) or "reply"


@lru_cache(maxsize=65536)  # every reply links to its proposers and agency: spell each name once
def name_slug(name: str) -> str:
    """URL part for a person, organisation or agency.

    Pinyin alone would give 张伟 and 章伟 the same URL, and numbering them would let a later
    reply change an earlier URL, so a short hash of the exact name is added.
    """
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    base = transliterate(name)[:60].strip("-")
    return f"{base}-{digest}" if base else digest
