"""`mkdocs serve` rebuilds the preview when staff save a file under replies/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, SEED

URL = "replies/2018/xujiao-2018-76/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return ""


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.3)
    return False


@pytest.mark.parametrize("options", [[], ["--dirty"]], ids=["full", "dirty"])
def test_serve_shows_an_edited_reply_and_its_lists(project: Path, options: list[str]) -> None:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert wait_for(base + URL, "继续深化集团化办学", 60), "mkdocs serve did not come up"
        reply = project / "replies" / "2018" / SEED.name
        for number in (1, 2):  # twice: a --dirty preview reuses what the first rebuild left unchanged
            edited = reply.read_text(encoding="utf-8").replace("title: ", f"title: 第{number}次修改", 1)
            reply.write_text(edited, encoding="utf-8")
            assert wait_for(base + URL, f"第{number}次修改", 20), "the edited reply never showed up"
            assert wait_for(base + "years/2018/", f"第{number}次修改", 20), "its year's list was not redrawn"
            assert wait_for(base + "results/b/", f"第{number}次修改", 20), "its grade's list was not redrawn"
    finally:
        server.terminate()
        server.wait(timeout=20)
