"""Build the Pagefind search bundle for a written site.

Pagefind's extended build splits Chinese text into words; only elements marked
`data-pagefind-body` (the reply letters) are indexed, with filters and sort keys from their markup.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

BUNDLE = "pagefind"


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site."""


async def _index(site_dir: Path) -> None:
    # Leaving the context writes the bundle; an exception inside it writes nothing.
    config = IndexConfig(force_language="zh", output_path=str(site_dir / BUNDLE))
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(site_dir))


def indexed_pages(site_dir: Path) -> int:
    """How many pages the written bundle can find, from its entry file."""
    entry = json.loads((site_dir / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(int(language["page_count"]) for language in entry["languages"].values())


def build_index(site_dir: Path) -> int:
    """Index every reply page under `site_dir`; return how many pages Pagefind indexed."""
    try:
        asyncio.run(_index(site_dir))
        return indexed_pages(site_dir)
    except Exception as error:  # the service reports failures as plain exceptions
        raise SearchIndexError(f"生成搜索索引失败：{error}") from error
