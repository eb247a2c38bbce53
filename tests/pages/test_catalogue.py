"""The replies are sorted and grouped once per build; each facet carries its own label, URL, order and
titles, so a new way of grouping is one class, and the views and feeds read the same groups."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from replysite.model import library, settings
from replysite.model.reply import Reply
from replysite.pages import catalogue
from replysite.pages.views import build_views
from replysite.published.feeds import build_feeds
from tests.sitebuild import FIXTURES

SETTINGS = settings.Settings()


@pytest.fixture(scope="module")
def replies() -> list[Reply]:
    return library.load_replies(FIXTURES / "site", SETTINGS, root=FIXTURES)


def test_views_and_feeds_read_the_same_groups(replies: list[Reply]) -> None:
    built = catalogue.catalogue_of(reversed(replies), SETTINGS)
    assert built.replies == sorted(replies, key=library.newest_first)
    grades = {item.url: item for item in built.of(catalogue.Results)}
    assert list(grades) == ["results/a/", "results/b/", "results/c/"]  # every grade, in the settings' order
    feeds = {feed.page: feed for feed in build_feeds(built)}
    for url, item in grades.items():
        assert feeds[url].replies is item.replies  # grouped once, not again for the feeds
        assert item.replies == sorted(item.replies, key=library.newest_first)
    years = [item.key for item in built.of(catalogue.Years)]
    assert years == sorted(years, reverse=True)


def test_a_new_facet_is_one_class(replies: list[Reply], monkeypatch: pytest.MonkeyPatch) -> None:
    class Kinds(catalogue.Facet):
        slug, title, noun = "kinds", "按类别", "类别"

        def values(self, reply: Reply) -> Iterable[str]:
            return [reply.kind]

        def list_title(self, key: str) -> str:
            return f"{key}的答复"

    monkeypatch.setattr(catalogue, "FACETS", (*catalogue.FACETS, Kinds))
    views = {view.url: view for view in build_views(catalogue.catalogue_of(replies, SETTINGS), SETTINGS)}
    assert "kinds/" in views and views["kinds/"].title == "按类别"
    lists = [view for url, view in views.items() if url.startswith("kinds/") and url != "kinds/"]
    assert sorted(view.title for view in lists) == ["建议的答复", "提案的答复"]
    assert sum(len(view.context["items"]) for view in lists) == len(replies)


def test_group_urls_are_the_facets_own(replies: list[Reply]) -> None:
    reply = next(item for item in replies if item.path.endswith("jiaoyu-2019-12.md"))
    urls = catalogue.group_urls(reply, SETTINGS)
    assert "years/2019/" in urls and f"results/{catalogue.grade_slug(reply.result)}/" in urls
    assert all(Path(url).parts[0] in {"years", "proposers", "results", "agencies"} for url in urls)
