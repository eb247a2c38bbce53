"""Measuring tools for the benchmark: run a command while sampling the memory of its process tree,
and describe a written site (its size, its largest page, its search bundle)."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    """One command's wall time, peak resident memory of its whole process tree, and exit code."""

    seconds: float
    peak_mb: float
    returncode: int
    output: str


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and all its descendants, in MB."""
    tree = _children()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _rss_kb(pid)
        todo += tree.get(pid, [])
    return total / 1024


def run(command: list[str], cwd: Path, env: dict[str, str], interval: float = 0.2) -> Run:
    """Run `command`, sampling its process tree's memory every `interval` seconds."""
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as process:
        peak = 0.0
        while process.poll() is None:
            peak = max(peak, tree_rss_mb(process.pid))
            time.sleep(interval)
        output = process.stdout.read() if process.stdout else ""
    return Run(time.perf_counter() - start, peak, process.returncode, output)


@dataclass(frozen=True)
class SiteFigures:
    """Sizes of a written site."""

    total_mb: float
    largest_html_kb: float
    largest_html: str
    search_mb: float


def describe(site: Path) -> SiteFigures:
    files = [path for path in site.rglob("*") if path.is_file()]
    pages = [path for path in files if path.suffix == ".html"]
    largest = max(pages, key=lambda path: path.stat().st_size)
    search = sum(path.stat().st_size for path in files if path.relative_to(site).as_posix().startswith("search/index/"))
    return SiteFigures(
        sum(path.stat().st_size for path in files) / 1e6,
        largest.stat().st_size / 1e3,
        largest.relative_to(site).as_posix(),
        search / 1e6,
    )
