"""One proposal, one thread: the replies that answer the same proposal or suggestion.

Replies with the same meeting (会议届次), kind and number answer one proposal: a lead unit (主办) and
assisting ones (协办, 会办), or several units each answering their part (分办). The pages, the
feeds, the open data and the checks all take a proposal's identity and its page's URL from here.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from replysite.model.fields import LEAD, ROLES, WITHHELD
from replysite.model.names import name_slug, transliterate
from replysite.model.problems import Problem
from replysite.model.reply import Reply, doc_number_key


@dataclass(frozen=True, order=True)
class ProposalKey:
    """What makes two replies answers to one proposal: the meeting, the kind and the number."""

    meeting: str
    kind: str
    number: str

    @property
    def url(self) -> str:
        """The proposal's page: stable, from the meeting and the number alone (never from its replies)."""
        return f"proposals/{name_slug(self.meeting)}/{transliterate(self.kind) or name_slug(self.kind)}-{self.number.lower()}/"


def proposal_key(reply: Reply) -> ProposalKey:
    """The proposal `reply` answers; spaces and full-width forms in the meeting do not make another one."""
    meeting = "".join(unicodedata.normalize("NFKC", reply.meeting).split())
    return ProposalKey(meeting, reply.kind, reply.number.upper())


def role_order(reply: Reply) -> tuple[int, str, str]:
    """Sort key within a thread: the lead unit first, then 协办, 会办, 分办, then replies without a role;
    among equals the earliest first (a correction after what it corrects), then by 文号."""
    rank = ROLES.index(reply.role) if reply.role in ROLES else len(ROLES)
    return (rank, reply.date.isoformat(), reply.doc_number)


def threads_of(replies: Iterable[Reply]) -> dict[ProposalKey, list[Reply]]:
    """Every proposal answered, with its replies lead first; one pass over the replies."""
    found: dict[ProposalKey, list[Reply]] = {}
    for reply in replies:
        found.setdefault(proposal_key(reply), []).append(reply)
    return {key: sorted(items, key=role_order) for key, items in found.items()}


# The checks across the replies of one proposal, and across corrections (supersedes). Each is one pass
# over the replies with dicts, so validating 10,000 replies costs ten times what 1,000 do.

AGREED = ("title", "proposers", "meeting", "number")  # written alike by every reply of one proposal
_SHOWN_IN_CYCLE = 4  # files a cycle's message names; a longer cycle is counted, not listed


def check_threads(replies: list[Reply]) -> list[Problem]:
    """What only shows across files: replies of one proposal that disagree, two lead units, one number
    written two ways, and a `supersedes:` that names no reply, itself, a withheld reply, or a cycle."""
    threads = threads_of(replies)
    by_number = {doc_number_key(reply.doc_number): reply for reply in replies}
    successors = _successors(replies, by_number)
    problems: list[Problem] = []
    for group in threads.values():
        for name in AGREED:
            problems += _disagreements(group, name)
        problems += _second_leads(group, successors)
    problems += _number_forms(threads)
    problems += _supersedes_problems(replies, by_number)
    problems += _second_corrections(successors)
    problems += _cycles(replies, by_number)
    return problems


def proposal_label(reply: Reply) -> str:
    """The proposal as staff name it, e.g. 市政协八届三次会议第021号提案."""
    return f"{reply.meeting}第{reply.number}号{reply.kind}"


def _written(reply: Reply, name: str) -> str:
    value = getattr(reply, name)
    return "、".join(value) if isinstance(value, tuple) else str(value)


def _disagreements(group: list[Reply], name: str) -> list[Problem]:
    """Each reply whose `name` differs from what most replies of its proposal write (the lead's on a tie)."""
    counts = Counter(_written(reply, name) for reply in group)
    if len(counts) < 2:
        return []
    agreed = max(counts, key=lambda value: counts[value])  # the first of equals in lead-first order
    model = next(reply for reply in group if _written(reply, name) == agreed)
    return [_disagreement(reply, model, name) for reply in group if _written(reply, name) != agreed]


def _disagreement(reply: Reply, model: Reply, name: str) -> Problem:
    label = {"title": "标题", "proposers": "提案人或代表", "meeting": "会议届次", "number": "号码"}[name]
    order = "（人名相同，顺序不同）" if name == "proposers" and sorted(reply.proposers) == sorted(model.proposers) else ""
    message = (f"同一件{model.kind}（{proposal_label(model)}）的答复 {model.path} 的{label}写的是“{_written(model, name)}”，"
               f"本件写的是“{_written(reply, name)}”{order}：同一件{model.kind}的各件答复应写得完全一致，请核对原件后改成一样。")
    return Problem(reply.path, reply.lines.get(name, 1), name, message)


def _successors(replies: list[Reply], by_number: dict[str, Reply]) -> dict[str, list[Reply]]:
    """For each 文号 (as compared), the replies that say they correct it, the earliest first."""
    found: dict[str, list[Reply]] = {}
    for reply in sorted(replies, key=lambda reply: (reply.date, doc_number_key(reply.doc_number), reply.path)):
        target = doc_number_key(reply.supersedes)
        if reply.supersedes and target in by_number and target != doc_number_key(reply.doc_number):
            found.setdefault(target, []).append(reply)
    return found


def _second_leads(group: list[Reply], successors: dict[str, list[Reply]]) -> list[Problem]:
    """A second 主办 reply to one proposal; a lead reply that a later one corrects is not counted."""
    leads = [reply for reply in group if reply.role == LEAD and doc_number_key(reply.doc_number) not in successors]
    return [_second_lead(reply, leads[0]) for reply in leads[1:]]


def _second_lead(reply: Reply, first: Reply) -> Problem:
    others = [role for role in ROLES if role != LEAD]
    message = (f"同一件{first.kind}（{proposal_label(first)}）已有主办单位的答复 {first.path}：一件{first.kind}只能有一个主办单位，"
               f"请把本件改为 {'、'.join(others[:-1])} 或 {others[-1]}；如果本件是对那件答复的更正，请写 supersedes: {first.doc_number}。")
    return Problem(reply.path, reply.lines.get("role", 1), "role", message)


def _number_forms(threads: dict[ProposalKey, list[Reply]]) -> list[Problem]:
    """One number written with and without leading zeros (004 and 4) at one meeting: one proposal, two forms."""
    forms: dict[tuple[str, str, str], list[ProposalKey]] = {}
    for key in threads:
        forms.setdefault((key.meeting, key.kind, key.number.lstrip("0") or "0"), []).append(key)
    problems: list[Problem] = []
    for keys in forms.values():
        if len(keys) > 1:
            # the form most replies use, then the longest (zeros kept, as the 提案目录 writes it)
            kept = max(keys, key=lambda key: (len(threads[key]), len(key.number), key.number))
            model = threads[kept][0]
            problems += [_number_form(reply, model) for key in keys if key != kept for reply in threads[key]]
    return problems


def _number_form(reply: Reply, model: Reply) -> Problem:
    message = (f"本件写的号码是“{reply.number}”，而 {model.path} 写的是“{model.number}”：同一会议（{reply.meeting}）的"
               f"第{reply.number}号和第{model.number}号{reply.kind}应是同一件，请统一写成一种（与目录一致，例如 \"{model.number}\"），"
               f"否则网站会把它们当作两件{reply.kind}。")
    return Problem(reply.path, reply.lines.get("number", 1), "number", message)


def _supersedes_problems(replies: list[Reply], by_number: dict[str, Reply]) -> list[Problem]:
    """A `supersedes:` naming its own 文号, no reply of the site, or a reply published differently."""
    problems: list[Problem] = []
    for reply in replies:
        if not reply.supersedes:
            continue
        target = by_number.get(doc_number_key(reply.supersedes))
        if doc_number_key(reply.supersedes) == doc_number_key(reply.doc_number):
            message = f"“{reply.supersedes}”是本件自己的文号：supersedes 应写本件所更正的另一件答复的文号；本件不是更正的话，请删去这一行。"
        elif target is None:
            message = (f"本站没有文号为“{reply.supersedes}”的答复：请核对被更正的答复的文号（应与它的 doc_number 一致），"
                       f"或先把被更正的答复也放进 replies/；如果它本身还有上面列出的错误，请先改正它。")
        elif (target.disclosure == WITHHELD) != (reply.disclosure == WITHHELD):
            message = _withheld_message(reply, target)
        else:
            continue
        problems.append(Problem(reply.path, reply.lines.get("supersedes", 1), "supersedes", message))
    return problems


def _withheld_message(reply: Reply, target: Reply) -> str:
    """Only one of the two is published: the link between them would lead nowhere, or name a withheld letter."""
    if target.disclosure == WITHHELD:
        return (f"被更正的答复 {target.path} 为“不予公开”，网站上没有它的页面：公开的答复不能链接到它，也不应提及它。"
                f"请删去本件的 supersedes（更正的内容可以写在正文里），或核对两件的公开属性。")
    return (f"本件为“不予公开”，而被更正的答复 {target.path} 是公开的：网站无法在那件答复上注明已被更正，"
            f"也不应提及不公开的答复。请删去本件的 supersedes，或核对两件的公开属性。")


def _second_corrections(successors: dict[str, list[Reply]]) -> list[Problem]:
    """One reply corrected by two: the later correction should correct the first correction instead."""
    problems: list[Problem] = []
    for group in successors.values():
        first = group[0]
        for reply in group[1:]:
            message = (f"答复“{reply.supersedes}”已被 {first.path}（{first.doc_number}）更正：一件答复只能被更正一次。"
                       f"如果本件是对那次更正的再次更正，请写 supersedes: {first.doc_number}。")
            problems.append(Problem(reply.path, reply.lines.get("supersedes", 1), "supersedes", message))
    return problems


def _cycles(replies: list[Reply], by_number: dict[str, Reply]) -> list[Problem]:
    """Replies that correct each other round a circle (A→B→A, or longer): reported on each of them."""
    def corrected(reply: Reply) -> Reply | None:
        target = by_number.get(doc_number_key(reply.supersedes)) if reply.supersedes else None
        return target if target is not None and target is not reply else None

    walk_of: dict[str, int] = {}  # path -> the walk that first reached it; every reply is walked once
    problems: list[Problem] = []
    for walk, start in enumerate(replies):
        path: list[Reply] = []
        current: Reply | None = start
        while current is not None and current.path not in walk_of:
            walk_of[current.path] = walk
            path.append(current)
            current = corrected(current)
        if current is not None and walk_of[current.path] == walk:
            cycle = path[path.index(current):]
            problems += [_cycle_problem(cycle, index) for index in range(len(cycle))]
    return problems


def _cycle_problem(cycle: list[Reply], index: int) -> Problem:
    """The problem of `cycle[index]`, whose correction leads round `cycle` back to itself."""
    following = [cycle[(index + step) % len(cycle)].path for step in range(1, min(len(cycle), _SHOWN_IN_CYCLE))]
    more = [f"……（共 {len(cycle)} 件）"] if len(cycle) > _SHOWN_IN_CYCLE else []
    shown = " → ".join(["本件", *following, *more, "本件"])
    message = (f"更正关系成了一个圈：{shown}（每一件都写了 supersedes 指向下一件）。更正只能由后发的答复指向先发的答复："
               f"请只在较晚的那件上写 supersedes，删去圈中最早那件的 supersedes。")
    reply = cycle[index]
    return Problem(reply.path, reply.lines.get("supersedes", 1), "supersedes", message)
