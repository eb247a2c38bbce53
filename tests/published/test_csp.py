"""The Content-Security-Policy: one policy in every page's meta tag and in nginx's header, and no page
holding what it blocks. (Chromium under the policy: tests/browser/test_nginx.py.)"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from replysite.published import csp
from scripts.measures.nginx import free_port
from tests.sitebuild import ROOT, Built, build, make_project

MATERIAL = importlib.util.find_spec("material")
assert MATERIAL is not None and MATERIAL.origin is not None
MATERIAL_SCRIPTS = Path(MATERIAL.origin).parent / "templates" / "partials" / "javascripts"
EXECUTABLE = {None, "", "text/javascript", "module"}


def pages(built: Built) -> list[Path]:
    found = sorted(built.site.rglob("*.html"))
    assert len(found) > 20
    return found


def test_the_policy_allows_only_the_site_itself() -> None:
    directives = dict(csp.DIRECTIVES)
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in csp.HEADER_POLICY
    assert all(source in ("'self'", "'none'", "data:") for _, sources in csp.DIRECTIVES for source in sources.split())
    assert csp.HEADER_POLICY == csp.POLICY + "; frame-ancestors 'self'"  # which a meta tag cannot carry


def test_nginx_sends_the_same_policy() -> None:
    conf = (ROOT / "deploy" / "nginx.conf").read_text(encoding="utf-8")
    sent = [line.strip() for line in conf.splitlines() if "Content-Security-Policy" in line and not line.strip().startswith("#")]
    assert sent == [csp.nginx_header()]


def test_every_page_carries_the_policy_first_and_nothing_it_blocks(fixture_site: Built) -> None:
    for path in pages(fixture_site):
        html = path.read_text(encoding="utf-8")
        head = BeautifulSoup(html, "html.parser").head
        assert head is not None, path
        metas = head.find_all("meta")
        assert metas[0].get("charset") == "utf-8", path
        assert metas[1].get("http-equiv") == "Content-Security-Policy" and metas[1]["content"] == csp.POLICY, path
        assert html.count("Content-Security-Policy") == 1, path
        soup = BeautifulSoup(html, "html.parser")
        inline = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") in EXECUTABLE]
        assert inline == [], path
        assert soup.find_all("style") == [], path
        for tag in soup.find_all(True):
            assert "style" not in tag.attrs, (path, tag.name)
            assert not [name for name in tag.attrs if name.startswith("on")], (path, tag.name)
        assert csp.blocked_parts(html) == [], path


@pytest.mark.parametrize("partial", ["base.html", "content.html"])
def test_material_s_inline_scripts_are_loaded_from_files_with_the_same_code(partial: str) -> None:
    material_code = re.findall(r"<script>(.*?)</script>", (MATERIAL_SCRIPTS / partial).read_text(encoding="utf-8"), re.S)[-1]
    ours = {"base.html": "material-scope.js", "content.html": "material-anchor.js"}[partial]
    code = [line for line in (ROOT / "docs" / "assets" / ours).read_text(encoding="utf-8").splitlines() if not line.startswith("//")]
    expected = material_code.replace('"{{ config.extra.scope | d(base_url) }}"', "document.currentScript.dataset.scope")
    assert code == [expected]
    override = (ROOT / "docs" / "overrides" / "partials" / "javascripts" / partial).read_text(encoding="utf-8")
    assert f"'assets/{ours}' | url" in override and "<script>" not in override


@pytest.mark.parametrize(
    ("html", "found"),
    [
        pytest.param("<script>alert(1)</script>", ["内联脚本 <script>"], id="inline script"),
        pytest.param('<script type="module">x()</script>', ["内联脚本 <script>"], id="inline module"),
        pytest.param("<style>p{}</style>", ["内联样式 <style>"], id="style element"),
        pytest.param('<p style="color: red">x</p>', ["style 属性"], id="style attribute"),
        pytest.param("<img src=x onerror=alert(1)>", ["事件属性 onerror"], id="handler without quotes"),
        pytest.param("<a href=' javascript:alert(1)'>x</a>", ["javascript: 链接（href）"], id="javascript link"),
    ],
)
def test_what_the_policy_blocks_is_found(html: str, found: list[str]) -> None:
    page = f'<html><head><meta charset="utf-8"></head><body>{html}</body></html>'
    assert csp.blocked_parts(page) == found
    with pytest.raises(csp.PolicyError, match=r"^about\.md: 页面含有网站内容安全策略"):
        csp.protect(page, "about.md")


@pytest.mark.parametrize(
    "html",
    [
        pytest.param('<script id="__config" type="application/json">{"a": 1}</script>', id="data, not code"),
        pytest.param('<script src="assets/search.js" defer></script>', id="a script file"),
        pytest.param('<a title="style=&quot;x&quot; onclick=alert(1)" href="/">x</a>', id="words inside a value"),
        pytest.param("<p>onload= style= javascript:void(0)</p>", id="words in text"),
    ],
)
def test_what_the_policy_allows_is_not_refused(html: str) -> None:
    page = f'<html><head><meta charset="utf-8"><title>t</title></head><body>{html}</body></html>'
    assert csp.blocked_parts(page) == []
    assert csp.protect(page, "x") == page.replace('<meta charset="utf-8">', '<meta charset="utf-8">' + csp.META)


def test_a_page_holding_an_inline_script_stops_the_build(tmp_path: Path) -> None:
    """A hand-written page with a <script> of its own: the build names the page and says what to do."""
    project = make_project(tmp_path)
    docs = shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("overrides"))
    with (docs / "about.md").open("a", encoding="utf-8") as page:
        page.write('\n<script>document.title = "x"</script>\n\n<p style="color: red">红字</p>\n')
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(docs)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = build(project)
    assert built.returncode != 0
    assert "about.md: 页面含有网站内容安全策略（CSP）会阻止的代码：style 属性；内联脚本 <script>。" in built.log


def test_the_preview_leaves_the_policy_out_so_that_live_reload_runs(tmp_path: Path) -> None:
    """`mkdocs serve` adds an inline script to every page to reload it when a file changes."""
    project, port = make_project(tmp_path), free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        page = ""
        deadline = time.monotonic() + 60
        while "livereload(" not in page and time.monotonic() < deadline:
            time.sleep(0.3)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/about/", timeout=5) as answer:
                    page = answer.read().decode("utf-8")
            except OSError:
                continue
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "livereload(" in page
    assert "Content-Security-Policy" not in page
