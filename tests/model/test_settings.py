"""`extra.replies` is read through one declared table of options: a typo is an error that names the key
and suggests the option meant, in validate and in the build alike."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from replysite.errors import SiteError
from replysite.model import settings as site_settings
from tests.sitebuild import ROOT, build, make_project


@pytest.mark.parametrize(("raw", "message"), [
    ({"per_pgae": 5}, r"extra\.replies\.per_pgae 不是本站的设置：是不是 per_page？"),
    ({"tiem_zone": "UTC"}, r"extra\.replies\.tiem_zone 不是本站的设置：是不是 time_zone？"),
    ({"colour": "red"}, r"extra\.replies\.colour 不是本站的设置：可用的设置有：source、per_page"),
    ({"grades": {"A": {"meaning": "已解决", "lable": "解决"}}}, r"extra\.replies\.grades\.A\.lable 不是本站的设置：是不是 label？"),
    ({"kinds": {"提案": {"proposer": "委员"}}}, r"extra\.replies\.kinds\.提案\.proposer 不是本站的设置：是不是 proposer_label？"),
    ({"per_page": True}, r"extra\.replies\.per_page 应为正整数"),
    ({"home_title": ""}, r"extra\.replies\.home_title 应为一段文字"),
    ({"search_part_size": 1000}, r"extra\.replies\.search_part_size：.*不再需要：请从 mkdocs\.yml 中删去这一行"),
])
def test_a_mistake_in_the_settings_is_named_with_the_fix(raw: dict[str, object], message: str) -> None:
    with pytest.raises(site_settings.SettingsError, match=message) as caught:
        site_settings.from_mapping(raw)
    assert isinstance(caught.value, SiteError)  # the one root the glue and the commands convert


def test_every_setting_is_declared_once_with_its_meaning() -> None:
    declared = [option.name for option in site_settings.OPTIONS]
    assert declared == [item.name for item in dataclasses.fields(site_settings.Settings)]
    assert all(option.doc for option in site_settings.OPTIONS)
    assert site_settings.from_mapping({"home_title": "某市建议提案办理答复"}).home_title == "某市建议提案办理答复"


def test_validate_and_the_build_both_refuse_a_typo(tmp_path: Path) -> None:
    project = make_project(tmp_path, extra={"per_pgae": 5})
    validate = [sys.executable, "-m", "scripts", "validate", "--config", str(project / "mkdocs.yml")]
    result = subprocess.run(validate, cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 1 and "是不是 per_page？" in result.stderr and "Traceback" not in result.stderr
    built = build(project)
    assert built.returncode != 0 and "是不是 per_page？" in built.log and "Traceback" not in built.log
