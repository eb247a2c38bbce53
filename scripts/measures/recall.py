"""`python -m scripts.measures recall`: how much of what a reader types the site's search finds.

Builds a site from the real letters in `../shared/letters/` (and the seed letter) plus synthetic
replies for volume, draws Chinese queries of 2–6 characters from the letters with a fixed seed, and
counts as relevant every reply whose page text contains the query after NFKC and
traditional→simplified folding. The site's own search then runs in headless Chromium. Printed:
recall over all relevant replies, the queries that found every relevant reply, and for each
proposer's name whether the replies holding it come first.
"""

from __future__ import annotations

import datetime
import html
import json
import random
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import click

from replysite.importing.writer import Draft, reply_file
from replysite.model.reply import Contact
from scripts import ROOT
from scripts.measures import bench, readers, synthetic
from scripts.measures.sandbox import full_config, serve

SHARED = ROOT.parent / "shared"  # ../shared/letters/*.txt (+ .json) and ../shared/seed-letter.txt
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
DOC_NUMBER = re.compile(r"^[^〔〕\s]+〔\d{4}〕\d+号$")
NUMBERS = re.compile(r"\d[\d\s-]{9,}\d")  # phones and ID numbers: the privacy check refuses personal ones


# ---- the site: real letters as reply files, plus synthetic ones ----

def _text(value: object, fallback: str) -> str:
    return str(value).strip() if value else fallback


def letter_draft(meta: dict[str, Any], serial: int) -> Draft:
    """The reply fields of one real letter, from its ground truth; placeholders where it says nothing."""
    date = meta.get("date") or f"{2015 + serial % 8}-06-{serial % 28 + 1:02d}"
    year = date[:4]
    doc_number = meta.get("doc_number") or ""
    if not DOC_NUMBER.match(doc_number):
        doc_number = f"实测〔{year}〕{serial}号"
    number = _text(meta.get("proposal_number"), "")
    result = str(meta["result"]) if meta.get("result") in ("A", "B", "C") else "B"
    kind = str(meta["kind"]) if meta.get("kind") in ("提案", "建议") else "建议"
    return Draft(
        title=_text(meta.get("title"), f"实测来函第{serial}件"), doc_number=doc_number,
        agency=_text(meta.get("agency"), "未注明单位"), signer=_text(meta.get("signer"), ""), result=result,
        kind=kind,
        meeting=_text(meta.get("meeting"), "未注明会议"), number=number if re.fullmatch(r"[0-9A-Za-z-]+", number) else str(serial),
        proposers=tuple(meta.get("proposers") or ()) or ("未署名",), date=date,
        contact=Contact("", _text(meta.get("contact_person"), ""), ""),
    )


def letter_body(text: str) -> str:
    """The letter's text as a body: personal numbers masked, lines kept as paragraphs."""
    text = NUMBERS.sub("（号码略）", text.replace("\r", ""))
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    return "\n\n".join(html.escape(line, quote=False).replace("*", "＊").replace("#", "＃") for line in paragraphs) + "\n"


def real_letters(shared: Path = SHARED) -> list[tuple[Draft, str]]:
    """Every real letter and the seed letter, as the fields and body of a reply file."""
    letters = []
    for serial, path in enumerate(sorted((shared / "letters").glob("*.txt")), start=1):
        meta_path = path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        letters.append((letter_draft(meta, serial), letter_body(path.read_text(encoding="utf-8"))))
    if (shared / "seed-letter.txt").exists():
        seed = {"title": "继续深化集团化办学，快速放大优质教育资源总量", "doc_number": "许教〔2018〕76号", "agency": "许昌市教育局",
                "result": "B", "kind": "提案", "meeting": "市政协七届二次会议", "proposal_number": "004",
                "proposers": ["民盟许昌市委"], "date": "2018-12-24", "signer": "杨钧安"}
        letters.append((letter_draft(seed, len(letters) + 1), letter_body((shared / "seed-letter.txt").read_text(encoding="utf-8"))))
    return letters


def write_replies(folder: Path, count: int, shared: Path) -> None:
    """The real letters as `real-NNN.md`, then `count` synthetic replies."""
    for serial, (draft, body) in enumerate(real_letters(shared), start=1):
        datetime.date.fromisoformat(draft.date)
        path = folder / draft.date[:4] / f"real-{serial:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(reply_file(draft, body), encoding="utf-8")
    if count:
        synthetic.write(folder, synthetic.Plan(count))


# ---- what each reply's page shows, folded ----

class _ShownText(HTMLParser):
    """The text of a reply's article as a reader sees it: hidden elements and the panel's labels left
    out, elements kept apart."""

    VOID: ClassVar = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr"})
    LABELS: ClassVar = frozenset({"dt", "h2"})  # 文号, 答复单位, …: the panel's labels, not what a reply says

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.hidden_depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if tag == "article":
            self.inside += 1
        if self.hidden_depth or tag in self.LABELS or any(name == "hidden" for name, _ in attrs):
            self.hidden_depth += 1
        self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self.hidden_depth:
            self.hidden_depth -= 1
        if tag == "article":
            self.inside -= 1
        self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.inside and not self.hidden_depth:
            self.parts.append(data)


def folder_of_text() -> Callable[[str], str]:
    """NFKC, then traditional → simplified (OpenCC), so 黃小玲 and 黄小玲 are one string."""
    from opencc import OpenCC  # type: ignore[import-untyped]

    converter = OpenCC("t2s")
    return lambda text: converter.convert(unicodedata.normalize("NFKC", text))


def shown_text(page: str) -> str:
    parser = _ShownText()
    parser.feed(page)
    return "".join(parser.parts)


def site_texts(site: Path, fold: Callable[[str], str]) -> dict[str, str]:
    """Each reply's URL path (/replies/2018/x/) and its folded page text."""
    texts = {}
    for page in sorted((site / "replies").glob("*/*/index.html")):
        url = "/" + page.parent.relative_to(site).as_posix() + "/"
        texts[url] = fold(shown_text(page.read_text(encoding="utf-8")))
    return texts


# ---- queries ----

@dataclass(frozen=True)
class Query:
    """A typed string and the replies that contain it."""

    text: str
    relevant: frozenset[str]


def draw_queries(letters: Iterable[str], count: int, seed: int) -> list[str]:
    """`count` distinct Chinese strings of 2–6 characters, cut at random from the letters' runs of Chinese."""
    runs = [run for text in letters for run in CHINESE.findall(text) if len(run) >= 2]
    rng, queries = random.Random(seed), dict[str, None]()
    while len(queries) < count and runs:
        run = rng.choice(runs)
        length = rng.randint(2, min(6, len(run)))
        start = rng.randrange(len(run) - length + 1)
        queries.setdefault(run[start:start + length])
    return list(queries)


def relevant(query: str, texts: dict[str, str], fold: Callable[[str], str]) -> Query:
    folded = fold(query)
    return Query(query, frozenset(url for url, text in texts.items() if folded in text))


# ---- the site's search, in Chromium ----

# The search page's own index and query terms (assets/search-index.js, search-terms.js), asked the way
# search.js asks them: every result's URL, the replies holding the whole query first, each whole
# candidate confirmed against its record (search.js confirms those it shows).
SEARCH = """async (query) => {
  const root = document.getElementById("rs-finder");
  const site = new URL(root.dataset.site, window.location.href);
  if (!window.__recall) {
    const engine = await import(new URL("assets/search-index.js", site).href);
    await engine.options({ baseUrl: site.pathname, index: new URL(root.dataset.index, window.location.href).href });
    const terms = await import(new URL("assets/search-terms.js", site).href);
    await terms.loadFolding(root.dataset.folding);
    window.__recall = { engine, terms };
  }
  const { engine, terms } = window.__recall;
  const answer = await terms.find(engine, query, {});
  const found = { results: [...answer.exact, ...answer.partial], whole: answer.exact.length, checked: 0, moved: 0 };
  await terms.confirm(found, query, found.results.length);
  const records = await Promise.all(found.results.map((result) => result.data()));
  return { urls: records.map((record) => record.url), exact: found.whole };
}"""


def search_all(site: Path, queries: list[str], exact_counts: dict[str, int]) -> dict[str, list[str]]:
    """Every query's results (URL paths, best first), from the built site's search in headless Chromium;
    how many of them the search called whole matches goes into `exact_counts`."""
    from playwright.sync_api import sync_playwright

    answers = {}
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=readers.CHROMIUM, args=readers.CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base + "search/", wait_until="networkidle")
        for query in queries:
            answer = page.evaluate(SEARCH, query)
            answers[query] = [url.split("#")[0] for url in answer["urls"]]
            exact_counts[query] = answer["exact"]
        browser.close()
    return answers


# ---- figures ----

@dataclass(frozen=True)
class Recall:
    """Recall over a set of queries."""

    found: int
    relevant: int
    complete: int
    queries: int
    misses: list[tuple[str, int, int]]  # query, found, relevant

    def line(self, what: str) -> str:
        share = self.found / self.relevant if self.relevant else 1.0
        return (f"{what}: recall {share:.1%} ({self.found} of {self.relevant} relevant replies); "
                f"complete queries {self.complete} of {self.queries} ({self.complete / max(self.queries, 1):.1%})")


def score(queries: list[Query], answers: dict[str, list[str]]) -> Recall:
    found = relevant_total = complete = 0
    misses = []
    for query in queries:
        hits = len(query.relevant & set(answers[query.text]))
        found, relevant_total = found + hits, relevant_total + len(query.relevant)
        if hits == len(query.relevant):
            complete += 1
        else:
            misses.append((query.text, hits, len(query.relevant)))
    return Recall(found, relevant_total, complete, len(queries), sorted(misses, key=lambda miss: miss[1] - miss[2]))


def exact_first(query: Query, answer: list[str]) -> bool:
    """Whether the replies containing the whole query are the first results, all of them."""
    return set(answer[:len(query.relevant)]) == query.relevant


def proposer_names(site_replies: Path) -> list[str]:
    names: set[str] = set()
    for path in site_replies.rglob("*.md"):
        match = re.search(r"^proposers: \[(.*)\]$", path.read_text(encoding="utf-8"), re.MULTILINE)
        if match:
            names.update(name.strip().strip('"') for name in match.group(1).split(","))
    return sorted(names - {"未署名", ""})


def honest(queries: list[Query], answers: dict[str, list[str]], exact_counts: dict[str, int]) -> int:
    """How many queries' whole matches, as the search counts and lists them, are exactly the relevant replies."""
    return sum(set(answers[query.text][:exact_counts[query.text]]) == query.relevant for query in queries)


def report(queries: list[Query], names: list[Query], answers: dict[str, list[str]], exact_counts: dict[str, int]) -> None:
    drawn = score(queries, answers)
    click.echo(drawn.line(f"{len(queries)} drawn queries"))
    for text, hits, count in drawn.misses[:15]:
        click.echo(f"  missed: {text} found {hits} of {count}")
    click.echo(score(names, answers).line(f"{len(names)} proposers' names"))
    ranked = [name for name in names if exact_first(name, answers[name.text])]
    click.echo(f"names ranked exact-first: {len(ranked)} of {len(names)}")
    if exact_counts:
        everything = queries + names
        right = honest(everything, answers, exact_counts)
        click.echo(f"honest counts (whole matches counted = relevant replies): {right} of {len(everything)}")
    for name in [name for name in names if name not in ranked][:10]:
        answer = answers[name.text]
        places = sorted(answer.index(url) + 1 for url in name.relevant if url in answer)
        click.echo(f"  not first: {name.text} ({len(name.relevant)} replies) at places {places[:5]}")


@click.command()
@click.option("--synthetic", "count", default=300, show_default=True, help="另加的合成答复件数。")
@click.option("--queries", "query_count", default=150, show_default=True, help="从真实来函中抽取的查询词个数。")
@click.option("--seed", default=20261201, show_default=True, help="抽取查询词的随机种子。")
@click.option("--names", "name_count", default=120, show_default=True, help="检查排序的提案人姓名个数（真实来函的全部在内）。")
@click.option("--shared", type=click.Path(exists=True, file_okay=False, path_type=Path), default=SHARED, show_default=True,
              help="真实来函所在的文件夹（含 letters/ 和 seed-letter.txt）。")
@click.option("--keep", is_flag=True, help="保留生成的网站，并打印其路径。")
def recall(count: int, query_count: int, seed: int, name_count: int, shared: Path, keep: bool) -> None:
    """用真实来函（另加合成答复）构建网站，在无头 Chromium 中测量搜索的查全率和完全匹配的排序。

    查询词是从来函正文中按固定种子截取的 2–6 个汉字；凡页面文字（NFKC、繁体转简体后）包含该词的答复都算相关。

    示例：python -m scripts.measures recall --synthetic 300 --queries 150
    """
    work = Path(tempfile.mkdtemp(prefix="replies-recall-"))
    write_replies(work / "replies", count, shared)
    bench.build(full_config(work), work)
    fold = folder_of_text()
    texts = site_texts(work / "site", fold)
    real = [body for _, body in real_letters(shared)]
    queries = [relevant(text, texts, fold) for text in draw_queries(real, query_count, seed)]
    all_names = proposer_names(work / "replies")
    real_names = {name for draft, _ in real_letters(shared) for name in draft.proposers}
    others = sorted(set(all_names) - real_names)
    chosen = sorted(real_names & set(all_names)) + random.Random(seed).sample(others, max(0, name_count - len(real_names)))
    names = [relevant(name, texts, fold) for name in chosen]
    exact_counts: dict[str, int] = {}
    answers = search_all(work / "site", sorted({query.text for query in queries + names}), exact_counts)
    click.echo(f"site: {len(texts)} replies ({len(real)} real letters), queries drawn with seed {seed}")
    report(queries, names, answers, exact_counts)
    if keep:
        click.echo(f"kept: {work}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
