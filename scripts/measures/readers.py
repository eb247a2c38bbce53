"""`python -m scripts.measures readers SITE`: what a reader waits for and downloads, measured in headless Chromium.

Serves a built site on 127.0.0.1 as a reader's server would (Debian's nginx with deploy/nginx.conf,
which compresses text; Python's plain server where nginx is not installed, and the figures say so),
then times the first search from typing to the first result, counts the bytes that search transfers,
and the bytes a reply page adds once the theme is cached.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from scripts.measures import nginx
from scripts.measures.sandbox import serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass(frozen=True)
class ReaderFigures:
    """What one reader's visit cost."""

    first_result_s: float
    search_page_kb: float
    query_kb: float
    reply_kb: float
    results_shown: int
    server: str  # what served the site: "nginx" (compressed as deployed) or "plain" (nothing compressed)


class _Traffic:
    """Bytes received over the network by a browser context (its pages and workers), since the last reset."""

    def __init__(self, context: Any) -> None:
        self.bytes = 0
        context.on("requestfinished", self._count)

    def _count(self, request: Any) -> None:
        sizes = request.sizes()
        self.bytes += int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])


# A function, not an expression: Playwright evaluates an expression with eval, which the site's
# Content-Security-Policy refuses.
ANSWERED = "() => /^(找到|没有找到)/.test(document.querySelector('.rs-finder__status').textContent)"


@contextmanager
def served(site: Path) -> Iterator[tuple[str, str]]:
    """The site's base URL and what serves it: nginx with the deployed configuration where it is installed."""
    if not nginx.NGINX.is_file():
        with serve(site) as base:
            yield base, "plain"
        return
    with tempfile.TemporaryDirectory(prefix="readers-nginx-") as work:
        port = nginx.free_port()
        with nginx.nginx(Path(work), port, site.resolve()) as base:
            yield base, "nginx"


def measure(site: Path, query: str, reply_url: str) -> ReaderFigures:
    """One cold visit to the search page, one query, then one reply opened with the theme cached."""
    from playwright.sync_api import sync_playwright

    with served(site) as (base, server), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context()
        traffic = _Traffic(context)
        page = context.new_page()
        page.goto(base + "search/", wait_until="networkidle")
        search_page_bytes, traffic.bytes = traffic.bytes, 0
        start = time.perf_counter()
        page.fill("#rs-q", query)
        page.keyboard.press("Enter")
        page.wait_for_function(ANSWERED, timeout=60_000)  # results listed, or "nothing found" said
        first_result = time.perf_counter() - start
        page.wait_for_load_state("networkidle")
        query_bytes, shown = traffic.bytes, page.locator(".rs-finder__results li").count()
        page.goto(base, wait_until="networkidle")  # the home page caches the theme
        traffic.bytes = 0
        page.goto(base + reply_url, wait_until="networkidle")
        reply_bytes = traffic.bytes
        browser.close()
    return ReaderFigures(first_result, search_page_bytes / 1024, query_bytes / 1024, reply_bytes / 1024, shown, server)


@click.command()
@click.argument("site", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--query", default="集团化办学", show_default=True, help="要搜索的词。")
@click.option("--reply", "reply_url", default="", help="要打开的答复网址（如 replies/2018/xujiao-2018-76/）；默认取网站中的第一件。")
def readers(site: Path, query: str, reply_url: str) -> None:
    """在无头 Chromium 中测量读者的等待时间和下载量：首次搜索出结果的秒数、一次搜索和打开一件答复的传输量。

    示例：python -m scripts.measures readers site --query 集团化办学
    """
    reply_url = reply_url or first_reply(site)
    figures = measure(site, query, reply_url)
    click.echo(f"first search result: {figures.first_result_s:.2f} s ({figures.results_shown} shown)")
    click.echo(f"search page, cold cache: {figures.search_page_kb:.0f} KB; then one query transfers {figures.query_kb:.0f} KB")
    click.echo(f"opening {reply_url} with the theme cached: {figures.reply_kb:.0f} KB")
    click.echo(SERVERS[figures.server])


SERVERS = {
    "nginx": "served by nginx with deploy/nginx.conf (text compressed, as readers receive it)",
    "plain": "served by Python's plain server: nginx is not installed, so nothing is compressed and the sizes are larger than readers see",
}


def first_reply(site: Path) -> str:
    page = min((site / "replies").glob("*/*/index.html"))
    return page.parent.relative_to(site).as_posix() + "/"
