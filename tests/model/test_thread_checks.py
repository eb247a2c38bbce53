"""The checks across the replies of one proposal and across corrections: what each refuses, what each
lets through (a corrected lead, a withheld reply corrected by a withheld one), and that they stay linear.
The messages themselves are pinned by tests/fixtures/bad/expected.yml."""

from __future__ import annotations

import dataclasses
import datetime

from replysite.model import library, settings
from replysite.model.problems import Problem
from replysite.model.reply import Reply
from replysite.model.threads import check_threads
from tests.pages.test_complexity import calls
from tests.sitebuild import FIXTURES

BASE = Reply(
    path="replies/2023/a.md", title="加快老旧小区加装电梯", doc_number="许建〔2023〕1号", agency="许昌市住房和城乡建设局",
    result="B", kind="提案", meeting="市政协八届三次会议", number="021", proposers=("九三学社许昌市委", "陈思远"),
    date=datetime.date(2023, 7, 1), body="正文。\n",
)


def reply(name: str, seq: int, **changes: object) -> Reply:
    """A reply to proposal 021 in replies/2023/<name>.md with 文号 许建〔2023〕<seq>号."""
    return dataclasses.replace(BASE, path=f"replies/2023/{name}.md", doc_number=f"许建〔2023〕{seq}号", **changes)  # type: ignore[arg-type]


def reported(problems: list[Problem]) -> list[tuple[str, str]]:
    return sorted((problem.path.rsplit("/", 1)[-1], problem.field) for problem in problems)


def test_the_fixture_proposal_passes_a_lead_two_assisting_units_and_a_correction() -> None:
    replies = library.load_replies(FIXTURES / "threads", settings.Settings(), root=FIXTURES, today=datetime.date(2026, 1, 1))
    assert len(replies) == 5


def test_a_lead_reply_corrected_by_a_lead_reply_is_one_lead() -> None:
    replies = [reply("a", 1, role="主办"), reply("b", 2, role="主办", supersedes="许建〔2023〕1号"), reply("c", 3, role="协办")]
    assert check_threads(replies) == []
    third = reply("d", 4, role="主办", date=datetime.date(2023, 8, 1))
    assert reported(check_threads([*replies, third])) == [("d.md", "role")]


def test_the_reply_that_differs_from_most_is_reported_naming_one_that_agrees() -> None:
    replies = [reply("a", 1, role="协办"), reply("b", 2, role="主办"), reply("c", 3, title="加装电梯")]
    problems = check_threads(replies)
    assert reported(problems) == [("c.md", "title")]
    assert "replies/2023/b.md" in problems[0].message  # the lead comes first among those that agree


def test_proposers_in_another_order_disagree_and_the_message_says_so() -> None:
    problems = check_threads([reply("a", 1), reply("b", 2, proposers=("陈思远", "九三学社许昌市委"))])
    assert reported(problems) == [("b.md", "proposers")] and "顺序不同" in problems[0].message


def test_a_cycle_is_reported_on_each_reply_in_it_and_not_on_a_reply_leading_into_it() -> None:
    cycle = [reply(name, seq, supersedes=f"许建〔2023〕{seq % 3 + 1}号") for name, seq in (("a", 1), ("b", 2), ("c", 3))]
    tail = reply("d", 4, supersedes="许建〔2023〕1号")
    problems = check_threads([tail, *cycle])
    assert [(name, field) for name, field in reported(problems) if field == "supersedes" and name != "d.md"] == [
        ("a.md", "supersedes"), ("b.md", "supersedes"), ("c.md", "supersedes")]
    cycle_messages = [problem.message for problem in problems if "成了一个圈" in problem.message]
    assert len(cycle_messages) == 3
    assert "本件 → replies/2023/b.md → replies/2023/c.md → 本件" in cycle_messages[0]


def test_a_long_cycle_is_counted_not_listed() -> None:
    ring = [reply(f"r{seq}", seq, supersedes=f"许建〔2023〕{seq % 6 + 1}号") for seq in range(1, 7)]
    problems = [problem for problem in check_threads(ring) if "成了一个圈" in problem.message]
    assert len(problems) == 6 and all("（共 6 件）" in problem.message for problem in problems)


def test_withheld_replies_may_correct_each_other_but_not_a_published_one() -> None:
    withheld = {"disclosure": "不予公开", "disclosure_reason": "涉及国家秘密"}
    assert check_threads([reply("a", 1, **withheld), reply("b", 2, supersedes="许建〔2023〕1号", **withheld)]) == []
    problems = check_threads([reply("a", 1), reply("b", 2, supersedes="许建〔2023〕1号", **withheld)])
    assert reported(problems) == [("b.md", "supersedes")] and "本件为“不予公开”" in problems[0].message


def test_a_supersedes_written_with_leading_zeros_names_the_same_reply() -> None:
    assert check_threads([reply("a", 1), reply("b", 2, supersedes="许建〔2023〕001号")]) == []


def test_letters_and_case_in_a_number_are_one_proposal_but_written_alike() -> None:
    problems = check_threads([reply("a", 1, number="DH0271"), reply("b", 2, number="dh0271")])
    assert reported(problems) == [("b.md", "number")]


def many(count: int) -> list[Reply]:
    """`count` replies in threads of four: a lead, two assisting units and a correction of the first assisting one."""
    replies = []
    for index in range(count):
        thread, place = divmod(index, 4)
        changes: dict[str, object] = {"role": ("主办", "协办", "协办", "协办")[place], "number": f"{thread:05d}"}
        if place == 3:
            changes["supersedes"] = f"许建〔2023〕{index - 1}号"
        replies.append(reply(f"r{index}", index + 1, **changes))
    return replies


def test_the_checks_grow_linearly() -> None:
    small, large = many(400), many(1600)
    assert check_threads(small) == [] and check_threads(large) == []
    ratio = calls(lambda: check_threads(large)) / calls(lambda: check_threads(small))
    assert ratio < 4.6, f"4× the replies cost {ratio:.2f}× the calls"


def test_a_cycle_through_every_reply_stays_linear() -> None:
    def ring(count: int) -> list[Reply]:
        return [reply(f"r{seq}", seq, supersedes=f"许建〔2023〕{seq % count + 1}号") for seq in range(1, count + 1)]

    small, large = ring(400), ring(1600)
    ratio = calls(lambda: check_threads(large)) / calls(lambda: check_threads(small))
    assert ratio < 4.6, f"4× the replies cost {ratio:.2f}× the calls"
