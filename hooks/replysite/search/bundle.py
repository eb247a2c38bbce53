"""Pagefind's bundle format (1.5), read and written in this one module: the file names, the signed and
gzipped files, the entry file, the metadata's layout, and the filters, index files and page records.

The merge (`merge`), the stabiliser (`stable`) and the tests all read and write bundles through it.
Only the parts of Pagefind's (CBOR) format that the site's bundles use are read; anything else is a
`BundleFormatError`, so a Pagefind upgrade that changes the format fails the build instead of
publishing a broken search.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import cbor2

from replysite.errors import SiteError

SIGNATURE = b"pagefind_dcd"  # the first bytes of every gzipped file, once unzipped
ENTRY = "pagefind-entry.json"  # the bundle's entry file: its languages, each with its metadata file's hash
UNUSED = (  # Pagefind's ready-made interfaces (420 KB), never written: the search page drives Pagefind's API itself
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js",
)  # fmt: skip
VERSION, PAGES, CHUNKS, FILTERS, SORTS, META_FIELDS = range(6)  # the metadata file's top-level array
FRAGMENT, INDEX, FILTER = "fragment", "index", "filter"  # the folders of page records, word index files and filters


class BundleFormatError(SiteError):
    """The bundle is not in the format this module knows (Pagefind 1.5)."""


def save(folder: Path, files: Iterable[tuple[str, bytes]]) -> None:
    """Write the files of a bundle that a Pagefind service handed over into `folder`, less `UNUSED`."""
    for name, content in files:
        if name not in UNUSED:
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def read_entry(bundle: Path) -> dict[str, Any]:
    """The bundle's entry file, checked to be written the way `write_entry` writes it."""
    text = (bundle / ENTRY).read_text(encoding="utf-8")
    entry = json.loads(text)
    if not isinstance(entry, dict) or not isinstance(entry.get("languages"), dict) or entry_json(entry) != text:
        raise BundleFormatError(f"{bundle.name}/{ENTRY} 的格式与 Pagefind 1.5 不同：请检查 search/bundle.py")
    return entry


def write_entry(bundle: Path, entry: dict[str, Any]) -> None:
    (bundle / ENTRY).write_text(entry_json(entry), encoding="utf-8")


def entry_json(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def page_count(bundle: Path) -> int:
    """How many pages the bundle can find, from its entry file."""
    return sum(int(language["page_count"]) for language in read_entry(bundle)["languages"].values())


def shared_files(bundle: Path) -> list[Path]:
    """Pagefind's scripts and WebAssembly: the bundle's top-level files that are the same in every bundle."""
    return sorted(path for path in bundle.iterdir() if path.is_file() and path.suffix != ".pf_meta" and path.name != ENTRY)


def data_file(bundle: Path, kind: str, name: str) -> Path:
    """The file of one page record, word index file or filter (`kind`: FRAGMENT, INDEX, FILTER) named `name`."""
    return bundle / kind / f"{name}.pf_{kind}"


def read_meta(bundle: Path, meta_hash: str) -> list[Any]:
    """One language's metadata: the array indexed by VERSION … META_FIELDS."""
    meta = read_file(bundle / f"pagefind.{meta_hash}.pf_meta")
    if not isinstance(meta, list) or len(meta) != META_FIELDS + 1:
        raise BundleFormatError(f"{bundle.name}：元数据的结构与 Pagefind 1.5 的 6 项不同")
    return meta


def write_meta(bundle: Path, language: str, meta: list[Any]) -> str:
    """Write one language's metadata, named by its content as Pagefind names it; return that hash."""
    data = encode(meta)
    meta_hash = f"{language}_{short_hash(data)[: len(language) + 8]}"
    write_file(bundle / f"pagefind.{meta_hash}.pf_meta", data)
    return meta_hash


def remove_meta(bundle: Path, meta_hash: str) -> None:
    (bundle / f"pagefind.{meta_hash}.pf_meta").unlink()


def read_fragment(path: Path) -> dict[str, Any]:
    """One page's record (its url, content, meta and filters), as the browser reads it."""
    record = json.loads(unpack(path))
    if not isinstance(record, dict):
        raise BundleFormatError(f"{path.name}：含有本程序不认识的 Pagefind 数据")
    return record


def read_filter(path: Path) -> tuple[str, list[list[Any]]]:
    """One filter: its name and its values, each [value, [page numbers]]."""
    content = read_file(path)
    if not (isinstance(content, list) and len(content) == 2 and isinstance(content[0], str) and isinstance(content[1], list)):
        raise BundleFormatError(f"{path.name}：含有本程序不认识的 Pagefind 数据")
    return content[0], content[1]


def read_index(path: Path) -> list[list[Any]]:
    """One word index file's words, each [word, pages, []], in Pagefind's order (by the word's UTF-8 bytes).

    Read with cbor2 (C speed) rather than `read_file`: the index is most of a bundle's bytes."""
    try:
        chunk = cbor2.loads(unpack(path))
    except cbor2.CBORDecodeError as error:
        raise BundleFormatError(f"{path.name}：数据不完整或已损坏（{error}）") from error
    if not (isinstance(chunk, list) and len(chunk) == 1 and isinstance(chunk[0], list)):
        raise BundleFormatError(f"{path.name}：含有本程序不认识的 Pagefind 数据")
    for word in chunk[0]:
        if not isinstance(word, list) or len(word) != 3 or word[2] != []:
            raise BundleFormatError(f"{path.name}：词条 {word!r:.60} 含有本程序不认识的数据")
    return chunk[0]


def index_data(words: list[list[Any]]) -> bytes:
    """The content of a word index file holding `words`, as Pagefind encodes it."""
    return cbor2.dumps([words])


def unused_name(folder: Path, kind: str, name: str, source: Path) -> str:
    """`name`, or if a file of `kind` in `folder` already has it with other content than `source`'s,
    a longer hash of that content that no file there has."""
    taken = data_file(folder, kind, name)
    if not taken.exists():
        return name
    content = unpack(source)
    if unpack(taken) == content:
        return name
    language = name.split("_", 1)[0]
    digest = short_hash(content)
    for length in range(8, len(digest) + 1):
        candidate = f"{language}_{digest[:length]}"
        if not data_file(folder, kind, candidate).exists():
            return candidate
    raise BundleFormatError(f"{taken.name}：找不到不重复的文件名")


def write_filter(bundle: Path, name: str, values: list[list[Any]], language: str, taken: set[str]) -> str:
    """Write one filter file with its values sorted; return its name, a hash as Pagefind makes it."""
    data = encode([name, sorted(values)])
    file_name = content_name(data, language, taken)
    write_file(data_file(bundle, FILTER, file_name), data)
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
