"""Shared fixtures: a site built once per test session from the fixture replies and the seed letter."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sitebuild import FIXTURES, Built, build, make_project


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The fixture replies (tests/fixtures/site) plus the seed letter, built with --strict."""
    project = make_project(tmp_path_factory.mktemp("fixture-site"), FIXTURES / "site")
    built = build(project)
    assert built.returncode == 0, built.log
    return built


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project (seed letter only) to add replies to."""
    return make_project(tmp_path)
