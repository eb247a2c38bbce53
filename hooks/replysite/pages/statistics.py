"""The statistics page: replies counted by year and by agency, split by grade and by the proposer's
satisfaction, as tables and bar charts.

Charts are laid out here as plain numbers (rows, segments, coordinates) and drawn as inline SVG by
`templates/stats.html`, so the page needs no chart library and works without JavaScript. Bars are
measured in percent of the chart's width and text in pixels, so a chart fills a phone or a desktop
column and its labels keep their size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from replysite.model.fields import SATISFACTIONS
from replysite.model.reply import Reply
from replysite.model.settings import Grade, Settings

# Fills for the grades in settings order; the first three match `.rs-grade--a/b/c` in replies.css.
# Each keeps at least 4.5:1 against white text and 3:1 against the white page.
PALETTE = ("#1b6e3a", "#1f5fa8", "#8a5300", "#6a3d9a", "#5c6370", "#005f73")
CHART_WIDTH = 100  # percent: a bar's full length
ROW_HEIGHT = 48  # a label line above a bar, then a gap
BAR_HEIGHT = 22
FIRST_BASELINE = 14  # of the first bar's label
BAR_OFFSET = 6  # from a label's baseline to the top of its bar
MIN_LABELLED = 14  # percent: a segment narrower than this shows no number inside it
# Fills for 满意, 基本满意, 不满意: violet to rose to red, an order a reader can follow, apart from every
# grade fill above (CIELAB ΔE ≥ 20, ≥ 35 from the three usual grades); each keeps 4.5:1 against white.
RATING_PALETTE = ("#6246c8", "#b0306b", "#c4342c")
NARROWEST = 320  # pixels: the narrowest chart, on a phone, that a number inside a segment must fit


class Grouped(Protocol):
    """A set of replies under one label with its index page, as `views.Group` provides."""

    @property
    def label(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def replies(self) -> list[Reply]: ...


@dataclass(frozen=True)
class Cell:
    """How many replies of one row have one grade, and their share of the row in percent."""

    grade: Grade
    count: int
    percent: int


@dataclass(frozen=True)
class Row:
    """One line of a statistics table: a year or an agency, its page, total and cells per grade."""

    label: str
    url: str
    total: int
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Segment:
    """One coloured part of a bar, in SVG user units."""

    x: float
    width: float
    fill: str
    text: str  # drawn inside the segment when it is wide enough, else ""
    title: str  # the segment's tooltip


@dataclass(frozen=True)
class Bar:
    """One bar of a chart with its label above it; `y` is the baseline of the label."""

    label: str
    y: int
    segments: tuple[Segment, ...]

    @property
    def top(self) -> int:
        return self.y + BAR_OFFSET

    @property
    def height(self) -> int:
        return BAR_HEIGHT

    @property
    def text_y(self) -> float:
        """Baseline of the numbers drawn inside the bar."""
        return self.top + BAR_HEIGHT * 0.72


@dataclass(frozen=True)
class Chart:
    """A horizontal bar chart: its id, title, text alternative, size and bars."""

    id: str
    title: str
    description: str
    height: int  # pixels
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Rating:
    """How many replies of one row were rated at one level, and their share of the rated ones in percent."""

    level: str
    count: int
    percent: int


@dataclass(frozen=True)
class RatingRow:
    """One line of the satisfaction table: a year or an agency, its replies, the rated ones by level."""

    label: str
    url: str
    total: int
    rated: int
    cells: tuple[Rating, ...]

    @property
    def unrated(self) -> int:
        return self.total - self.rated


@dataclass(frozen=True)
class Satisfaction:
    """The satisfaction part of the page; `rated` is 0 on a site where no reply has been rated."""

    legend: tuple[tuple[str, str], ...]
    overall: RatingRow
    years: tuple[RatingRow, ...]
    agencies: tuple[RatingRow, ...]
    charts: dict[str, Chart]

    @property
    def rated(self) -> int:
        return self.overall.rated


@dataclass(frozen=True)
class Withheld:
    """How many replies of one year were not published (不予公开) for one reason."""

    year: int
    reason: str
    count: int


def withheld_rows(withheld: Sequence[Reply]) -> tuple[Withheld, ...]:
    """The withheld replies counted by year (newest first) and reason; never named."""
    counts = Counter((reply.year, reply.disclosure_reason) for reply in withheld)
    ordered = sorted(counts.items(), key=lambda item: (-item[0][0], item[0][1]))
    return tuple(Withheld(year, reason, count) for (year, reason), count in ordered)


@dataclass(frozen=True)
class Statistics:
    """Everything the statistics page shows."""

    total: int
    grades: tuple[Grade, ...]
    legend: tuple[tuple[Grade, str], ...]
    overall: Row
    years: tuple[Row, ...]
    agencies: tuple[Row, ...]
    charts: dict[str, Chart]
    satisfaction: Satisfaction
    withheld: tuple[Withheld, ...] = ()

    @property
    def swatches(self) -> tuple[tuple[str, str], ...]:
        """The grade legend as (text, colour) pairs."""
        return tuple((f"{grade.code} 类：{grade.label}", colour) for grade, colour in self.legend)


def percent(part: int, whole: int) -> int:
    """`part` as a whole percentage of `whole`, rounded half up; 0 when there is nothing."""
    return (200 * part + whole) // (2 * whole) if whole else 0


def row(label: str, url: str, replies: Sequence[Reply], settings: Settings) -> Row:
    """Count `replies` by grade for one table row."""
    counts = Counter(reply.result for reply in replies)
    total = len(replies)
    cells = tuple(Cell(grade, counts[grade.code], percent(counts[grade.code], total)) for grade in settings.grades)
    return Row(label, url, total, cells)


def fill(settings: Settings, grade: Grade) -> str:
    """The chart colour of a grade, by its place in the site's grade list."""
    return PALETTE[settings.grades.index(grade) % len(PALETTE)]


def count_chart(chart_id: str, title: str, rows: Sequence[Row], settings: Settings) -> Chart:
    """Bars as long as each row's total, split by grade: how many replies, and of which grades."""
    longest = max((item.total for item in rows), default=0) or 1
    bars = tuple(_bar(item, index, CHART_WIDTH * item.total / longest, settings, shares=False) for index, item in enumerate(rows))
    return _chart(chart_id, title, rows, bars, shares=False)


def share_chart(chart_id: str, title: str, rows: Sequence[Row], settings: Settings) -> Chart:
    """Bars of equal length split by grade: what share of each row's replies had each grade."""
    bars = tuple(_bar(item, index, CHART_WIDTH, settings, shares=True) for index, item in enumerate(rows))
    return _chart(chart_id, title, rows, bars, shares=True)


def _bar(item: Row, index: int, length: float, settings: Settings, shares: bool) -> Bar:
    segments = []
    for cell, (start, width) in zip(item.cells, spans([cell.count for cell in item.cells], length, item.total), strict=True):
        if not cell.count:
            continue
        shown = f"{cell.percent}%" if shares else str(cell.count)
        text = f"{cell.grade.code} {shown}" if width >= MIN_LABELLED else ""
        title = f"{item.label}：{cell.grade.code} 类 {cell.count} 件，占 {cell.percent}%"
        segments.append(Segment(round(start, 1), round(width, 1), fill(settings, cell.grade), text, title))
    label = f"{item.label}（{item.total} 件）"
    return Bar(label, FIRST_BASELINE + index * ROW_HEIGHT, tuple(segments))


def spans(counts: Sequence[int], length: float, whole: int) -> list[tuple[float, float]]:
    """Where each count's part of a bar `length` long starts and how wide it is, `whole` filling the bar."""
    found = []
    done = 0
    for count in counts:
        start = length * done / whole
        done += count
        found.append((start, length * done / whole - start))
    return found


def chart_height(bars: Sequence[Bar]) -> int:
    """Pixels from the first label's top to the last bar's bottom."""
    return FIRST_BASELINE + (max(1, len(bars)) - 1) * ROW_HEIGHT + BAR_OFFSET + BAR_HEIGHT + 2


def _chart(chart_id: str, title: str, rows: Sequence[Row], bars: tuple[Bar, ...], shares: bool) -> Chart:
    return Chart(chart_id, title, describe(rows, shares), chart_height(bars), bars)


def describe(rows: Sequence[Row], shares: bool) -> str:
    """The chart's text alternative: every bar read out, e.g. `2020 年 2 件：A 类 1 件（50%）…`."""
    parts = []
    for item in rows:
        cells = "，".join(
            f"{cell.grade.code} 类 {cell.percent}%" if shares else f"{cell.grade.code} 类 {cell.count} 件" for cell in item.cells
        )
        parts.append(f"{item.label}共 {item.total} 件：{cells}")
    return "；".join(parts) + "。" if parts else "暂无数据。"


def compute(replies: Sequence[Reply], years: Sequence[Grouped], agencies: Sequence[Grouped], settings: Settings,
            withheld: Sequence[Reply] = ()) -> Statistics:
    """The statistics page's data from the published replies and the year and agency groups of the index
    pages, with the withheld replies counted apart."""
    year_rows = tuple(row(item.label, item.url, item.replies, settings) for item in years)
    agency_rows = tuple(row(item.label, item.url, item.replies, settings) for item in agencies)
    charts = {
        "years": count_chart("rs-chart-years", "各年份答复件数（按办理结果分色）", year_rows, settings),
        "year_shares": share_chart("rs-chart-year-shares", "各年份办理结果构成", year_rows, settings),
        "agency_shares": share_chart("rs-chart-agency-shares", "各答复单位办理结果构成", agency_rows, settings),
    }
    legend = tuple((grade, fill(settings, grade)) for grade in settings.grades)
    return Statistics(
        total=len(replies),
        grades=settings.grades,
        legend=legend,
        overall=row("合计", "", replies, settings),
        years=year_rows,
        agencies=agency_rows,
        charts=charts,
        satisfaction=satisfaction(replies, years, agencies),
        withheld=withheld_rows(withheld),
    )


def satisfaction(replies: Sequence[Reply], years: Sequence[Grouped], agencies: Sequence[Grouped]) -> Satisfaction:
    """The replies counted by the proposer's rating, by year and by agency; shares are of the rated ones."""
    year_rows = tuple(rating_row(item.label, item.url, item.replies) for item in years)
    agency_rows = tuple(rating_row(item.label, item.url, item.replies) for item in agencies)
    charts = {
        "years": rating_chart("rs-chart-satisfaction-years", "各年份已评价答复的满意度构成", year_rows),
        "agencies": rating_chart("rs-chart-satisfaction-agencies", "各答复单位已评价答复的满意度构成", agency_rows),
    }
    legend = tuple(zip(SATISFACTIONS, RATING_PALETTE, strict=True))
    return Satisfaction(legend, rating_row("合计", "", replies), year_rows, agency_rows, charts)


def rating_row(label: str, url: str, replies: Sequence[Reply]) -> RatingRow:
    """Count `replies` by satisfaction for one table row; the unrated ones count only in `total`."""
    counts = Counter(reply.satisfaction for reply in replies if reply.satisfaction)
    rated = sum(counts.values())
    cells = tuple(Rating(level, counts[level], percent(counts[level], rated)) for level in SATISFACTIONS)
    return RatingRow(label, url, len(replies), rated, cells)


def rating_chart(chart_id: str, title: str, rows: Sequence[RatingRow]) -> Chart:
    """Bars of equal length split by satisfaction, one for each row that has a rated reply."""
    shown = [item for item in rows if item.rated]
    bars = tuple(_rating_bar(item, index) for index, item in enumerate(shown))
    return Chart(chart_id, title, describe_ratings(rows), chart_height(bars), bars)


def _rating_bar(item: RatingRow, index: int) -> Bar:
    segments = []
    places = spans([cell.count for cell in item.cells], CHART_WIDTH, item.rated)
    for cell, colour, (start, width) in zip(item.cells, RATING_PALETTE, places, strict=True):
        if not cell.count:
            continue
        text = f"{cell.level} {cell.percent}%"
        title = f"{item.label}：{cell.level} {cell.count} 件，占已评价的 {cell.percent}%"
        segments.append(Segment(round(start, 1), round(width, 1), colour, text if fits(text, width) else "", title))
    label = f"{item.label}（{item.total} 件中已评价 {item.rated} 件）"
    return Bar(label, FIRST_BASELINE + index * ROW_HEIGHT, tuple(segments))


def fits(text: str, width: float) -> bool:
    """Whether `text`, drawn at 13 px after a 4 px indent, fits a segment `width` percent wide on a phone."""
    pixels = 8 + sum(13 if ord(char) > 0x2E80 else 11 if char == "%" else 7.5 for char in text)
    return width * NARROWEST / CHART_WIDTH >= pixels


def describe_ratings(rows: Sequence[RatingRow]) -> str:
    """The text alternative: every row read out, the unrated ones included."""
    parts = []
    for item in rows:
        if not item.rated:
            parts.append(f"{item.label} {item.total} 件均尚未评价")
            continue
        cells = "，".join(f"{cell.level} {cell.percent}%" for cell in item.cells)
        unrated = f"，尚未评价 {item.unrated} 件" if item.unrated else ""
        parts.append(f"{item.label}已评价 {item.rated} 件：{cells}{unrated}")
    return "；".join(parts) + "。" if parts else "暂无数据。"
