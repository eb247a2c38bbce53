"""What one build keeps for the next: which generated pages are the same as in the last build, so a
`--dirty` preview can skip them, and the reply files already read.

At thousands of replies most index pages do not change when one reply is saved; drawing them again
is most of a preview rebuild. A view's fingerprint covers everything its page is drawn from. A reply
page is drawn again when its file changes, and also when what it shows of the other replies of its
proposal (or of its corrections) does: saving one reply redraws its siblings' pages.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from replysite.model.library import Memo
from replysite.model.reply import Reply
from replysite.pages.catalogue import Facet, Group, Links
from replysite.pages.views import View


def fingerprint(view: View) -> int:
    """A hash of the view's page: URL, title, template and values.

    Python's own hash: cheap (a string's hash is kept once computed) and stable within the process,
    which is as long as `LastBuild` keeps it.
    """
    return hash((view.url, view.title, view.template, _frozen(view.context)))


def reply_fingerprint(links: Links) -> int:
    """A hash of what a reply page shows of other replies: its proposal page, the replies of its thread
    and those it corrects or is corrected by (its own values are its file's)."""
    return hash((
        links.thread.page_url,
        tuple(_shown(item) for item in links.thread.replies),
        _shown(links.supersedes) if links.supersedes else None,
        tuple(_shown(item) for item in links.superseded_by),
    ))


def _shown(reply: Reply) -> tuple[Any, ...]:
    return (reply.url, reply.agency, reply.role, reply.doc_number, reply.date)


def _frozen(value: Any) -> Any:
    """`value` as nested tuples, so that it can be hashed; facets by name, since they hold functions."""
    if isinstance(value, Reply | str | int | float) or value is None:
        return value
    if isinstance(value, Facet):
        return value.slug
    if isinstance(value, Group):  # a list page draws its group's name; its replies are the page's items
        return (value.key, value.label, value.url)
    if isinstance(value, dict):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, *(_frozen(getattr(value, item.name)) for item in dataclasses.fields(value)))
    return value


@dataclass
class LastBuild:
    """What the last successful build in this process leaves for the next: the reply files it read and
    the fingerprints of its pages, for one site folder.

    The glue (hooks/site.py) keeps the one instance and passes it in; the core keeps nothing between
    calls. Replaced whole after each build, it never holds more than the current pages; a different
    site folder (another `mkdocs serve`) starts from nothing, and then every page counts as changed.
    """

    files: Memo = field(default_factory=Memo)
    site_dir: str = ""
    prints: dict[str, int] = field(default_factory=dict)

    def unchanged(self, site_dir: str, prints: dict[str, int]) -> set[str]:
        """The src_uris whose fingerprint is the one they had in the last build of `site_dir`."""
        if site_dir != self.site_dir:
            return set()
        return {src_uri for src_uri, value in prints.items() if self.prints.get(src_uri) == value}

    def changed(self, site_dir: str, prints: dict[str, int]) -> set[str]:
        """The src_uris whose fingerprint differs from the one the last build of `site_dir` gave them; a page
        that build did not have is left to its file's date (a new reply's page is drawn anyway)."""
        if site_dir != self.site_dir:
            return set()
        return {src_uri for src_uri, value in prints.items() if self.prints.get(src_uri, value) != value}

    def remember(self, site_dir: str, prints: dict[str, int]) -> None:
        self.site_dir, self.prints = site_dir, dict(prints)
