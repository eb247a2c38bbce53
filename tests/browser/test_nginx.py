"""The site behind Debian's nginx with deploy/nginx.conf: pages, the 404, types, caching, compression,
security headers, and Chromium reading and searching it with no Content-Security-Policy violation,
as on any static host where only the pages' meta tag carries the policy; also under a sub-path, where a
site_url that does not match is refused by deploy/check.py."""

from __future__ import annotations

import gzip
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page

from replysite.published import csp
from scripts.measures.nginx import free_port, nginx
from scripts.measures.sandbox import serve
from tests.browser.chromium import DESKTOP, opened
from tests.browser.finder import result_urls, search
from tests.sitebuild import ROOT, Built, build, make_project

SEED = "replies/2018/xujiao-2018-76/"
# Every kind of page: home, a reply, the lists by year and proposer, a grade, statistics (its charts),
# a hand-written page, and the search page with a real query.
TOUR = ["", SEED, "years/", "years/2020/", "proposers/", "results/c/", "agencies/", "statistics/", "about/"]
YEAR = 31_536_000
SHORT = 300
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: bytes


def fetch(url: str, **headers: str) -> Answer:
    request = urllib.request.Request(url, headers=headers)
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            return Answer(answer.status, answer.headers, answer.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


@pytest.fixture(scope="module")
def site_by_nginx(browser_site: Built, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with nginx(tmp_path_factory.mktemp("nginx"), free_port(), browser_site.site) as url:
        yield url


def one(site: Path, pattern: str) -> str:
    found = sorted(site.glob(pattern))
    assert found, pattern
    return found[0].relative_to(site).as_posix()


def test_pages_and_directory_urls(site_by_nginx: str) -> None:
    for path in ["", SEED, "years/", "statistics/", "search/"]:
        answer = fetch(site_by_nginx + path)
        assert answer.status == 200, path
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8", path
    moved = fetch(site_by_nginx + "years")
    assert moved.status == 301 and moved.headers["Location"] == "/years/"  # relative: the reader's host and port kept


def test_the_site_s_own_404_page_with_status_404(site_by_nginx: str) -> None:
    for path in ["no-such-page/", "replies/2018/no-such-reply/", "assets/missing.js"]:
        answer = fetch(site_by_nginx + path)
        assert answer.status == 404, path
        assert "页面不存在" in answer.body.decode(), path
        assert answer.headers["Content-Type"] == "text/html; charset=utf-8"


def test_types_of_feeds_data_and_search_files(site_by_nginx: str, browser_site: Built) -> None:
    site = browser_site.site
    expected = {
        "feeds/latest.xml": "application/atom+xml; charset=utf-8",
        one(site, "feeds/results/*.xml"): "application/atom+xml; charset=utf-8",
        "sitemap.xml": "text/xml; charset=utf-8",
        "data/replies.json": "application/json; charset=utf-8",
        "data/replies.schema.json": "application/json; charset=utf-8",
        "data/replies.csv": "text/csv; charset=utf-8",
        "robots.txt": "text/plain; charset=utf-8",
        "assets/search-index.js": "application/javascript; charset=utf-8",
        "search/index/meta.json": "application/json; charset=utf-8",
        one(site, "search/index/terms/*.json"): "application/json; charset=utf-8",
        one(site, "search/index/pages/*.json"): "application/json; charset=utf-8",
        one(site, "assets/stylesheets/main.*.min.css"): "text/css; charset=utf-8",
    }
    for path, kind in expected.items():
        answer = fetch(site_by_nginx + path)
        assert (answer.status, answer.headers["Content-Type"]) == (200, kind), path


def test_caching_long_for_fingerprinted_files_short_for_the_rest(site_by_nginx: str, browser_site: Built) -> None:
    site = browser_site.site
    long = [one(site, "assets/javascripts/bundle.*.min.js"), one(site, "assets/stylesheets/main.*.min.css")]
    short = ["", SEED, "feeds/latest.xml", "data/replies.csv", "sitemap.xml", "assets/search.js", "assets/material-scope.js"]
    short += ["search/index/meta.json", "search/index/filters.json", one(site, "search/index/terms/*"), one(site, "search/index/pages/*")]
    for paths, seconds in ((long, YEAR), (short, SHORT)):
        for path in paths:
            assert fetch(site_by_nginx + path).headers["Cache-Control"] == f"max-age={seconds}", path


def test_text_is_compressed_the_search_index_too(site_by_nginx: str, browser_site: Built) -> None:
    bundle = one(browser_site.site, "assets/javascripts/bundle.*.min.js")
    index = [one(browser_site.site, "search/index/terms/*"), one(browser_site.site, "search/index/pages/*")]  # over gzip_min_length
    for path in [SEED, "feeds/latest.xml", "data/replies.csv", "data/replies.json", bundle, *index]:
        answer = fetch(site_by_nginx + path, **{"Accept-Encoding": "gzip"})
        assert answer.headers["Content-Encoding"] == "gzip", path
        assert answer.headers["Vary"] == "Accept-Encoding", path
        assert gzip.decompress(answer.body) == (browser_site.site / (path + "index.html" if path.endswith("/") else path)).read_bytes()


def test_security_headers_on_every_response(site_by_nginx: str, browser_site: Built) -> None:
    record = one(browser_site.site, "search/index/pages/*")
    for path in ["", SEED, "no-such-page/", "years", "feeds/latest.xml", "assets/search-index.js", record]:
        headers = fetch(site_by_nginx + path).headers
        assert headers["Content-Security-Policy"] == csp.HEADER_POLICY, path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] == "same-origin", path
        assert headers["X-Frame-Options"] == "SAMEORIGIN", path
        assert headers["Server"] == "nginx", path  # no version


def tour(page: Page, base: str) -> list[str]:
    """Every kind of page, a search with a real query and the 404; the policy violations Chromium reported."""
    page.context.add_init_script(RECORD_VIOLATIONS)
    violations: list[str] = []
    for path in TOUR:
        response = page.goto(path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
        violations += page.evaluate("window.__violations")
    assert search(page, "集团化办学").startswith("找到")
    assert result_urls(page)[0] == base.split("/", 3)[3] + SEED
    return [*violations, *page.evaluate("window.__violations")]


def not_found(browser: Browser, base: str, path: str) -> list[str]:
    """The 404 page in Chromium, styled; its policy violations and console errors but the expected 404."""
    context = browser.new_context(base_url=base)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(error.message))
    try:
        response = page.goto(path)
        assert response is not None and response.status == 404
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text() == "页面不存在"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"  # its styles loaded
        found = [*page.evaluate("window.__violations"), *errors]
    finally:
        context.close()
    return [problem for problem in found if not problem.startswith("Failed to load resource: the server responded with a status of 404")]


def test_chromium_through_nginx_reports_no_policy_violation(browser: Browser, site_by_nginx: str) -> None:
    # Leaving `opened` also fails on a console error, which is where Chromium reports blocked code.
    with opened(browser, site_by_nginx, DESKTOP) as page:
        assert tour(page, site_by_nginx) == []
    assert not_found(browser, site_by_nginx, "replies/2099/no-such-reply/") == []


def test_chromium_on_a_plain_static_host_reports_no_policy_violation(browser: Browser, browser_site: Built) -> None:
    """No header at all (as on GitHub Pages): the pages' meta tag alone carries the policy."""
    with serve(browser_site.site) as url, opened(browser, url, DESKTOP) as page:
        response = page.goto("")
        assert response is not None and "Content-Security-Policy" not in response.headers
        page.context.add_init_script(RECORD_VIOLATIONS)
        violations: list[str] = []
        for path in [*TOUR, "404.html"]:
            page.goto(path)
            page.wait_for_load_state("networkidle")
            violations += page.evaluate("window.__violations")
        assert search(page, "口琴").startswith("找到")
        assert violations + page.evaluate("window.__violations") == []


def test_the_policy_really_blocks_what_it_does_not_allow(browser: Browser, site_by_nginx: str) -> None:
    """The check above is real: an inline script and another host's image are refused and reported."""
    context = browser.new_context(base_url=site_by_nginx)
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto("about/")
    page.evaluate("""() => {
        const script = document.createElement("script"); script.textContent = "window.__ran = true"; document.body.append(script);
        const image = new Image(); image.src = "http://127.0.0.2/x.png"; document.body.append(image);
    }""")
    page.wait_for_timeout(200)
    violations = page.evaluate("window.__violations")
    ran = page.evaluate("window.__ran === true")
    context.close()
    assert ran is False
    assert any(v.startswith("script-src-elem inline") for v in violations), violations
    assert any(v.startswith("img-src http://127.0.0.2/x.png") for v in violations), violations


# Under a sub-path: a site built for http://127.0.0.1:PORT/replies/ copied to <root>/replies/, and the
# same replies built for the host's root copied to <root>/root-built/, both served by one nginx.


def built_for(tmp: Path, site_url: str, site_dir: Path) -> None:
    project = make_project(tmp)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(site_url=site_url, site_dir=str(site_dir))
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = build(project)
    assert built.returncode == 0, built.log


@pytest.fixture(scope="module")
def sub_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port, www = free_port(), tmp_path_factory.mktemp("www")
    built_for(tmp_path_factory.mktemp("sub-path"), f"http://127.0.0.1:{port}/replies/", www / "replies")
    built_for(tmp_path_factory.mktemp("root-built"), f"http://127.0.0.1:{port}/", www / "root-built")
    (www / "replies" / ".git").mkdir()
    (www / "replies" / ".git" / "config").write_text("[remote]\n", encoding="utf-8")  # copied along by mistake
    with nginx(tmp_path_factory.mktemp("nginx-sub"), port, www, sub_path="/replies") as url:
        yield url


def check(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "deploy" / "check.py"), url], capture_output=True, text=True, check=False, timeout=60)


def test_the_deploy_check_passes_on_the_site_at_its_own_address(sub_path: str) -> None:
    result = check(sub_path)
    assert result.returncode == 0, result.stdout
    assert "错误" not in result.stdout and "提醒" not in result.stdout
    assert f"通过：site_url 与网址一致（{sub_path}）" in result.stdout


def test_hidden_files_are_not_served(sub_path: str) -> None:
    answer = fetch(sub_path + ".git/config")
    assert answer.status == 404 and "页面不存在" in answer.body.decode()


def test_a_site_url_that_does_not_match_the_sub_path_is_refused(sub_path: str) -> None:
    served = sub_path.replace("/replies/", "/root-built/")
    result = check(served)
    assert result.returncode == 1
    assert f"错误：网站是按 site_url = {served.replace('/root-built/', '/')} 构建的，却在 {served} 提供" in result.stdout
    assert f"请把 mkdocs.yml 中的 site_url 改为 {served}" in result.stdout


def test_chromium_searches_the_site_under_its_sub_path(browser: Browser, sub_path: str) -> None:
    with opened(browser, sub_path, DESKTOP) as page:
        assert search(page, "口琴").startswith("找到")
        assert result_urls(page) == ["replies/" + SEED]
    assert not_found(browser, sub_path, "no/such/page/") == []


def test_the_deploy_check_refuses_a_server_without_the_404_page(tmp_path: Path, browser_site: Built) -> None:
    with serve(browser_site.site) as url:  # Python's file server: no error page, no headers
        result = check(url)
    assert result.returncode == 1
    assert "不是本站的“页面不存在”页面" in result.stdout
    assert "提醒：服务器没有发送 Content-Security-Policy 头" in result.stdout
