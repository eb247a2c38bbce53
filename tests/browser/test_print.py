"""Printing a reply: the letter and its metadata, without the site's navigation or search."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

HIDDEN_IN_PRINT = (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".rs-header-search")


def test_print_shows_the_letter_and_its_metadata_only(page: Page, artifacts: Path) -> None:
    page.goto("replies/2021/jiaotong-2021-15/")
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("h1")).to_have_text("对市十届人大一次会议第31号建议的答复")
    expect(page.locator(".rs-meta")).to_be_visible()
    expect(page.locator(".rs-meta")).to_contain_text("许交〔2021〕15号")
    expect(page.locator(".rs-meta")).to_contain_text("0374-2961234")
    expect(page.locator(".rs-reply__body")).to_contain_text("感谢你们对交通运输工作的关心和支持。")
    page.pdf(path=str(artifacts / "reply-print.pdf"), format="A4")
    assert (artifacts / "reply-print.pdf").stat().st_size > 10_000
