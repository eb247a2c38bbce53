"""The statistics page's numbers and chart geometry, computed without a build, and its escaped HTML."""

from __future__ import annotations

import dataclasses
import datetime
import re

import pytest

from replysite.model.reply import Reply
from replysite.model.settings import Grade, Settings
from replysite.pages import render
from replysite.pages.catalogue import catalogue_of
from replysite.pages.statistics import CHART_WIDTH, MIN_LABELLED, PALETTE, RATING_PALETTE, Statistics, fits, percent
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



def rated(item: Reply, satisfaction: str) -> Reply:
    return dataclasses.replace(item, satisfaction=satisfaction)


RATED = [
    rated(reply("s1", "2020-03-01", "A", "许昌市教育局"), "满意"),
    rated(reply("s2", "2020-04-01", "A", "许昌市教育局"), "满意"),
    rated(reply("s3", "2020-05-01", "B", "许昌市交通运输局"), "基本满意"),
    reply("s4", "2020-06-01", "B", "许昌市交通运输局"),
    rated(reply("s5", "2021-02-01", "C", "许昌市交通运输局"), "不满意"),
    reply("s6", "2021-03-01", "C", "许昌市卫生健康委员会"),
]


def levels(row: object) -> list[tuple[str, int, int]]:
    return [(cell.level, cell.count, cell.percent) for cell in row.cells]  # type: ignore[attr-defined]


def test_satisfaction_shares_are_of_the_rated_replies_by_year_and_agency() -> None:
    sat = stats_of(RATED).satisfaction
    assert [(row.label, row.total, row.rated, row.unrated) for row in sat.years] == [("2021 年", 2, 1, 1), ("2020 年", 4, 3, 1)]
    assert levels(sat.years[1]) == [("满意", 2, 67), ("基本满意", 1, 33), ("不满意", 0, 0)]
    assert levels(sat.years[0]) == [("满意", 0, 0), ("基本满意", 0, 0), ("不满意", 1, 100)]
    by_agency = {row.label: (row.total, row.rated, levels(row)) for row in sat.agencies}
    assert by_agency["许昌市交通运输局"] == (3, 2, [("满意", 0, 0), ("基本满意", 1, 50), ("不满意", 1, 50)])
    assert by_agency["许昌市卫生健康委员会"] == (1, 0, [("满意", 0, 0), ("基本满意", 0, 0), ("不满意", 0, 0)])
    assert (sat.overall.total, sat.overall.rated, sat.overall.unrated) == (6, 4, 2)
    assert levels(sat.overall) == [("满意", 2, 50), ("基本满意", 1, 25), ("不满意", 1, 25)]


def test_satisfaction_shares_round_each_cell_alike_and_sum_to_about_100() -> None:
    thirds = [rated(reply(f"t{level}", "2022-01-01", "A", "许昌市教育局"), level) for level in ("满意", "基本满意", "不满意")]
    sevenths = [rated(reply(f"v{index}", "2023-01-01", "A", "许昌市教育局"), "满意" if index < 3 else "不满意") for index in range(7)]
    sat = stats_of(thirds + sevenths).satisfaction
    assert [cell.percent for cell in sat.years[1].cells] == [33, 33, 33]  # the same share never shows as 33 and 34
    assert [cell.percent for cell in sat.years[0].cells] == [43, 0, 57]
    for row in sat.years + sat.agencies + (sat.overall,):
        assert abs(sum(cell.percent for cell in row.cells) - 100) <= 1


def test_satisfaction_bars_fill_the_width_by_rated_count_and_name_it() -> None:
    chart = stats_of(RATED).satisfaction.charts["years"]
    bar_2020 = chart.bars[1]
    assert bar_2020.label == "2020 年（4 件中已评价 3 件）"
    assert [(segment.x, segment.width, segment.fill) for segment in bar_2020.segments] == [
        (0.0, 66.7, RATING_PALETTE[0]),
        (66.7, 33.3, RATING_PALETTE[1]),
    ]
    assert [segment.text for segment in bar_2020.segments] == ["满意 67%", "基本满意 33%"]
    assert bar_2020.segments[1].title == "2020 年：基本满意 1 件，占已评价的 33%"
    assert chart.bars[0].label == "2021 年（2 件中已评价 1 件）"


def test_an_agency_without_ratings_has_no_bar_but_is_read_out_and_tabled() -> None:
    sat = stats_of(RATED).satisfaction
    chart = sat.charts["agencies"]
    assert [bar.label for bar in chart.bars] == ["许昌市交通运输局（3 件中已评价 2 件）", "许昌市教育局（2 件中已评价 2 件）"]
    assert chart.description == (
        "许昌市交通运输局已评价 2 件：满意 0%，基本满意 50%，不满意 50%，尚未评价 1 件；"
        "许昌市教育局已评价 2 件：满意 100%，基本满意 0%，不满意 0%；许昌市卫生健康委员会 1 件均尚未评价。"
    )
    assert chart.height == 14 + 48 + 6 + 22 + 2


def test_a_number_shows_inside_a_segment_only_where_it_fits_on_a_phone() -> None:
    assert fits("满意 67%", 22)
    assert not fits("基本满意 33%", 25)
    assert fits("基本满意 33%", 33.3)
    assert not fits("不满意 9%", 10)


def test_the_satisfaction_section_shows_tables_charts_and_the_unrated_apart() -> None:
    html = render.render_view(stats_view(RATED), SETTINGS)
    summary = "本站公开的 6 件答复中，已有 4 件收到提案人或代表对办理情况的评价：满意 2 件（50%），基本满意 1 件（25%），不满意 1 件（25%）"
    assert f"{summary}；尚未评价 2 件。" in html
    assert html.count('role="img"') == 5
    assert '<caption id="rs-table-satisfaction-years">各年份提案人满意度件数及占已评价的比例</caption>' in html
    assert '<caption id="rs-table-satisfaction-agencies">' in html
    assert '<th scope="col">已评价</th><th scope="col">尚未评价</th>' in html
    assert '<rect x="66.7%" y="68" width="33.3%" height="22" fill="#b0306b"' in html
    unrated = re.search(r"许昌市卫生健康委员会</a></th>(.*?)</tr>", html.split('id="rs-table-satisfaction-agencies"')[1])
    assert unrated is not None
    assert unrated.group(1) == '<td>0<span class="rs-stats__share">—</span></td>' * 3 + "<td>0</td><td>1</td>"


def test_a_site_without_ratings_says_so_in_one_line_and_draws_no_chart() -> None:
    stats = stats_of(REPLIES)
    assert stats.satisfaction.rated == 0
    html = render.render_view(stats_view(REPLIES), SETTINGS)
    assert "<h2>提案人满意度</h2>\n<p>本站公开的答复尚未收到提案人或代表的满意度评价（满意、基本满意、不满意），暂无统计。</p>" in html
    assert "rs-chart-satisfaction" not in html and "rs-table-satisfaction" not in html
    assert html.count('role="img"') == 3


def linear(colour: str) -> tuple[float, ...]:
    """The linear-light red, green and blue of an sRGB colour `#rrggbb`."""
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def luminance(colour: str) -> float:
    r, g, b = linear(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour, to tell whether two fills look alike."""
    r, g, b = linear(colour)
    xyz = ((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b,
           (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883)  # fmt: skip
    x, y, z = (t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz)
    return 116 * y - 16, 500 * (x - y), 200 * (y - z)


def distance(one: str, other: str) -> float:
    return float(sum((a - b) ** 2 for a, b in zip(lab(one), lab(other), strict=True)) ** 0.5)


@pytest.mark.parametrize("colour", PALETTE + RATING_PALETTE)
def test_every_fill_keeps_white_text_and_the_white_page_readable(colour: str) -> None:
    ratio = 1.05 / (luminance(colour) + 0.05)  # white on the fill, and the fill on the white page
    assert ratio >= 4.5


def test_satisfaction_fills_are_apart_from_the_grade_fills_and_from_each_other() -> None:
    assert min(distance(one, grade) for one in RATING_PALETTE for grade in PALETTE) >= 20
    assert min(distance(one, grade) for one in RATING_PALETTE for grade in PALETTE[:3]) >= 35
    assert min(distance(a, b) for index, a in enumerate(RATING_PALETTE) for b in RATING_PALETTE[index + 1 :]) >= 35
