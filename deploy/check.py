"""Check the published site where readers reach it, after copying site/ to a server:

    python3 deploy/check.py https://www.example.gov.cn/replies/

It reads the home page, an address that does not exist, a feed, the open data and the search files,
and says in Chinese what is wrong: a site_url that does not match the address the site is served at
(a sub-path forgotten, another host), a missing "page not found" page, wrong content types, missing
security headers. Exit status 1 when something is wrong. Python's standard library only, so that it
runs on the server itself.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from urllib.parse import urljoin

MISSING = "rs-check-no-such-page/"  # an address no build writes
TYPES = {  # site path -> a word its Content-Type must hold
    "feeds/latest.xml": "application/atom+xml",
    "data/replies.json": "application/json",
    "data/replies.csv": "text/csv",
    "sitemap.xml": "xml",
    "search/index/meta.json": "json",
    "assets/search-index.js": "javascript",
}
HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy")
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
_LINKED = re.compile(r'<(?:link rel="stylesheet" href|script src)="([^"]+)"')
_META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"')


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    headers: Message
    text: str


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"错误：{e}" for e in self.errors] + [f"提醒：{w}" for w in self.warnings] + [f"通过：{p}" for p in self.passed]


def get(url: str) -> Response:
    request = urllib.request.Request(url, headers={"User-Agent": "replies-deploy-check"})
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return Response(url, answer.status, answer.headers, answer.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return Response(url, error.code, error.headers, error.read().decode("utf-8", "replace"))


def check(base: str) -> Report:
    """Everything this script checks on the site served at `base` (ending in /)."""
    report = Report()
    home = get(base)
    if home.status != 200:
        report.errors.append(f"首页 {base} 返回 HTTP {home.status}：请核对网址，以及服务器的 root 是否指向 site/ 的副本。")
        return report
    _check_site_url(home, base, report)
    _check_not_found(base, report)
    for path, kind in TYPES.items():
        answer = get(base + path)
        found = answer.headers.get("Content-Type", "")
        if answer.status != 200 or kind not in found:
            report.errors.append(f"{path}：HTTP {answer.status}，类型 {found or '（无）'}，应为 {kind}。")
        else:
            report.passed.append(f"{path} 类型为 {found}")
    _check_headers(home, report)
    return report


def _check_site_url(home: Response, base: str, report: Report) -> None:
    found = _CANONICAL.search(home.text)
    built_for = found.group(1) if found else None
    if built_for != base:
        report.errors.append(
            f"网站是按 site_url = {built_for} 构建的，却在 {base} 提供：404 页面、订阅、网站地图和开放数据中的网址都会出错。"
            f"请把 mkdocs.yml 中的 site_url 改为 {base}，重新构建（mkdocs build --strict）后再上传 site/。"
        )
    else:
        report.passed.append(f"site_url 与网址一致（{base}）")


def _check_not_found(base: str, report: Report) -> None:
    missing = get(base + MISSING)
    if missing.status != 404 or "页面不存在" not in missing.text:
        report.errors.append(
            f"不存在的网址返回 HTTP {missing.status}，不是本站的“页面不存在”页面（状态 404）："
            "请在服务器上设置 error_page 404 指向本站的 404.html（见 deploy/nginx.conf）。"
        )
        return
    broken = [href for href in _LINKED.findall(missing.text) if get(urljoin(missing.url, href)).status != 200]
    if broken:
        report.errors.append(f"“页面不存在”页面引用的 {'、'.join(broken)} 无法打开：site_url 的路径与网站实际所在的路径不一致。")
    else:
        report.passed.append("不存在的网址返回本站的 404 页面，样式和脚本都能加载")


def _check_headers(home: Response, report: Report) -> None:
    for name in HEADERS:
        if home.headers.get(name) is None:
            report.warnings.append(f"服务器没有发送 {name} 头（deploy/nginx.conf 中有设置示例）。")
    sent, meta = home.headers.get("Content-Security-Policy"), _META_POLICY.search(home.text)
    if sent is not None and meta is not None and not sent.startswith(meta.group(1)):
        report.errors.append("服务器发送的 Content-Security-Policy 与页面中的不同：请用 deploy/nginx.conf 中的那一行。")
    elif sent is not None:
        report.passed.append("Content-Security-Policy 头与页面中的一致")


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].startswith(("http://", "https://")):
        print("用法：python3 deploy/check.py 网站首页的完整网址，例如 https://www.example.gov.cn/replies/", file=sys.stderr)
        return 2
    base = argv[0] if argv[0].endswith("/") else argv[0] + "/"
    report = check(base)
    print("\n".join(report.lines()))
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
