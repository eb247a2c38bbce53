"""`python -m scripts.measures bench`: build sites of N synthetic replies and print one table of figures."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import click
import yaml

from scripts import ROOT
from scripts.measures import measure, readers, synthetic
from scripts.measures.sandbox import full_config


@dataclass(frozen=True)
class Row:
    """The figures of one size."""

    count: int
    full: measure.Run
    bare: measure.Run
    site: measure.SiteFigures

    def cells(self) -> list[str]:
        return [
            str(self.count), f"{self.full.seconds:.1f}", f"{self.full.peak_mb:.0f}", f"{self.site.total_mb:.1f}",
            f"{self.site.largest_html_kb:.1f} ({self.site.largest_html})", f"{self.site.search_mb:.1f}",
            f"{self.bare.seconds:.1f}", f"{self.full.seconds / self.bare.seconds:.2f}",
        ]


HEADER = ["N", "build s", "peak MB", "site MB", "largest HTML KB", "search index MB", "bare build s", "full / bare"]


def bare_config(work: Path) -> Path:
    """MkDocs and Material alone over the same Markdown files: no hooks, no search, replies not in the nav."""
    docs = work / "bare-docs"
    shutil.copytree(work / "replies", docs / "replies")
    (docs / "index.md").write_text("# 首页\n", encoding="utf-8")
    config = {
        "site_name": "bare", "docs_dir": str(docs), "site_dir": str(work / "bare-site"), "plugins": [],
        "theme": {"name": "material", "language": "zh", "font": False}, "nav": ["index.md"],
        "not_in_nav": "/replies/", "markdown_extensions": ["tables", "footnotes", "sane_lists", "toc"],
    }
    path = work / "bare.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def build(config: Path, work: Path) -> measure.Run:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = measure.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=ROOT, env=env)
    if result.returncode:
        raise click.ClickException(f"构建失败（{config}）：\n{result.output[-3000:]}")
    return result


def measure_size(count: int, base: Path) -> Row:
    """Write `count` replies, build the full site and the bare one, and describe the result."""
    work = base / str(count)
    synthetic.write(work / "replies", synthetic.Plan(count))
    full = build(full_config(work), work)
    bare = build(bare_config(work), work)
    return Row(count, full, bare, measure.describe(work / "site"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _page_has(url: str, text: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return text in response.read().decode("utf-8")
    except OSError:
        return False


def _wait_until(url: str, text: str, seconds: float) -> float | None:
    """Seconds until the page at `url` contains `text`, or None when it never did."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if _page_has(url, text):
            return time.perf_counter() - start
        time.sleep(0.1)
    return None


def preview_seconds(work: Path) -> float | None:
    """`mkdocs serve --dirty` on the built sample: seconds from saving an edited reply to seeing it served."""
    reply = min((work / "replies").rglob("*.md"))
    url = f"http://127.0.0.1:{_free_port()}/replies/{reply.parent.name}/{reply.stem}/"
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", url.split("/")[2], "-f", str(work / "mkdocs.yml")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            if _wait_until(url, "<title>", 1800) is None:
                raise click.ClickException("mkdocs serve 没有启动")
            time.sleep(2)  # let the watcher settle after the first build
            marker = f"已编辑{time.time_ns() % 10**9}"  # new each run: a kept sample may hold an older one
            reply.write_text(reply.read_text(encoding="utf-8").replace("title: ", f"title: {marker}", 1), encoding="utf-8")
            return _wait_until(url, marker, 300)
        finally:
            server.terminate()


READER_QUERIES = (
    ("养老服务", "a common word"), ("集团化办学", "a word in no synthetic reply"), ("政府", "a common two-character word"),
)


def reader_line(work: Path) -> str:
    """What a reader waits for and downloads: one cold visit and query per word of `READER_QUERIES`."""
    site, lines = work / "site", []
    for query, what in READER_QUERIES:
        figures = readers.measure(site, query, readers.first_reply(site))
        lines.append(
            f"readers at {work.name}, {query} ({what}, {figures.results_shown} shown): first result {figures.first_result_s:.2f} s; "
            f"search page {figures.search_page_kb:.0f} KB cold, then the query {figures.query_kb:.0f} KB; "
            f"a reply with the theme cached {figures.reply_kb:.0f} KB"
        )
    return "\n".join([*lines, readers.SERVERS[figures.server]])


def preview_line(work: Path) -> str:
    seconds = preview_seconds(work)
    if seconds is None:
        return "preview: the edit never showed"
    return f"preview at {work.name}: an edited reply is served {seconds:.1f} s after saving"


def table(rows: list[Row]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def scaling(rows: list[Row]) -> str:
    """How the largest build's time compares with the smallest, against the ratio of their sizes."""
    if len(rows) < 2:
        return ""
    small, large = rows[0], rows[-1]
    return (f"{large.count} / {small.count} replies: build time × {large.full.seconds / small.full.seconds:.2f}"
            f" (size × {large.count / small.count:.0f})")


@click.command()
@click.option("--sizes", default="500", show_default=True, help="逗号分隔的答复件数，例如 1000,10000。")
@click.option("--keep", is_flag=True, help="保留生成的临时文件夹，并打印其路径。")
@click.option("--preview", is_flag=True, help="另测 mkdocs serve --dirty：保存一件修改后的答复到预览中看到它的秒数（最大规模）。")
@click.option("--readers", "with_readers", is_flag=True, help="另在无头 Chromium 中测量读者的搜索和打开答复（最大规模）。")
def bench(sizes: str, keep: bool, preview: bool, with_readers: bool) -> None:
    """生成 N 件合成答复，完整构建网站，并与不带钩子和搜索的 MkDocs 构建对比，输出一张表。

    合成答复写在仓库以外的临时文件夹中；默认规模约两分钟内完成。

    示例：python -m scripts.measures bench --sizes 1000,10000
    """
    counts = sorted(int(size) for size in sizes.split(","))
    base = Path(tempfile.mkdtemp(prefix="replies-bench-"))
    try:
        rows = []
        for count in counts:
            rows.append(measure_size(count, base))
            click.echo(table(rows[-1:]).splitlines()[-1], err=True)
        click.echo(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        click.echo(table(rows))
        if line := scaling(rows):
            click.echo(line)
        if with_readers:
            click.echo(reader_line(base / str(counts[-1])))
        if preview:
            click.echo(preview_line(base / str(counts[-1])))
    finally:
        if keep:
            click.echo(f"kept: {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
