"""Which generated pages are the same as in the last build, so a `--dirty` preview can skip them.

At thousands of replies most index pages do not change when one reply is saved; drawing them again
is most of a preview rebuild. A view's fingerprint covers everything its page is drawn from.
"""

from __future__ import annotations

import hashlib

from .views import Facet, View


def fingerprint(view: View) -> str:
    """A digest of the view's page: URL, title, template and values (facets by name: they hold functions)."""
    values = {key: _named(value) for key, value in view.context.items()}
    text = repr((view.url, view.title, view.template, sorted(values.items(), key=lambda item: item[0])))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _named(value: object) -> object:
    if isinstance(value, Facet):
        return value.slug
    if isinstance(value, list) and value and isinstance(value[0], Facet):
        return [facet.slug for facet in value]
    return value


class LastBuild:
    """The fingerprints of the last successful build in this process, for one site folder.

    Replaced whole after each build, so it never holds more than the current pages; a different site
    folder (another `mkdocs serve`) starts from nothing, and then every page counts as changed.
    """

    site_dir: str = ""
    prints: dict[str, str] = {}  # noqa: RUF012 - replaced whole, never mutated

    @classmethod
    def unchanged(cls, site_dir: str, prints: dict[str, str]) -> set[str]:
        """The src_uris whose fingerprint is the one they had in the last build of `site_dir`."""
        if site_dir != cls.site_dir:
            return set()
        return {src_uri for src_uri, value in prints.items() if cls.prints.get(src_uri) == value}

    @classmethod
    def remember(cls, site_dir: str, prints: dict[str, str]) -> None:
        cls.site_dir, cls.prints = site_dir, dict(prints)
