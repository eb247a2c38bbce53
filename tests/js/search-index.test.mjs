// The search page's engine (docs/assets/search-index.js) on a small index written here by the spec's
// rules, with fetch stubbed: terms, postings (gaps and bitmaps), filters, ranking, each file once.
// Run: python -m pytest tests/test_js.py (in a copy that declares ES modules)
import assert from "node:assert/strict";
import { test } from "node:test";

import * as engine from "../../docs/assets/search-index.js";
import { confirm, find, holds, pageTerms, queryTerms } from "../../docs/assets/search-terms.js";

const BASE = "http://site.test/sub/search/index/";

// Newest first, as the build numbers them; page 4 holds 集团 and 办学 apart.
const PAGES = [
  { title: "关于区政府的答复", text: "区政府 口琴 2021", year: "2021" },
  { title: "集团化办学", text: "继续深化集团化办学", year: "2020" },
  { title: "交通", text: "市政府 交通 abc", year: "2020" },
  { title: "人民政府", text: "人民政府 集团化办学 constructor", year: "2019" },
  { title: "管理", text: "集团化管理，优化办学 许民〔2021〕9号", year: "2018" },
  ...Array.from({ length: 35 }, (_, n) => ({ title: `其他${n}`, text: `政府 第${n}号`, year: "2017" })),
];
const N = PAGES.length;

function posting(pages) {
  if (pages.length <= N / 16) return pages.map((page, index) => page - (index ? pages[index - 1] : 0));
  const bytes = new Uint8Array(Math.ceil(N / 8));
  for (const page of pages) bytes[page >> 3] |= 1 << (page & 7);
  return "b" + Buffer.from(bytes).toString("base64");
}

function writeIndex(files) {
  const holders = new Map();
  const add = (term, page) => holders.set(term, [...(holders.get(term) || []), page]);
  PAGES.forEach((page, n) => {
    for (const term of pageTerms(`${page.text} ${page.title}`)) add(term, n);
    for (const term of pageTerms(page.title)) add(`^${term}`, n);
  });
  const tables = Array.from({ length: files }, () => ({}));
  for (const [term, pages] of holders) tables[engine.fileOf(term, files)][term] = posting([...new Set(pages)]);
  const years = {};
  PAGES.forEach((page, n) => (years[page.year] ??= []).push(n));
  const served = {
    "meta.json": { format: 1, pages: N, files },
    "filters.json": { 年份: Object.fromEntries(Object.entries(years).map(([year, pages]) => [year, posting(pages)])) },
  };
  tables.forEach((table, s) => (served[`terms/${s}.json`] = table));
  PAGES.forEach((page, n) => {
    served[`pages/${n}.json`] = { url: `/replies/${n}/`, meta: { title: page.title }, content: `${page.text}\u2029${page.title}` };
  });
  return served;
}

const served = writeIndex(3);
const fetched = [];
globalThis.fetch = async (url) => {
  const path = String(url).slice(BASE.length);
  fetched.push(path);
  const body = served[path];
  return { ok: body !== undefined, status: body === undefined ? 404 : 200, json: async () => structuredClone(body) };
};
await engine.options({ baseUrl: "/sub/", index: BASE });

const ids = (answer) => answer.results.map((result) => result.id);

test("FNV-1a 32 over UTF-8", () => {
  assert.equal(engine.fnv1a32(""), 0x811c9dc5);
  assert.equal(engine.fnv1a32("a"), 0xe40c292c);
  assert.equal(engine.fnv1a32("foobar"), 0xbf9cf968);
  assert.equal(engine.fileOf("^政府", 97), engine.fileOf("政府", 97));
  for (const term of ["政府", "政", "集团化", "^集团", "2021", "𠀀"]) console.log(`fnv1a32(${JSON.stringify(term)}) = ${engine.fnv1a32(term)}`);
});

test("a query's terms", () => {
  assert.deepEqual(queryTerms("政"), { whole: ["政"], some: ["政"] });
  assert.deepEqual(queryTerms("政府"), { whole: ["政府"], some: ["政府"] });
  assert.deepEqual(queryTerms("集团化办学"), { whole: ["集团化", "团化办", "化办学"], some: ["集团", "团化", "化办", "办学"] });
  assert.deepEqual(queryTerms("许民〔2021〕9号"), { whole: ["许民", "2021", "9", "号"], some: ["许民", "2021", "9", "号"] });
  assert.deepEqual(queryTerms("ＡＢＣ 區"), { whole: ["abc", "區"], some: ["abc", "區"] }); // no folding table loaded here
});

test("filters over all pages", async () => {
  assert.deepEqual(await engine.filters(), { 年份: { 2017: 35, 2018: 1, 2019: 1, 2020: 2, 2021: 1 } });
});

test("no query: every page in page order, filtered and counted", async () => {
  assert.deepEqual(ids(await engine.search(null, {})), PAGES.map((_, n) => n));
  const answer = await engine.search("", { filters: { 年份: "2020" } });
  assert.deepEqual(ids(answer), [1, 2]);
  assert.deepEqual(answer.filters, { 年份: { 2017: 0, 2018: 0, 2019: 0, 2020: 2, 2021: 0 } });
  assert.deepEqual(ids(await engine.search(null, { filters: { 年份: "1999" } })), []);
});

test("a common pair inside longer words, title first, bitmap postings", async () => {
  const before = fetched.length;
  const answer = await engine.search("政府", {});
  assert.equal(fetched.length, before + 1); // the title's term is in the term's file
  assert.deepEqual(ids(answer).slice(0, 4), [0, 3, 2, 5]); // 0 and 3 hold it in the title
  assert.equal(answer.results.length, 38);
  assert.ok(answer.results.every((result) => result.whole));
  assert.equal(answer.filters.年份[2017], 35);
  assert.deepEqual(ids(await engine.search("政府", { sort: { date: "desc" } })).slice(0, 4), [0, 2, 3, 5]);
});

test("whole matches, then the pages with every pair apart", async () => {
  const answer = await engine.search("集团化办学", {});
  assert.deepEqual(answer.results.map((result) => [result.id, result.whole]), [[1, true], [3, true], [4, false]]);
  assert.deepEqual(answer.filters.年份, { 2017: 0, 2018: 1, 2019: 1, 2020: 1, 2021: 0 });
  assert.deepEqual(ids(await engine.search("潜水艇", {})), []);
  assert.deepEqual(ids(await engine.search("〔〕", {})), []);
  assert.deepEqual(ids(await engine.search("constructor", {})), [3]); // a word named like an Object property
});

test("records: fetched once, URLs under the site root", async () => {
  const answer = await engine.search("口琴", {});
  const [first] = answer.results;
  const before = fetched.length;
  const [a, b] = await Promise.all([first.data(), first.data()]);
  assert.equal(a, b);
  assert.equal(a.url, "/sub/replies/0/");
  assert.equal(fetched.length, before + 1);
  assert.equal(new Set(fetched).size, fetched.length, `a file fetched twice: ${fetched}`);
});

test("confirmation moves a whole candidate whose text lacks the query", async () => {
  assert.ok(holds("许民〔2021〕9号文", "许民〔2021〕9号"));
  assert.ok(!holds("许民〔2021〕3号 第9号", "许民〔2021〕9号"));
  const answer = await find(engine, "集团化办学", {});
  const results = [...answer.exact, ...answer.partial];
  const found = { results, whole: answer.exact.length, checked: 0, moved: 0 };
  await confirm(found, "集团化办学", 10);
  assert.equal(found.whole, 2);
  // A page whose 3-grams stand apart: 集团化, 团化办 and 化办学 all present, the query not.
  served["pages/9.json"].content = "集团化 团化办 化办学";
  const fake = (id) => ({ id, whole: true, data: async () => served[`pages/${id}.json`] });
  const mixed = { results: [fake(1), fake(9), fake(3), { id: 4, whole: false, data: async () => served["pages/4.json"] }], whole: 3, checked: 0, moved: 0 };
  await confirm(mixed, "集团化办学", 2);
  assert.deepEqual([mixed.results.map((result) => result.id), mixed.whole, mixed.checked], [[1, 3, 9, 4], 2, 2]);
});
