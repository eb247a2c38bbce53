"""A sandbox the tests share with the measures: a project folder of its own replies that builds with this
repository's docs and hooks, and a built site served on 127.0.0.1."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from scripts import ROOT


def full_config(work: Path, replies: dict[str, object] | None = None) -> Path:
    """The project's own mkdocs.yml for a folder of its own replies (`work/replies`), using this
    repository's docs and hooks; `replies` overrides settings under `extra.replies`."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(ROOT / "docs"), hooks=[str(ROOT / "hooks" / "site.py")], site_dir=str(work / "site"))
    config["theme"]["custom_dir"] = str(ROOT / "docs" / "overrides")
    config["extra"]["replies"].update(replies or {})
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """The site on a free port of 127.0.0.1, for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True  # a browser's open connections must not hold the block's end
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
