"""The statistics page in the browser: accessible tables, and SVG charts drawn at build time with text alternatives."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def test_tables_count_by_year_and_agency(page: Page) -> None:
    page.goto("statistics/")
    years = page.get_by_role("table", name="各年份办理结果件数及占比")
    expect(years.get_by_role("columnheader")).to_have_text(["年份", "A 类", "B 类", "C 类", "合计"])
    row_2020 = years.get_by_role("row").filter(has=page.get_by_role("rowheader", name="2020 年"))
    expect(row_2020.get_by_role("cell")).to_have_text(["150%", "00%", "150%", "2"])
    total = years.get_by_role("row").filter(has=page.get_by_role("rowheader", name="合计"))
    expect(total.get_by_role("cell")).to_have_text(["229%", "343%", "229%", "7"])
    agencies = page.get_by_role("table", name="各答复单位办理结果件数及占比")
    expect(agencies.get_by_role("rowheader")).to_have_count(5)


def test_charts_are_inline_svg_with_text_alternatives(page: Page) -> None:
    page.goto("statistics/")
    charts = page.locator("svg[role=img]")
    expect(charts).to_have_count(3)
    chart = page.get_by_role("img", name="各年份办理结果构成")
    expect(chart).to_have_accessible_description(
        "2022 年共 1 件：A 类 0%，B 类 0%，C 类 100%；2021 年共 2 件：A 类 50%，B 类 50%，C 类 0%；"
        "2020 年共 2 件：A 类 50%，B 类 0%，C 类 50%；2019 年共 1 件：A 类 0%，B 类 100%，C 类 0%；"
        "2018 年共 1 件：A 类 0%，B 类 100%，C 类 0%。"
    )
    by_agency = page.get_by_role("img", name="各答复单位办理结果构成")
    expect(by_agency).to_have_accessible_description(re.compile("许昌市交通运输局共 2 件：A 类 100%，B 类 0%，C 类 0%"))


def test_a_table_row_links_to_its_index_page(page: Page) -> None:
    page.goto("statistics/")
    page.get_by_role("table", name="各答复单位办理结果件数及占比").get_by_role("link", name="许昌市卫生健康委员会").click()
    expect(page.locator("h1")).to_have_text("许昌市卫生健康委员会的答复")


def test_a_site_without_ratings_says_so_and_draws_no_satisfaction_chart(page: Page) -> None:
    page.goto("statistics/")
    heading = page.get_by_role("heading", name="提案人满意度")
    expect(heading).to_be_visible()
    expect(heading.locator("xpath=following-sibling::*[1]")).to_have_text(
        "本站公开的答复尚未收到提案人或代表的满意度评价（满意、基本满意、不满意），暂无统计。"
    )
    expect(page.get_by_role("table", name=re.compile("满意度"))).to_have_count(0)
