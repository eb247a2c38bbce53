"""A reply's letter drawn on the proposal page: rendered as MkDocs renders it on the reply's own page,
sanitised alike, with ids of its own and links from the proposal page."""

from __future__ import annotations

import datetime

import yaml
from bs4 import BeautifulSoup

from replysite.model.reply import Reply
from replysite.pages import letters
from replysite.pages.render import relative_url
from tests.sitebuild import ROOT

HERE = "proposals/x/ti-an-001/"
BODY = """# 标题

正文[^1]，见[另一件答复](../2019/jiaoyu-2019-12.md)和[本件注释](#fn:1)，[外站](https://www.gov.cn/)。

<script>alert(1)</script>

```
代码
```

[^1]: 注释。
"""


def reply(body: str = BODY) -> Reply:
    return Reply(path="replies/2018/a.md", title="题", doc_number="许教〔2018〕1号", agency="局", result="A", kind="提案",
                 meeting="市政协七届二次会议", number="001", proposers=("甲",), date=datetime.date(2018, 1, 2), body=body)


def drawn(number: int = 2) -> BeautifulSoup:
    return BeautifulSoup(letters.letter_html(reply(), number, lambda target: relative_url(target, HERE)), "html.parser")


def test_the_letter_has_ids_of_its_own_and_its_anchors_lead_to_them() -> None:
    page = drawn(2)
    ids = {str(tag["id"]) for tag in page.select("[id]")}
    assert ids and all(value.startswith("letter-2-") for value in ids), ids
    anchors = {str(link["href"])[1:] for link in page.select('a[href^="#"]')}
    assert anchors and anchors <= ids
    assert page.select("h1") == [] and page.select_one("h2") is not None and page.select("script") == []
    assert page.select_one("pre code") is not None  # fenced code, as on the reply page (MkDocs always adds it)


def test_links_to_other_replies_lead_there_from_the_proposal_page() -> None:
    hrefs = [str(link["href"]) for link in drawn().select("a[href]") if not str(link["href"]).startswith("#")]
    assert hrefs == ["../../../replies/2019/jiaoyu-2019-12/", "https://www.gov.cn/"]
    assert letters.site_path("b.md", "replies/2018") == "replies/2018/b/"
    assert letters.site_path("a.pdf", "replies/2018") == "replies/2018/a.pdf"


def test_the_letter_is_rendered_with_the_sites_extension_settings() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    settings = {name: values for item in config["markdown_extensions"] if isinstance(item, dict) for name, values in item.items()}
    def text(values: dict[str, object]) -> dict[str, str]:
        return {key: str(value).lower() for key, value in values.items()}

    for name, values in letters.CONFIGS.items():
        assert text(values) == text(settings[name])
    backlink = drawn().select_one("a.footnote-backref")
    assert backlink is not None and backlink.get("title") == "返回正文第 1 处"
