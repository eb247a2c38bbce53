"""Debian's nginx on 127.0.0.1, serving a built site with deploy/nginx.conf's server block, for the tests and the measures."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts import ROOT

NGINX = Path("/usr/sbin/nginx")  # Debian's package, installed by tests/run
SERVER_BLOCK = ROOT / "deploy" / "nginx.conf"
SITE_ROOT = "root /var/www/replies;"
NOT_FOUND = "error_page 404 /404.html;"


def server_block(port: int, root: Path, sub_path: str = "") -> str:
    """deploy/nginx.conf as a reader's server would use it, on 127.0.0.1:`port`, `root` holding the site
    (or, under `sub_path` such as `/replies`, holding the folder the site was copied to)."""
    text = SERVER_BLOCK.read_text(encoding="utf-8")
    changes = {
        "listen 80;": f"listen 127.0.0.1:{port};",
        "listen [::]:80;": "",
        SITE_ROOT: f"root {root};",
        NOT_FOUND: f"error_page 404 {sub_path}/404.html;",
    }
    for old, new in changes.items():
        assert text.count(old) == 1, f"deploy/nginx.conf should hold `{old}` once"
        text = text.replace(old, new)
    return text


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def nginx(work: Path, port: int, root: Path, sub_path: str = "") -> Iterator[str]:
    """nginx in the foreground with its files in `work`, for as long as the block runs; yields the base URL."""
    assert NGINX.is_file(), f"{NGINX} is missing: run `bash tests/run`, which installs Debian's nginx package"
    work.mkdir(parents=True, exist_ok=True)
    temp = "\n".join(f"    {kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the test's private temporary folder
    conf = work / "nginx.conf"
    conf.write_text(
        f"{user}worker_processes 1;\npid {work / 'nginx.pid'};\nerror_log {work / 'error.log'} warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n    access_log off;\n{temp}\n"
        f"{server_block(port, root, sub_path)}\n}}\n",
        encoding="utf-8",
    )
    command = [str(NGINX), "-p", str(work), "-e", str(work / "error.log"), "-c", str(conf), "-g", "daemon off;"]
    checked = subprocess.run([*command[:-2], "-t", "-q"], capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for(port, process)
        yield f"http://127.0.0.1:{port}{sub_path}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(port: int, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx stopped: {process.stderr.read() if process.stderr else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nginx did not listen on 127.0.0.1:{port} within 10 s")
