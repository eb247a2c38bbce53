"""The site's settings for replies: grades, kinds and paging, read from `extra.replies` in mkdocs.yml.

Jurisdictions grade replies differently (A/B/C, A-D, 甲/乙/丙), so the grade set is data, not code.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

Clock = Callable[[datetime.tzinfo], datetime.datetime]


@dataclass(frozen=True)
class Grade:
    """One 办理结果 grade: its code as staff write it, a short label, and its official meaning."""

    code: str
    label: str
    meaning: str


@dataclass(frozen=True)
class Kind:
    """A kind of item replied to (提案, 建议) and what its author is called."""

    name: str
    label: str
    proposer_label: str


DEFAULT_GRADES = (
    Grade("A", "已解决或基本解决", "所提问题已经解决或基本解决"),
    Grade("B", "正在解决或已列入计划", "所提问题正在解决或已列入计划解决"),
    Grade("C", "留作参考", "因条件限制等原因暂时不能解决，留作参考"),
)
DEFAULT_KINDS = (
    Kind("提案", "政协委员提案", "提案人"),
    Kind("建议", "人大代表建议", "代表"),
)


@dataclass(frozen=True)
class Settings:
    """Everything the model and the views need to know about this site."""

    source: str = "replies"
    per_page: int = 50
    latest: int = 10
    grades: tuple[Grade, ...] = DEFAULT_GRADES
    kinds: tuple[Kind, ...] = DEFAULT_KINDS
    extra: dict[str, Any] = field(default_factory=dict)
    search_part_size: int = 2500  # replies one Pagefind run indexes at most (see searchshards)
    time_zone: str = "Asia/Shanghai"  # where "today" is judged: the machine's clock is often UTC

    def today(self, now: Clock = datetime.datetime.now) -> datetime.date:
        """Today's date in the site's time zone, for "not later than today"; `now` is the clock, for tests."""
        return now(ZoneInfo(self.time_zone)).date()

    def grade(self, code: str) -> Grade:
        return next(grade for grade in self.grades if grade.code == code)

    def kind(self, name: str) -> Kind:
        return next(kind for kind in self.kinds if kind.name == name)


class SettingsError(ValueError):
    """`extra.replies` in mkdocs.yml is not what the site expects."""


def from_mapping(raw: dict[str, Any] | None) -> Settings:
    """Build settings from the `extra.replies` mapping, filling in the defaults."""
    raw = dict(raw or {})
    settings = Settings()
    grades = _grades(raw.pop("grades", None)) or settings.grades
    kinds = _kinds(raw.pop("kinds", None)) or settings.kinds
    per_page = _positive(raw.pop("per_page", settings.per_page), "per_page")
    latest = _positive(raw.pop("latest", settings.latest), "latest")
    part_size = _positive(raw.pop("search_part_size", settings.search_part_size), "search_part_size")
    source = str(raw.pop("source", settings.source))
    time_zone = _time_zone(raw.pop("time_zone", settings.time_zone))
    return Settings(source, per_page, latest, grades, kinds, raw, part_size, time_zone)


def _time_zone(value: Any) -> str:
    """An IANA time zone name that this machine's time zone database knows."""
    try:
        ZoneInfo(value)
    except (TypeError, ValueError, LookupError, OSError):  # not text, not a zone name, no such zone, a folder
        raise SettingsError(
            f"mkdocs.yml: extra.replies.time_zone 应为 IANA 时区名称，例如 Asia/Shanghai（北京时间），现为 {value!r}"
        ) from None
    return str(value)


def _positive(value: Any, name: str) -> int:
    if not isinstance(value, int) or value < 1:
        raise SettingsError(f"mkdocs.yml: extra.replies.{name} 应为正整数，现为 {value!r}")
    return value


def _grades(raw: Any) -> tuple[Grade, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        raise SettingsError("mkdocs.yml: extra.replies.grades 应为“代码: {label: 简称, meaning: 含义}”的映射")
    grades = []
    for code, spec in raw.items():
        if not isinstance(spec, dict) or not spec.get("meaning"):
            raise SettingsError(f"mkdocs.yml: extra.replies.grades.{code} 需要 label 和 meaning")
        grades.append(Grade(str(code), str(spec.get("label", spec["meaning"])), str(spec["meaning"])))
    return tuple(grades)


def _kinds(raw: Any) -> tuple[Kind, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not raw:
        raise SettingsError("mkdocs.yml: extra.replies.kinds 应为“名称: {label: 全称, proposer_label: 提出人称谓}”的映射")
    return tuple(
        Kind(str(name), str(spec.get("label", name)), str(spec.get("proposer_label", "提出人")))
        for name, spec in raw.items()
    )


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml outside MkDocs, passing over tags such as !!python/name."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)  # type: ignore[no-untyped-call]


def load(config_file: Path) -> tuple[Settings, Path]:
    """Read settings from mkdocs.yml for the staff scripts; also return the replies folder."""
    with open(config_file, encoding="utf-8") as stream:
        config = yaml.load(stream, Loader=_ConfigLoader) or {}
    settings = from_mapping((config.get("extra") or {}).get("replies"))
    return settings, config_file.parent / settings.source
