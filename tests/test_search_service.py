"""The Pagefind service client: fast answers, and a clear failure rather than a hang if the service dies."""

from __future__ import annotations

import threading
from pathlib import Path

from replysite.search import LiveIndex, SearchIndexError

ARTICLE = '<article data-pagefind-body><h1 data-pagefind-meta="title">关于集团化办学的提案</h1><p>集团化办学答复正文。</p></article>'


def test_pages_added_one_by_one_are_all_in_the_bundle(tmp_path: Path) -> None:
    index = LiveIndex(tmp_path)
    for number in range(30):
        index.add(f"/replies/2020/r{number}/", ARTICLE)
    assert index.finish() == 30
    assert (tmp_path / "pagefind" / "pagefind.js").is_file()


def test_a_service_that_dies_fails_the_build_instead_of_hanging(tmp_path: Path) -> None:
    index = LiveIndex(tmp_path)
    index.add("/replies/2020/a/", ARTICLE)
    service = index._service
    assert service is not None
    service._backend.kill()
    outcome: list[BaseException] = []

    def finish() -> None:
        try:
            index.finish()
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=finish, daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "finish() hung after the service died"
    assert len(outcome) == 1 and isinstance(outcome[0], SearchIndexError)
