"""The statistics page's numbers and chart geometry, computed without a build, and its escaped HTML."""

from __future__ import annotations

import datetime

import pytest

from replysite.model.reply import Reply
from replysite.model.settings import Grade, Settings
from replysite.pages import render
from replysite.pages.catalogue import catalogue_of
from replysite.pages.statistics import CHART_WIDTH, MIN_LABELLED, Statistics, percent
from replysite.pages.views import View, build_views

SETTINGS = Settings()


def reply(slug: str, day: str, result: str, agency: str) -> Reply:
    """A reply with just what the statistics read: its date, grade and agency."""
    date = datetime.date.fromisoformat(day)
    return Reply(
        path=f"replies/{date.year}/{slug}.md", title=f"标题{slug}", doc_number=f"许教〔{date.year}〕{slug}号", agency=agency,
        result=result, kind="提案", meeting="市政协七届二次会议", number="1", proposers=("张建国",), date=date, body="正文。",
    )  # fmt: skip


REPLIES = [
    reply("a1", "2020-03-01", "A", "许昌市教育局"),
    reply("a2", "2020-05-01", "A", "许昌市教育局"),
    reply("b1", "2020-07-01", "B", "许昌市交通运输局"),
    reply("c1", "2021-02-01", "C", "许昌市交通运输局"),
]


def stats_view(replies: list[Reply], settings: Settings = SETTINGS) -> View:
    views = [view for view in build_views(catalogue_of(replies, settings), settings) if view.url == "statistics/"]
    assert len(views) == 1
    return views[0]


def stats_of(replies: list[Reply], settings: Settings = SETTINGS) -> Statistics:
    found = stats_view(replies, settings).context["stats"]
    assert isinstance(found, Statistics)
    return found


@pytest.mark.parametrize(("part", "whole", "expected"), [(1, 3, 33), (2, 3, 67), (1, 8, 13), (3, 8, 38), (0, 5, 0), (0, 0, 0)])
def test_percent_rounds_half_up(part: int, whole: int, expected: int) -> None:
    assert percent(part, whole) == expected


def test_counts_by_year_and_agency_split_by_grade() -> None:
    stats = stats_of(REPLIES)
    assert stats.total == 4
    assert [(row.label, row.url, row.total) for row in stats.years] == [("2021 年", "years/2021/", 1), ("2020 年", "years/2020/", 3)]
    year_2020 = stats.years[1]
    assert [(cell.grade.code, cell.count, cell.percent) for cell in year_2020.cells] == [("A", 2, 67), ("B", 1, 33), ("C", 0, 0)]
    assert [row.label for row in stats.agencies] == ["许昌市交通运输局", "许昌市教育局"]  # by pinyin
    assert [cell.count for cell in stats.overall.cells] == [2, 1, 1]


def test_share_bars_fill_the_width_and_count_bars_scale_to_the_longest() -> None:
    stats = stats_of(REPLIES)
    for bar in stats.charts["year_shares"].bars + stats.charts["agency_shares"].bars:
        ends = [segment.x + segment.width for segment in bar.segments]
        starts = [segment.x for segment in bar.segments]
        assert starts[0] == 0
        assert starts[1:] == pytest.approx(ends[:-1], abs=0.11)
        assert ends[-1] == pytest.approx(CHART_WIDTH, abs=0.11)
    counts = stats.charts["years"].bars
    assert sum(segment.width for segment in counts[1].segments) == pytest.approx(CHART_WIDTH, abs=0.2)
    assert sum(segment.width for segment in counts[0].segments) == pytest.approx(CHART_WIDTH / 3, abs=0.2)


def test_charts_carry_a_text_alternative_reading_every_bar() -> None:
    chart = stats_of(REPLIES).charts["year_shares"]
    assert chart.description == "2021 年共 1 件：A 类 0%，B 类 0%，C 类 100%；2020 年共 3 件：A 类 67%，B 类 33%，C 类 0%。"
    segment = chart.bars[1].segments[0]
    assert (segment.text, segment.title) == ("A 67%", "2020 年：A 类 2 件，占 67%")


def test_a_segment_too_narrow_for_its_number_shows_none() -> None:
    many = [reply(f"x{index}", "2022-01-01", "A", "许昌市教育局") for index in range(30)] + [reply("y", "2022-01-02", "C", "许昌市教育局")]
    narrow = stats_of(many).charts["year_shares"].bars[0].segments[-1]
    assert narrow.width < MIN_LABELLED
    assert narrow.text == ""


def test_the_site_s_own_grades_are_used() -> None:
    grades = (Grade("甲", "已解决", "已解决"), Grade("乙", "正在解决", "正在解决"), Grade("丙", "留作参考", "留作参考"))
    settings = Settings(grades=grades)
    stats = stats_of([reply("j", "2020-01-01", "甲", "许昌市教育局")], settings)
    assert [grade.code for grade, _ in stats.legend] == ["甲", "乙", "丙"]
    assert stats.charts["years"].bars[0].segments[0].text == "甲 1"


def test_no_replies_gives_a_page_without_charts() -> None:
    view = stats_view([])
    html = render.render_view(view, SETTINGS)
    assert "暂无已公开的答复" in html
    assert "<svg" not in html


def test_the_page_escapes_every_name_and_labels_its_charts() -> None:
    hostile = [reply("h", "2020-01-01", "B", '<script>alert("x")</script>局')]
    html = render.render_view(stats_view(hostile), SETTINGS)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert html.count('role="img"') == 3
    assert 'aria-labelledby="rs-chart-years-title" aria-describedby="rs-chart-years-desc"' in html
    assert '<caption id="rs-table-years">' in html

