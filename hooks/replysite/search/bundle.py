"""Make Pagefind's bundle byte-identical from one build of a commit to the next.

Pagefind 1.5 writes each filter's values, and the list of filters, in hash-map order, which changes
from run to run; the file names are hashes of the contents, so they change too. This rewrites those
files with values and filters in a fixed order, named the way Pagefind names them, and points the
bundle's entry file at the new metadata file. Search results are unchanged.

Only the parts of Pagefind's (CBOR) format that the bundle uses are read; anything else is an error,
so a Pagefind upgrade that changes the format fails the build instead of writing a broken bundle.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"
UNUSED = (  # Pagefind's ready-made interfaces (420 KB), never written: the search page drives Pagefind's API itself
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
VERSION, PAGES, CHUNKS, FILTERS, SORTS, META_FIELDS = range(6)  # the metadata file's top-level array


class BundleFormatError(RuntimeError):
    """The bundle is not in the format this module knows (Pagefind 1.5)."""


def stabilise(bundle: Path) -> None:
    """Rewrite the bundle at `bundle` (site/pagefind) in a stable order, in place."""
    entry_file = bundle / "pagefind-entry.json"
    text = entry_file.read_text(encoding="utf-8")
    entry = json.loads(text)
    if entry_json(entry) != text:
        raise BundleFormatError("pagefind-entry.json 的格式与 Pagefind 1.5 不同：请检查 searchbundle.py")
    for language, info in entry["languages"].items():
        info["hash"] = _stabilise_language(bundle, language, info["hash"])
    entry_file.write_text(entry_json(entry), encoding="utf-8")


def _stabilise_language(bundle: Path, language: str, meta_hash: str) -> str:
    meta_file = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = read_file(meta_file)
    folder = bundle / "filter"
    contents = {name: read_file(folder / f"{old}.pf_filter") for name, old in meta[FILTERS]}
    for _, old in meta[FILTERS]:  # all read before any is written: a new name may be an old one
        (folder / f"{old}.pf_filter").unlink()
    taken: set[str] = set()
    meta[FILTERS] = [[name, write_filter(folder, contents[name], language, taken)] for name in sorted(contents)]
    meta[SORTS] = sorted(meta[SORTS])
    data = encode(meta)
    new_hash = f"{language}_{short_hash(data)[: len(language) + 8]}"
    meta_file.unlink()
    write_file(bundle / f"pagefind.{new_hash}.pf_meta", data)
    return new_hash


def write_filter(folder: Path, content: list[Any], language: str, taken: set[str]) -> str:
    """Write one filter file with its values sorted; return its name, a hash as Pagefind makes it."""
    name, values = content
    data = encode([name, sorted(values)])
    file_name = content_name(data, language, taken)
    write_file(folder / f"{file_name}.pf_filter", data)
    return file_name


def content_name(data: bytes, language: str, taken: set[str]) -> str:
    """A file's name from its content as Pagefind makes it (zh_ and 7 hex digits), lengthened while
    it collides with one in `taken`; the name is added to `taken`."""
    digest = f"{language}_{short_hash(data)}"
    length = len(language) + 8
    while digest[:length] in taken and length < len(digest):
        length += 1
    taken.add(digest[:length])
    return digest[:length]


def short_hash(data: bytes) -> str:
    """Pagefind's content hash: the SHA-1 bytes in hex, each without its leading zero."""
    return "".join(f"{byte:x}" for byte in hashlib.sha1(data).digest())


def entry_json(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def read_file(path: Path) -> Any:
    """The CBOR value in one of Pagefind's signed, gzipped files; an error for anything this module does not know."""
    data = unpack(path)
    try:
        value, end = decode(data, 0)
    except (IndexError, UnicodeDecodeError) as error:
        raise BundleFormatError(f"{path.name}：数据不完整或已损坏（{error}）") from error
    if end != len(data) or encode(value) != data:
        raise BundleFormatError(f"{path.name}：含有本程序不认识的 Pagefind 数据")
    return value


def unpack(path: Path) -> bytes:
    """The data of one of Pagefind's signed, gzipped files, without its signature."""
    try:
        raw = gzip.decompress(path.read_bytes())
    except (OSError, EOFError) as error:  # a file cut off or not gzip at all
        raise BundleFormatError(f"{path.name}：文件不完整或已损坏（{error}）") from error
    if not raw.startswith(SIGNATURE):
        raise BundleFormatError(f"{path.name}：不是 Pagefind 1.5 的文件格式")
    return raw[len(SIGNATURE) :]


def write_file(path: Path, data: bytes, level: int = 9) -> None:
    """Write `data` as Pagefind does: signed and gzipped (without a time stamp, so builds are byte-identical)."""
    path.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=level, mtime=0))


def decode(data: bytes, at: int) -> tuple[Any, int]:
    """One CBOR item (unsigned and negative integers, text, arrays) starting at `at`; and where it ends."""
    major, count, at = _head(data, at)
    if major == 0:
        return count, at
    if major == 1:
        return -1 - count, at
    if major == 3:
        return data[at : at + count].decode("utf-8"), at + count
    if major == 4:
        items = []
        for _ in range(count):
            item, at = decode(data, at)
            items.append(item)
        return items, at
    raise BundleFormatError(f"CBOR major type {major} at byte {at}")


def _head(data: bytes, at: int) -> tuple[int, int, int]:
    major, extra = data[at] >> 5, data[at] & 31
    if extra < 24:
        return major, extra, at + 1
    if extra > 27:
        raise BundleFormatError(f"CBOR indefinite length at byte {at}")
    size = 1 << (extra - 24)
    return major, int.from_bytes(data[at + 1 : at + 1 + size], "big"), at + 1 + size


def encode(value: Any) -> bytes:
    """CBOR of `value` with the shortest heads, as Pagefind's encoder writes it."""
    if isinstance(value, bool):
        raise BundleFormatError("CBOR booleans are not expected in a Pagefind bundle")
    if isinstance(value, int):
        return _encode_head(0, value) if value >= 0 else _encode_head(1, -1 - value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _encode_head(3, len(data)) + data
    if isinstance(value, list):
        return _encode_head(4, len(value)) + b"".join(encode(item) for item in value)
    raise BundleFormatError(f"cannot encode {type(value).__name__}")


def _encode_head(major: int, count: int) -> bytes:
    if count < 24:
        return bytes([major << 5 | count])
    for extra, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if count < 1 << (8 * size):
            return bytes([major << 5 | extra]) + count.to_bytes(size, "big")
    raise BundleFormatError(f"CBOR integer too large: {count}")
