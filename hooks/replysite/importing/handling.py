"""How the answering unit shares the handling (role), and the proposer's rating of it (satisfaction).

Read only where a letter says so: a wrong role would put a reply in the wrong place of its proposal's
thread, so a letter that does not say is left without one, and so is one that says two things.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from replysite.importing.fields import opinion_to_unit
from replysite.importing.parts import LetterParts
from replysite.importing.text import fold
from replysite.model.fields import LEAD, ROLES

_ROLE = "|".join(ROLES)
_SELF = r"(?:我|本)(?:局|委|办|厅|府|院|部|会|中心|单位|公司|街道|镇|乡|队|处|站|所)?"
SELF_ROLE = re.compile(rf"{_SELF}(?:作为|是|系|为)(?:该|本|此|这)?(?:件|项)?(?:提案|建议|议案)?的?(?P<role>{_ROLE})单位")
OPINION_HEADING = re.compile(r"的(?P<role>协办|会办)(?:意见|答复|复函)(?:函)?\s*$")  # …第0124号代表建议的会办意见
OPINION_SENT = re.compile(r"(?:现将|现就|特提出|提出如下|函告)[^。；]{0,12}?(?P<role>协办|会办)意见")  # 现将会办意见函告如下
FORM_LINE = re.compile(rf"^\s*(?P<role>{_ROLE})\s*单\s*位\s*[:：]\s*(?P<units>.*)$")  # a 办理单's 主办单位：/ 协办单位：
OVERSEERS = re.compile(r"人大|政协|常委会|代表工委|提案委|人民政府|政府办|督查|督办")  # a report to them is no opinion
RATED = re.compile(
    r"(?:(?<![群众社会公居民游客])满意度|(?:代表|委员|提案人|建议人|领衔人)对?(?:办理|答复)?(?:结果|工作|情况|答复)?的?(?:意见|评价|态度)?)"
    r"\s*[:：]\s*(?P<rating>不满意|基本满意|满意)(?=\s*$|\s*[。；;，,)）])"
)


def role(parts: LetterParts, agency: str) -> str:
    """主办, 协办, 会办 or 分办 where the letter says which (我局作为协办单位, …的会办意见, a 办理单 naming
    this agency), 协办 for an opinion addressed to another unit about the proposal; else nothing."""
    said = _roles_said(parts) | _roles_on_form(parts.header, agency)
    unit, _ = opinion_to_unit(parts.body)
    to_unit = bool(unit) and not OVERSEERS.search(unit)
    if len(said) > 1 or (said == {LEAD} and unit):
        return ""  # two answers, or a lead unit writing to another body: the letter is not clear
    if said:
        return said.pop()
    return "协办" if to_unit else ""


def _roles_said(parts: LetterParts) -> set[str]:
    """The roles the letter gives itself, in its heading or its own sentences."""
    found = {match["role"] for line in parts.header if (match := OPINION_HEADING.search(fold(line).replace(" ", "")))}
    for line in parts.body:
        text = fold(line).replace(" ", "")
        found |= {match["role"] for pattern in (SELF_ROLE, OPINION_SENT) for match in pattern.finditer(text)}
    return found


def _roles_on_form(header: Sequence[str], agency: str) -> set[str]:
    """A 办理单 (主办单位：X / 协办单位：Y) naming this agency: 主办 only when other units share the handling."""
    units: dict[str, list[str]] = {}
    for line in header:
        match = FORM_LINE.match(fold(line))
        if match:
            units[match["role"]] = [unit for unit in re.split(r"[、，,；;\s]+", match["units"]) if unit]
    named = {name for name, listed in units.items() if any(_same_unit(unit, agency) for unit in listed)}
    shared = any(listed for name, listed in units.items() if name != LEAD)
    return {name for name in named if name != LEAD or shared}


def _same_unit(listed: str, agency: str) -> bool:
    """Whether a unit on a form is this agency: the same name, or its full name ending in the one listed."""
    return bool(agency) and len(listed) >= 4 and (listed == agency or agency.endswith(listed))


def satisfaction(lines: Sequence[str]) -> str:
    """满意, 基本满意 or 不满意, where the letter states the proposer's rating (代表对办理结果：满意, 满意度：基本满意);
    a form that lists the choices, or two ratings, give nothing."""
    found = {match["rating"] for line in lines for match in RATED.finditer(fold(line).replace(" ", ""))}
    return found.pop() if len(found) == 1 else ""
