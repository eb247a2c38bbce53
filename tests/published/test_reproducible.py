"""Reproducible builds, and a site deployed under a sub-path.

Two builds of the same replies, in other folders and on what the build believes is another day,
must be byte-identical. A site whose site_url has a path (https://example.org/replies/) must work
when served there: every link, asset, the search bundle, the feeds and the data files.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from scripts.measures.sandbox import serve
from tests.browser.finder import result_urls, search
from tests.published.outputs import ATOM, SITEMAP, linked, replies_of, xml
from tests.sitebuild import FIXTURES, Built, build, make_project

SUB_PATH = "https://example.org/replies/"
ANOTHER_DAY = "1000000000"  # SOURCE_DATE_EPOCH of the second build: MkDocs' clock says 2001-09-09
LINKS = {"a": "href", "link": "href", "script": "src", "img": "src", "form": "action", "iframe": "src"}


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture site built again, in another folder, with MkDocs' build date moved to another day."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", ANOTHER_DAY)
        built = build(make_project(tmp_path_factory.mktemp("second-build"), FIXTURES / "site"))
    assert built.returncode == 0, built.log
    return built


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture site configured to be served from https://example.org/replies/."""
    project = make_project(tmp_path_factory.mktemp("subpath"), FIXTURES / "site")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_url"] = SUB_PATH
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    built = build(project)
    assert built.returncode == 0, built.log
    return built


def contents(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_two_builds_are_byte_identical(fixture_site: Built, second_build: Built) -> None:
    first, second = contents(fixture_site.site), contents(second_build.site)
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert differing == []
    assert any(path.startswith("search/index/terms/") for path in first)  # the search index is there


def page_links(built: Built) -> Iterator[tuple[str, str]]:
    """(page site path, link) for every local link, asset and form of every HTML page."""
    for path in sorted(built.site.rglob("*.html")):
        page = path.parent.relative_to(built.site).as_posix() + "/"
        page = "" if page == "./" else page
        if path.name == "404.html":
            page = "a/page/that/does/not/exist/"  # served at any depth, so its links must not be relative
        for tag in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find_all(LINKS):
            value = tag.get(LINKS[tag.name])
            if isinstance(value, str) and value and not value.startswith(("#", "mailto:", "data:")):
                yield page, value


def test_every_link_asset_and_form_resolves_under_the_sub_path(subpath_site: Built) -> None:
    checked = 0
    for page, href in page_links(subpath_site):
        url = urljoin(SUB_PATH + page, href)
        if urlsplit(url).netloc != "example.org":
            continue  # a link to another site
        assert url.startswith(SUB_PATH), f"{page}: {href} leaves the site's sub-path"
        target = linked(subpath_site, page, href)
        assert target is not None and target.is_file(), f"{page}: {href} → {url} does not exist"
        checked += 1
    assert checked > 500


def test_the_404_page_links_search_and_the_indexes_from_the_site_base(subpath_site: Built) -> None:
    page = BeautifulSoup((subpath_site.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    form = page.select_one("article form[role=search]")
    assert form is not None and form["action"] == "/replies/search/" and form.select_one("input[name=q]") is not None
    links = {str(link["href"]) for link in page.select("article a")}
    assert {"/replies/", "/replies/years/", "/replies/proposers/", "/replies/results/", "/replies/agencies/"} <= links
    assert "页面不存在" in page.get_text()


def test_feeds_data_and_sitemap_point_inside_the_sub_path(subpath_site: Built) -> None:
    urls = [str(record["url"]) for record in _json(subpath_site)["replies"]]
    for feed in sorted((subpath_site.site / "feeds").rglob("*.xml")):
        root = xml(subpath_site, feed.relative_to(subpath_site.site).as_posix())
        urls += [link.attrib["href"] for link in root.iter(f"{ATOM}link")]
        urls += [str(element.text) for element in root.iter(f"{ATOM}id")]
    urls += [str(loc.text) for loc in xml(subpath_site, "sitemap.xml").iter(f"{SITEMAP}loc")]
    assert len(urls) > 50
    for url in urls:
        assert url.startswith(SUB_PATH), url
        target = linked(subpath_site, "", url)
        assert target is not None and target.is_file(), url
    robots = (subpath_site.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SUB_PATH}sitemap.xml" in robots and "Disallow: /replies/search/index/" in robots


def test_search_finds_replies_and_links_them_under_the_sub_path(subpath_site: Built, browser: Browser) -> None:
    with _served_at("/replies/", subpath_site.site) as base:
        page = browser.new_page(base_url=base)
        try:
            said = search(page, "集团化办学")
            found = result_urls(page)
            answer = page.request.get(urljoin(base, "/" + found[0]))
            status, text = answer.status, answer.text()
        finally:
            page.close()
    seed = next(reply for reply in replies_of(subpath_site) if reply.doc_number == "许教〔2018〕76号")
    assert said.startswith("找到包含“集团化办学”的答复") and found[0] == "replies/" + seed.url
    assert status == 200 and "集团化办学" in text


def _json(built: Built) -> dict[str, list[dict[str, object]]]:
    loaded: dict[str, list[dict[str, object]]] = json.loads((built.site / "data" / "replies.json").read_text(encoding="utf-8"))
    return loaded


@contextlib.contextmanager
def _served_at(prefix: str, site: Path) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:<port><prefix>, as a host serving the site under a sub-path does."""
    root = site.parent / "host-root"
    (root / prefix.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    if not (root / prefix.strip("/")).exists():
        (root / prefix.strip("/")).symlink_to(site, target_is_directory=True)
    with serve(root) as base:
        yield base.rstrip("/") + prefix
