"""The model checks a body's links with the Markdown extensions the site renders it with."""

from __future__ import annotations

import yaml

from replysite.model import markup
from tests.sitebuild import ROOT


def test_the_model_renders_bodies_with_the_sites_own_extensions() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names = [next(iter(item)) if isinstance(item, dict) else item for item in config["markdown_extensions"]]
    assert tuple(name for name in names if name != "pymdownx.snippets") == markup.EXTENSIONS  # snippets: refused in bodies
