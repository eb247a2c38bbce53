"""`python -m scripts bench`: build sites of N synthetic replies and print one table of figures."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click
import yaml

from scripts import ROOT, measure, synthetic


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


HEADER = ["N", "build s", "peak MB", "site MB", "largest HTML KB", "Pagefind MB", "bare build s", "full / bare"]


def full_config(work: Path) -> Path:
    """The project's own mkdocs.yml, pointed at the synthetic replies and this repository's docs and hooks."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir=str(ROOT / "docs"), hooks=[str(ROOT / "hooks" / "site.py")], site_dir=str(work / "site"))
    config["theme"]["custom_dir"] = str(ROOT / "docs" / "overrides")
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


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
def bench(sizes: str, keep: bool) -> None:
    """生成 N 件合成答复，完整构建网站，并与不带钩子和搜索的 MkDocs 构建对比，输出一张表。

    合成答复写在仓库以外的临时文件夹中；默认规模约两分钟内完成。

    示例：python -m scripts bench --sizes 1000,10000
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
    finally:
        if keep:
            click.echo(f"kept: {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)
