"""One proposal, one thread: the replies that answer the same proposal or suggestion.

Replies with the same meeting (会议届次), kind and number answer one proposal: a lead unit (主办) and
assisting ones (协办, 会办), or several units each answering their part (分办). The pages, the
feeds, the open data and the checks all take a proposal's identity and its page's URL from here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from replysite.model.fields import ROLES
from replysite.model.names import name_slug, transliterate
from replysite.model.reply import Reply


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
