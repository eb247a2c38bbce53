"""Helpers for the tests of what a build publishes besides pages: data files, feeds, sitemap."""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from replysite.model import library, settings
from replysite.model.reply import Reply
from tests.sitebuild import FIXTURES, Built, build, make_project

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
HOSTILE = FIXTURES / "hostile"


def hostile_site(factory: pytest.TempPathFactory) -> Built:
    """tests/fixtures/hostile plus the seed letter, built once per session for every module that asks."""
    return _hostile_site(factory.getbasetemp())


@functools.cache
def _hostile_site(basetemp: Path) -> Built:
    folder = basetemp / "hostile-data"
    folder.mkdir()
    built = build(make_project(folder, HOSTILE))
    assert built.returncode == 0, built.log
    return built


def site_url(built: Built) -> str:
    """The built project's site_url, ending in /."""
    return _site_url(built.project / "mkdocs.yml")


@functools.cache
def _site_url(config_file: Path) -> str:
    url = str(yaml.safe_load(config_file.read_text(encoding="utf-8"))["site_url"])
    return url if url.endswith("/") else url + "/"


def replies_of(built: Built) -> list[Reply]:
    """The replies in the built project's replies/ folder, read by the model, newest first."""
    site_settings, folder = settings.load(built.project / "mkdocs.yml")
    return library.load_replies(folder, site_settings, root=built.project)


def target(built: Built, url: str) -> Path:
    """The file in site/ that an absolute URL of the site is served from."""
    base = site_url(built)
    assert url.startswith(base), f"{url} is not under {base}"
    path = unquote(urlsplit(url).path[len(urlsplit(base).path) :])
    return built.site / (path + "index.html" if path.endswith("/") or not path else path)


def linked(built: Built, page: str, href: str) -> Path | None:
    """The file a link on the page at site path `page` leads to, as a browser resolves it; None if off-site."""
    url = urljoin(site_url(built) + page, href)
    return target(built, url) if url.startswith(site_url(built)) else None


def xml(built: Built, path: str) -> ET.Element:
    """The root element of an XML file of the site, parsed by a real XML parser."""
    return ET.fromstring((built.site / path).read_bytes())
