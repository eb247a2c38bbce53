"""Fingerprints of generated pages: equal for the same replies, different only where a change shows."""

from __future__ import annotations

import dataclasses

from replysite import unchanged
from replysite.model import settings
from replysite.model.reply import Reply
from replysite.pages import views
from replysite.pages.catalogue import catalogue_of, group_urls
from tests.pages.test_complexity import replies

SETTINGS = settings.Settings()


def prints(items: list[Reply]) -> dict[str, int]:
    return {view.src_uri: unchanged.fingerprint(view) for view in views.build_views(catalogue_of(items, SETTINGS), SETTINGS)}


def test_same_replies_give_the_same_prints() -> None:
    assert prints(replies(120)) == prints(replies(120))


def test_an_edited_title_changes_only_the_pages_that_show_it() -> None:
    items = replies(120)
    before = prints(items)
    items[5] = dataclasses.replace(items[5], title="改过的标题")
    after = prints(items)
    changed = {src_uri for src_uri in before if before[src_uri] != after[src_uri]}
    reply = items[5]
    expected = {f"{url}index.md" for url in group_urls(reply, SETTINGS)}
    assert expected <= changed
    assert changed - expected <= {"index.md"}  # the home page lists the newest replies
    assert len(changed) < len(before) / 4


def test_last_build_is_per_site_folder() -> None:
    last = unchanged.LastBuild()
    last.remember("/tmp/a", {"x.md": 1, "y.md": 2})
    assert last.unchanged("/tmp/a", {"x.md": 1, "y.md": 3}) == {"x.md"}
    assert last.unchanged("/tmp/b", {"x.md": 1}) == set()
    assert unchanged.LastBuild().unchanged("/tmp/a", {"x.md": 1}) == set()  # nothing is kept but in the instance
