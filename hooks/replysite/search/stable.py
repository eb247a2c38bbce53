"""Make Pagefind's bundle byte-identical from one build of a commit to the next.

Pagefind 1.5 writes each filter's values, and the list of filters, in hash-map order, which changes
from run to run; the file names are hashes of the contents, so they change too. This rewrites those
files with values and filters in a fixed order, named the way Pagefind names them, and points the
bundle's entry file at the new metadata file. Search results are unchanged.
"""

from __future__ import annotations

from pathlib import Path

from replysite.search import bundle as pagefind
from replysite.search.bundle import FILTER, FILTERS, SORTS


def stabilise(bundle: Path) -> None:
    """Rewrite the bundle at `bundle` (site/pagefind) in a stable order, in place."""
    entry = pagefind.read_entry(bundle)
    for language, info in entry["languages"].items():
        info["hash"] = _stabilise_language(bundle, language, info["hash"])
    pagefind.write_entry(bundle, entry)


def _stabilise_language(bundle: Path, language: str, meta_hash: str) -> str:
    meta = pagefind.read_meta(bundle, meta_hash)
    files = {name: pagefind.data_file(bundle, FILTER, old) for name, old in meta[FILTERS]}
    contents = {name: pagefind.read_filter(path) for name, path in files.items()}
    for path in files.values():  # all read before any is written: a new name may be an old one
        path.unlink()
    taken: set[str] = set()
    meta[FILTERS] = [[name, pagefind.write_filter(bundle, *contents[name], language, taken)] for name in sorted(contents)]
    meta[SORTS] = sorted(meta[SORTS])
    pagefind.remove_meta(bundle, meta_hash)
    return pagefind.write_meta(bundle, language, meta)
