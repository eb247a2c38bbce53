"""The site's settings for replies: grades, kinds and paging, read from `extra.replies` in mkdocs.yml.

Jurisdictions grade replies differently (A/B/C, A-D, 甲/乙/丙), so the grade set is data, not code.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from replysite.errors import SiteError

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
class Owner:
    """The body that runs the site (主办单位), shown in the header, the footer and the page metadata."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    site_code: str = ""  # 网站标识码
    icp: str = ""  # ICP备案号, linked to beian.miit.gov.cn
    police_record: str = ""  # 公安机关备案号, linked to its record on www.beian.gov.cn
    badge: str = ""  # 党政机关网站标识: an image under docs/, as a path relative to docs/

    ICP_URL = "https://beian.miit.gov.cn/"

    @property
    def police_url(self) -> str:
        """The record's own page on the Ministry of Public Security's register (its number's digits)."""
        code = "".join(char for char in self.police_record if char.isdigit())
        return f"https://www.beian.gov.cn/portal/registerSystemInfo?recordcode={code}"


@dataclass(frozen=True)
class Settings:
    """Everything the model and the views need to know about this site (see `OPTIONS` for each one)."""

    source: str = "replies"
    per_page: int = 50
    latest: int = 10
    time_zone: str = "Asia/Shanghai"
    home_title: str = "建议提案答复公开"
    grades: tuple[Grade, ...] = DEFAULT_GRADES
    kinds: tuple[Kind, ...] = DEFAULT_KINDS
    owner: Owner | None = None

    def today(self, now: Clock = datetime.datetime.now) -> datetime.date:
        """Today's date in the site's time zone, for "not later than today"; `now` is the clock, for tests."""
        return now(ZoneInfo(self.time_zone)).date()

    def grade(self, code: str) -> Grade:
        return next(grade for grade in self.grades if grade.code == code)

    def kind(self, name: str) -> Kind:
        return next(kind for kind in self.kinds if kind.name == name)


class SettingsError(SiteError):
    """`extra.replies` in mkdocs.yml is not what the site expects."""


@dataclass(frozen=True)
class Option:
    """One key of `extra.replies`: what it means, and how its value is read and checked."""

    name: str
    doc: str
    read: Callable[[Any, str], Any]


def _positive(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"mkdocs.yml: extra.replies.{name} 应为正整数，现为 {value!r}")
    return value


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"mkdocs.yml: extra.replies.{name} 应为一段文字，现为 {value!r}")
    return value.strip()


def _time_zone(value: Any, name: str) -> str:
    """An IANA time zone name that this machine's time zone database knows."""
    try:
        ZoneInfo(value)
    except (TypeError, ValueError, LookupError, OSError):  # not text, not a zone name, no such zone, a folder
        raise SettingsError(
            f"mkdocs.yml: extra.replies.{name} 应为 IANA 时区名称，例如 Asia/Shanghai（北京时间），现为 {value!r}"
        ) from None
    return str(value)


def _grades(raw: Any, name: str) -> tuple[Grade, ...]:
    if not isinstance(raw, dict) or not raw:
        raise SettingsError(f"mkdocs.yml: extra.replies.{name} 应为“代码: {{label: 简称, meaning: 含义}}”的映射")
    grades = []
    for code, spec in raw.items():
        if not isinstance(spec, dict) or not spec.get("meaning"):
            raise SettingsError(f"mkdocs.yml: extra.replies.{name}.{code} 需要 label 和 meaning")
        _known_keys(spec, ("label", "meaning"), f"{name}.{code}")
        grades.append(Grade(str(code), str(spec.get("label", spec["meaning"])), str(spec["meaning"])))
    return tuple(grades)


def _kinds(raw: Any, name: str) -> tuple[Kind, ...]:
    if not isinstance(raw, dict) or not raw:
        raise SettingsError(f"mkdocs.yml: extra.replies.{name} 应为“名称: {{label: 全称, proposer_label: 提出人称谓}}”的映射")
    kinds = []
    for kind, spec in raw.items():
        if not isinstance(spec, dict):
            raise SettingsError(f"mkdocs.yml: extra.replies.{name}.{kind} 应为 {{label: 全称, proposer_label: 提出人称谓}}")
        _known_keys(spec, ("label", "proposer_label"), f"{name}.{kind}")
        kinds.append(Kind(str(kind), str(spec.get("label", kind)), str(spec.get("proposer_label", "提出人"))))
    return tuple(kinds)


OWNER_KEYS = ("name", "address", "phone", "email", "site_code", "icp", "police_record", "badge")
_BADGE_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp")


def _owner(raw: Any, name: str) -> Owner:
    """主办单位: a mapping of texts, `name` required; the badge is an image kept in docs/ (never another host)."""
    if not isinstance(raw, dict):
        raise SettingsError(f"mkdocs.yml: extra.replies.{name} 应为“键: 文字”的映射，例如 {{name: 某某市人民政府办公室}}，现为 {raw!r}")
    _known_keys(raw, OWNER_KEYS, name)
    values = {key: _text(value, f"{name}.{key}") for key, value in raw.items()}
    if "name" not in values:
        raise SettingsError(f"mkdocs.yml: extra.replies.{name}.name 缺少主办单位名称")
    badge = values.get("badge", "")
    outside = "://" in badge or badge.startswith("/") or ".." in badge.split("/")
    if badge and (outside or not badge.lower().endswith(_BADGE_SUFFIXES)):
        raise SettingsError(
            f"mkdocs.yml: extra.replies.{name}.badge 应为 docs/ 中图片文件的相对路径，例如 assets/badge.png，现为 {badge!r}"
        )
    return Owner(**values)


OPTIONS = (
    Option("source", "folder of the reply files, relative to mkdocs.yml", _text),
    Option("per_page", "entries on one page of an index list", _positive),
    Option("latest", "replies listed on the home page", _positive),
    Option("time_zone", "IANA time zone in which a reply's date is judged 'not later than today'", _time_zone),
    Option("home_title", "the heading of the home page", _text),
    Option("grades", "办理结果: code as staff write it -> {label: short label, meaning: official meaning}", _grades),
    Option("kinds", "类别: name -> {label: full name, proposer_label: what its author is called}", _kinds),
    Option("owner", "主办单位: {name, address, phone, email, site_code (网站标识码), icp (ICP备案号), police_record "
           "(公安机关备案号), badge (党政机关网站标识, an image under docs/)}; only name is required, absent keys are not shown",
           _owner),
)


RETIRED = {  # settings of earlier versions: what became of each
    "search_part_size": "搜索索引已改由本站自己的索引生成，不再分卷，这项设置不再需要：请从 mkdocs.yml 中删去这一行。",
}


def _known_keys(raw: dict[str, Any], known: Sequence[str], where: str) -> None:
    """Refuse a key that is not declared, naming the closest declared one (a typo is the usual cause)."""
    for key in raw:
        if not where and key in RETIRED:
            raise SettingsError(f"mkdocs.yml: extra.replies.{key}：{RETIRED[key]}")
        if key not in known:
            close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
            hint = f"是不是 {close[0]}？" if close else f"可用的设置有：{'、'.join(known)}。"
            prefix = f"extra.replies.{where}." if where else "extra.replies."
            raise SettingsError(f"mkdocs.yml: {prefix}{key} 不是本站的设置：{hint}")


def from_mapping(raw: dict[str, Any] | None) -> Settings:
    """Build settings from the `extra.replies` mapping, filling in the defaults; an unknown key is refused."""
    raw = dict(raw or {})
    _known_keys(raw, [option.name for option in OPTIONS], "")
    return Settings(**{option.name: option.read(raw[option.name], option.name) for option in OPTIONS if option.name in raw})


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml outside MkDocs, passing over tags such as !!python/name."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)  # type: ignore[no-untyped-call]


def load(config_file: Path) -> tuple[Settings, Path]:
    """Read settings from mkdocs.yml for the staff scripts; also return the replies folder."""
    with open(config_file, encoding="utf-8") as stream:
        config = yaml.load(stream, Loader=_ConfigLoader) or {}
    settings = from_mapping((config.get("extra") or {}).get("replies"))
    return settings, config_file.parent / settings.source
