"""One proposal, one thread (issue 18), followed in Chromium from a search result.

The site holds tests/fixtures/threads (proposal 021 answered by a 主办 and two 协办 units, one 协办 reply
corrected by another, and a single 建议) and, written here, a second proposal answered twice and a
single reply, all three about 电梯, ranked so that the index's own order would part proposal 022's replies.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, Route, expect

from replysite.model.threads import ProposalKey
from tests.browser.axe import blocking
from tests.browser.chromium import DESKTOP, opened
from tests.browser.finder import result_urls, search, settle
from tests.sitebuild import FIXTURES, built_and_served, make_project

MEETING = "市政协八届三次会议"
PROPOSAL = ProposalKey(MEETING, "提案", "021").url
LEAD = "replies/2023/zhujian-2023-45/"
LAND = "replies/2023/ziran-2023-18/"  # a 协办 reply, the only one holding 联合审批
OLD = "replies/2023/shijian-2023-9/"  # superseded by NEW
NEW = "replies/2023/shijian-2023-12/"
THREAD = [LEAD, LAND, OLD, NEW]  # lead first, then the 协办 replies by date

# Proposal 022: its 主办 reply says 电梯 five times, its 协办 reply once; the single 建议 three times.
SAFETY = "replies/2023/anquan-2023-20/"
SAFETY_HELP = "replies/2023/yingji-2023-7/"
SINGLE = "replies/2023/zhujian-2023-60/"
# Written as staff would: (path, title, doc_number, agency, role, kind, meeting, number, proposer, body).
EXTRA = [
    (SAFETY, "关于加强电梯安全管理的提案", "许市监〔2023〕20号", "许昌市市场监督管理局", "主办", "提案", MEETING, "022", "李明",
     "李明委员：\n\n电梯安全事关群众出行。我局对全市电梯开展检查，电梯维保、电梯应急救援和老旧电梯更新均已落实。"),
    (SAFETY_HELP, "关于加强电梯安全管理的提案", "许应急〔2023〕7号", "许昌市应急管理局", "协办", "提案", MEETING, "022", "李明",
     "许昌市市场监督管理局：\n\n我局作为协办单位，将困人事故纳入全市应急演练，组织街道、社区和物业服务企业定期演练，"
     "完善值守和处置流程，演练情况按季度通报，电梯困人时十五分钟内到场。"),
    (SINGLE, "关于住宅电梯维修资金的建议", "许住建〔2023〕60号", "许昌市住房和城乡建设局", "", "建议", "市九届人大七次会议", "16", "王丽华",
     "王丽华代表：\n\n住宅电梯的维修资金可以按规定申请使用。我们将简化电梯维修资金的申请手续，并公开电梯维修的办理流程。"),
]  # fmt: skip


# Newest first, with the single reply between proposal 022's two: the index lists them in this order.
DATES = {SAFETY: "2023-08-02", SINGLE: "2023-08-01", SAFETY_HELP: "2023-06-29"}


def _write_extra(replies: Path) -> None:
    for url, title, doc, agency, role, kind, meeting, number, proposer, body in EXTRA:
        lines = [
            "---", f"title: {title}", f"doc_number: {doc}", f"agency: {agency}", "result: B", f"kind: {kind}",
            f"meeting: {meeting}", f'number: "{number}"', f"proposers: [{proposer}]", f"date: {DATES[url]}",
            *([f"role: {role}"] if role else []), "---", "", body, "",
        ]  # fmt: skip
        (replies / url.removeprefix("replies/").rstrip("/")).with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def threads_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = make_project(tmp_path_factory.mktemp("threads"), FIXTURES / "threads")
    _write_extra(project / "replies")
    with built_and_served(project) as url:
        yield url


@pytest.fixture
def page(browser: Browser, threads_url: str) -> Iterator[Page]:
    with opened(browser, threads_url, DESKTOP) as page:
        yield page


def _path(href: str) -> str:
    return urlsplit(href).path.lstrip("/")


def _target(link: Locator) -> str:
    """The site path a link leads to (its href resolved, as the browser follows it)."""
    return _path(link.evaluate("a => a.href"))


def _entry(page: Page, url: str) -> Locator:
    """The search result whose title links to `url`."""
    return page.locator(".rs-finder__results .rs-entry").filter(has=page.locator(f'a.rs-entry__title[href="/{url}"]'))


def _no_serious_violation(page: Page) -> None:
    found = blocking(page)
    assert not found, "\n".join(str(item) for item in found)


def test_a_thread_is_followed_from_a_search_result_to_the_proposal_and_a_sibling(page: Page) -> None:
    assert search(page, "联合审批") == "找到包含“联合审批”的答复 1 件，按相关程度排列。"
    assert result_urls(page) == [LAND]
    line = _entry(page, LAND).locator(".rs-entry__thread")
    expect(line).to_have_text("本提案共 4 件答复（本件为协办）· 查看本提案的全部答复")
    _no_serious_violation(page)

    # By keyboard, as a reader without a mouse follows it.
    line.get_by_role("link", name="查看本提案的全部答复").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{PROPOSAL}")
    expect(page.locator("h1")).to_have_text("关于加快老旧小区加装电梯的提案")
    expect(page.locator(".rs-summary")).to_contain_text("九三学社许昌市委、陈思远")
    # Every reply, lead first, each under its agency and role, linking to its own page.
    expect(page.locator(".rs-proposal__agency")).to_have_text(
        ["许昌市住房和城乡建设局（主办）", "许昌市自然资源和规划局（协办）", "许昌市市场监督管理局（协办）", "许昌市市场监督管理局（协办）"]
    )
    pages = page.locator(".rs-proposal__reply a.rs-proposal__page")
    assert [_path(href) for href in pages.evaluate_all("links => links.map(a => a.href)")] == THREAD
    expect(pages).to_have_text(["许建〔2023〕45号", "许自然资〔2023〕18号", "许市监〔2023〕9号", "许市监〔2023〕12号"])
    _no_serious_violation(page)

    pages.first.click()
    page.wait_for_url(f"**/{LEAD}")
    page.get_by_role("navigation", name="同一提案的全部答复").locator("a.rs-thread__proposal").click()
    page.wait_for_url(f"**/{PROPOSAL}")


def test_a_reply_links_to_its_proposal_and_the_other_replies_lead_first(page: Page) -> None:
    page.goto(LEAD)
    thread = page.get_by_role("navigation", name="同一提案的全部答复")
    expect(thread).to_have_count(1)
    assert _target(thread.locator("a.rs-thread__proposal")) == PROPOSAL
    others = thread.locator("a.rs-thread__reply")
    assert [_path(href) for href in others.evaluate_all("links => links.map(a => a.href)")] == [LAND, OLD, NEW]
    expect(others.first).to_have_text("许昌市自然资源和规划局（协办）")
    _no_serious_violation(page)
    page.goto(SINGLE)
    expect(page.locator("nav.rs-thread")).to_have_count(0)


def test_a_superseded_reply_names_its_correction_at_the_top(page: Page) -> None:
    page.goto(OLD)
    notice = page.locator("p.rs-notice.rs-notice--superseded[role=note]")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("许市监〔2023〕12号")
    link = notice.get_by_role("link")
    assert _target(link.first) == NEW
    _no_serious_violation(page)
    link.first.click()
    page.wait_for_url(f"**/{NEW}")
    expect(page.locator("p.rs-notice--superseded")).to_have_count(0)


# The index's own order for a query, before the search page groups it (a function: the site's policy refuses eval).
RAW_ORDER = """async (query) => {
  const engine = await import("/assets/search-index.js");
  await engine.options({ baseUrl: "/", index: "/search/index/" });
  const answer = await engine.search(query, { filters: {} });
  return Promise.all(answer.results.map(async (result) => (await result.data()).url.replace(/^\\//, "")));
}"""


def _grouped(raw: list[str]) -> list[str]:
    """`raw` with each proposal's replies right after the first of them, in the index's order."""
    grouped: list[str] = []
    for url in raw:
        group = next((members for members in (THREAD, [SAFETY, SAFETY_HELP]) if url in members), [url])
        grouped += [member for member in raw if member in group and member not in grouped]
    return grouped


def test_the_results_keep_a_proposals_replies_together(page: Page) -> None:
    page.goto("")
    raw: list[str] = page.evaluate(RAW_ORDER, "电梯")
    assert set(raw) == {*THREAD, SAFETY, SAFETY_HELP, SINGLE}, raw
    # The fixture is meaningful only if the index alone would list another reply between 022's two.
    assert raw.index(SAFETY) < raw.index(SINGLE) < raw.index(SAFETY_HELP), raw

    assert search(page, "电梯") == "找到包含“电梯”的答复 7 件，按相关程度排列。"
    assert result_urls(page) == _grouped(raw)
    # Every reply of a proposal answered more than once says so and links to the proposal's page.
    lines = page.locator(".rs-finder__results .rs-entry__thread")
    expect(lines).to_have_count(len(THREAD) + 2)
    expect(_entry(page, SINGLE).locator(".rs-entry__thread")).to_have_count(0)
    expect(_entry(page, SAFETY_HELP).locator(".rs-entry__thread")).to_have_text("本提案共 2 件答复（本件为协办）· 查看本提案的全部答复")
    assert _target(_entry(page, LEAD).locator(".rs-entry__thread a")) == PROPOSAL
    expect(page.locator(".rs-entry--sibling")).to_have_count((len(THREAD) - 1) + (2 - 1))  # all but the first of each proposal


def test_a_date_order_is_not_regrouped(page: Page) -> None:
    page.goto("search/?q=%E7%94%B5%E6%A2%AF&%E6%8E%92%E5%BA%8F=%E6%97%A5%E6%9C%9F")  # 电梯, 排序=日期
    assert settle(page) == "找到包含“电梯”的答复 7 件，按印发日期从新到旧排列。"
    dates = page.locator(".rs-finder__results time").evaluate_all("times => times.map(t => t.dateTime)")
    assert dates == sorted(dates, reverse=True)


def test_each_page_of_results_is_grouped_from_its_own_results_and_counted_true(page: Page) -> None:
    def small_pages(route: Route) -> None:
        script = route.fetch().text().replace("const PAGE_SIZE = 10;", "const PAGE_SIZE = 4;")
        route.fulfill(body=script, content_type="text/javascript")

    page.goto("")
    raw: list[str] = page.evaluate(RAW_ORDER, "电梯")
    page.route("**/assets/search.js", small_pages)
    assert search(page, "电梯") == "找到包含“电梯”的答复 7 件，按相关程度排列。"
    assert result_urls(page) == _grouped(raw[:4])  # nothing is pulled in from a later page
    page.get_by_role("button", name="显示更多结果（还有 3 件）").click()
    expect(page.locator(".rs-finder__results .rs-entry")).to_have_count(7)
    expect(page.locator(".rs-finder__more")).to_be_hidden()
    assert result_urls(page) == _grouped(raw[:4]) + _grouped(raw[4:])
    assert _grouped(raw[4:]) != raw[4:], raw  # the second page does regroup: the test shows something
    # Focus moves to the first new result, as it does without threads.
    assert _target(page.locator(":focus")) == _grouped(raw[4:])[0]
