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


def test_serve_lists_a_mistake_and_keeps_showing_the_good_replies(project: Path) -> None:
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert wait_for(base + URL, "继续深化集团化办学", 60), "mkdocs serve did not come up"
        seed = project / "replies" / "2018" / SEED.name
        bad = seed.with_name("mistake.md")
        bad.write_text(seed.read_text(encoding="utf-8").replace("result: B", "result: B类").replace("76号", "77号"), encoding="utf-8")
        assert wait_for(base, "预览：发现 1 处问题", 30), "the preview did not say it found a problem"
        assert wait_for(base + "problems/", "replies/2018/mistake.md:6: result: ", 10)
        assert "继续深化集团化办学" in fetch(base + URL)  # the good reply is still there
        bad.write_text(bad.read_text(encoding="utf-8").replace("result: B类", "result: B"), encoding="utf-8")
        assert wait_for(base + "replies/2018/mistake/", "继续深化集团化办学", 30), "the mended reply never showed up"
        assert "预览：发现" not in fetch(base)
    finally:
        server.terminate()
        server.wait(timeout=20)
