// The search page, on the site's own search index (search-index.js). A query, filters and sort order
// are read from and written to the address bar (?q=集团化办学&年份=2020), so every view can be shared
// as a link and the back button works. With an empty query the filters list every matching reply,
// newest first.
import * as engine from "./search-index.js";
import { confirm, find, fold, loadFolding } from "./search-terms.js";

const PAGE_SIZE = 10; // results a page: each brings its letter's text for the excerpt (about 5 KB)
const SORT_BY_DATE = "日期";
const collator = new Intl.Collator("zh-CN-u-co-pinyin");

const root = document.getElementById("rs-finder");
const form = root.querySelector("form");
const input = form.querySelector("#rs-q");
const selects = Array.from(form.querySelectorAll("select[data-filter]"));
const sortSelect = form.querySelector("#rs-sort");
const heading = root.querySelector(".rs-finder__heading");
const status = root.querySelector(".rs-finder__status");
const list = root.querySelector(".rs-finder__results");
const more = root.querySelector(".rs-finder__more");
const offer = root.querySelector(".rs-finder__offer");
const folder = form.querySelector(".rs-finder__fold");
const chosen = form.querySelector(".rs-finder__chosen");
const WIDE = window.matchMedia("(min-width: 45em)"); // the filters stay open where they fit beside the results

let current = null; // the state whose results are listed
let results = [];
let total = 0; // how many replies the current state finds; more than `results` holds while `partial`
let whole = 0; // how many of them hold the whole query (they come first)
let candidates = null; // with a query: {results, whole, checked, moved}, the shown whole ones confirmed (search-terms.js)
let partial = false; // results hold only the newest replies from search/newest.json
let totals = {}; // every filter's values with their counts over all replies
let shown = 0;
let indexPages = null; // facet → name → its index page (search/pages.json), loaded once the page is ready
let generation = 0; // ignores the answers of searches overtaken by newer ones

// ---- state: the address bar is the single source of truth ----

// A value typed by hand (?办理结果=B, ?办理结果=b类) means the filter's value that differs only in
// case, spaces and the suffix 类.
function knownValue(name, value) {
  const values = Object.keys(totals[name] || {});
  if (values.includes(value)) return value;
  const plain = (text) => text.normalize("NFKC").replace(/\s+|类$/g, "").toLowerCase();
  return values.find((known) => plain(known) === plain(value)) || value;
}

function readState() {
  const params = new URL(window.location.href).searchParams;
  const filters = {};
  for (const select of selects) {
    const value = params.get(select.dataset.filter);
    if (value) filters[select.dataset.filter] = knownValue(select.dataset.filter, value.trim());
  }
  return { q: (params.get("q") || "").trim(), filters, sort: params.get("排序") === SORT_BY_DATE ? SORT_BY_DATE : "" };
}

function stateFromForm() {
  const filters = {};
  for (const select of selects) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  return { q: input.value.trim(), filters, sort: sortSelect.value };
}

function writeState(state) {
  const url = new URL(window.location.href);
  url.search = "";
  if (state.q) url.searchParams.set("q", state.q);
  for (const [name, value] of Object.entries(state.filters)) url.searchParams.set(name, value);
  if (state.sort) url.searchParams.set("排序", state.sort);
  if (url.href !== window.location.href) window.history.pushState(null, "", url);
}

function showState(state) {
  input.value = state.q;
  for (const select of selects) select.value = state.filters[select.dataset.filter] || "";
  sortSelect.value = state.sort;
  const set = Object.keys(state.filters).length + (state.sort ? 1 : 0);
  chosen.textContent = set ? `（已选 ${set} 项）` : "";
}

// ---- filters: one menu per filter, each value with how many replies it would give ----

function orderValues(name, values) {
  if (name === "年份") return values.sort((a, b) => Number(b) - Number(a));
  return values.sort(collator.compare);
}

function fillSelect(select, counts, chosen) {
  const name = select.dataset.filter;
  const values = orderValues(name, Object.keys(counts));
  if (chosen && !values.includes(chosen)) values.unshift(chosen);
  const options = [new Option("全部", "")];
  for (const value of values) {
    const count = counts[value] || 0;
    const option = new Option(`${value}（${count}）`, value);
    option.disabled = count === 0 && value !== chosen;
    options.push(option);
  }
  select.replaceChildren(...options);
  select.value = chosen || "";
}

// The counts of one filter ignore that filter's own choice, so another value can still be picked.
async function countsFor(state, answer) {
  const counts = {};
  for (const select of selects) {
    const name = select.dataset.filter;
    if (!state.filters[name]) {
      counts[name] = answer.filters[name] || {};
      continue;
    }
    const others = { ...state.filters };
    delete others[name];
    const wider = await engine.search(state.q || null, { filters: others });
    counts[name] = wider.filters[name] || {};
  }
  return counts;
}

// ---- results ----

function longDate(iso) {
  const [year, month, day] = (iso || "").split("-").map(Number);
  return year ? `${year}年${month}月${day}日` : "";
}

function span(className, text) {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  return element;
}

// The letter's text: the record's content before U+2029 (the metadata values follow it), its
// whitespace collapsed.
function letterText(content) {
  return content.split("\u2029")[0].split(/\s+/).filter(Boolean).join(" ");
}

// Where the query, or else the longest part of it, first stands in `text`: [start, length].
function firstMatch(folded, query) {
  const wanted = fold(query).replace(/\s+/g, "");
  for (let length = wanted.length; length >= 1; length -= 1) {
    for (let start = 0; start + length <= wanted.length; start += 1) {
      const at = folded.indexOf(wanted.slice(start, start + length));
      if (at >= 0 && /[^\s\p{P}]/u.test(wanted.slice(start, start + length))) return [at, length, wanted.slice(start, start + length)];
    }
  }
  return [-1, 0, ""];
}

// Each character as it is matched (one character for one, so places line up), folded once a character.
const foldedCharacters = new Map();
function foldCharacter(character) {
  let folded = foldedCharacters.get(character);
  if (folded === undefined) {
    folded = fold(character);
    if (folded.length !== 1) folded = character;
    foldedCharacters.set(character, folded);
  }
  return folded;
}

// An excerpt of the letter around the first place that holds the query (or the most of it), the
// matched characters marked; the fragment is folded character by character so places line up.
function excerpt(content, query) {
  const text = Array.from(letterText(content));
  const folded = text.map(foldCharacter).join("");
  const [at, length, part] = firstMatch(folded, query);
  const start = Math.max(0, at - 20);
  const end = Math.min(text.length, (at < 0 ? 0 : at + length) + 50);
  const paragraph = document.createElement("p");
  paragraph.className = "rs-entry__excerpt";
  if (start > 0) paragraph.append("…");
  let position = start;
  while (part && position < end) {
    const next = folded.indexOf(part, position);
    if (next < 0 || next >= end) break;
    paragraph.append(text.slice(position, next).join(""));
    const mark = document.createElement("mark");
    mark.textContent = text.slice(next, next + part.length).join("");
    paragraph.append(mark);
    position = next + part.length;
  }
  paragraph.append(text.slice(position, end).join(""));
  if (end < text.length) paragraph.append("…");
  return paragraph;
}

function entry(data, withExcerpt) {
  const item = document.createElement("li");
  item.className = "rs-entry";
  const link = document.createElement("a");
  link.className = "rs-entry__title";
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  const meta = span("rs-entry__meta", "");
  const grade = (data.filters["办理结果"] || [])[0] || "";
  const code = grade.split(" ")[0].toLowerCase();
  const date = document.createElement("time");
  date.dateTime = data.meta.date || "";
  date.textContent = longDate(data.meta.date);
  meta.append(
    span("rs-entry__doc", data.meta.doc_number || ""),
    span("rs-entry__agency", (data.filters["答复单位"] || []).join("、")),
    span("rs-entry__proposers", (data.filters["提案人"] || []).join("、")),
    span(/^[a-z]+$/.test(code) ? `rs-grade rs-grade--${code}` : "rs-grade", grade),
    date,
  );
  item.append(link, meta);
  if (withExcerpt && data.content) item.append(excerpt(data.content, withExcerpt));
  const thread = threadLine(data);
  if (thread) {
    item.dataset.proposal = data.meta.proposal;
    item.append(thread);
  }
  return item;
}

// ---- threads: the replies to one proposal (same meeting, kind and number) ----

// The proposal's page when the reply is one of several answering it, from the result's own meta
// (proposal, proposal_replies, role: written by templates/reply.html), so no request is added.
function threadOf(data) {
  const meta = data.meta || {};
  const count = Number(meta.proposal_replies);
  return meta.proposal && count > 1 ? { path: meta.proposal, count, role: meta.role || "" } : null;
}

// 本提案共 3 件答复（本件为协办）· 查看本提案的全部答复
function threadLine(data) {
  const thread = threadOf(data);
  if (!thread) return null;
  const kind = (data.filters["类别"] || [])[0] === "建议" ? "建议" : "提案";
  const line = document.createElement("p");
  line.className = "rs-entry__thread";
  line.append(`本${kind}共 ${thread.count} 件答复${thread.role ? `（本件为${thread.role}）· ` : " · "}`);
  const link = document.createElement("a");
  link.href = new URL(thread.path.replace(/^\//, ""), new URL(root.dataset.site, window.location.href)).pathname;
  link.textContent = `查看本${kind}的全部答复`;
  line.append(link);
  return line;
}

// Within one page of results, a proposal's replies follow the first of them (its best match), so a
// reader sees them together without loading any result beyond the page. The replies holding the whole
// query stay before those holding only part of it, as the status says; `first` is the page's place in
// `results`. Only an order by relevance is regrouped: a date order stays strictly by date.
function together(found, first) {
  const groups = new Map();
  found.forEach((data, index) => {
    const section = first + index < whole ? "whole" : "part";
    const thread = threadOf(data);
    const key = thread ? `${section} ${thread.path}` : `${section} #${index}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(data);
  });
  return Array.from(groups.values()).flat();
}

function byRelevance(state) {
  return Boolean(state.q) && state.sort !== SORT_BY_DATE;
}

// With no query and no filter, the first page comes from a small file of the newest replies, so no
// record of the index is loaded until the reader asks for more.
function isPlain(state) {
  return !state.q && Object.keys(state.filters).length === 0;
}

async function newestAnswer() {
  const response = await fetch(root.dataset.newest);
  const newest = await response.json();
  const site = new URL(root.dataset.site, window.location.href);
  const results = newest.map((data) => ({ data: async () => ({ ...data, url: new URL(data.url, site).pathname }) }));
  const count = Object.values(totals["年份"] || {}).reduce((sum, value) => sum + value, 0);
  return { results, filters: totals, total: count, partial: results.length < count };
}

async function showMore(token) {
  const state = current;
  if (partial && shown + PAGE_SIZE > results.length) {
    const everything = await engine.search(null, { sort: { date: "desc" } });
    if (token !== generation) return null;
    results = everything.results;
    partial = false;
  }
  if (candidates) {
    await confirm(candidates, state.q, shown + PAGE_SIZE); // a shown whole result that proves partial moves behind the whole ones
    if (token !== generation) return null;
    ({ results, whole } = candidates);
  }
  const batch = results.slice(shown, shown + PAGE_SIZE);
  const loaded = await Promise.all(batch.map((result) => result.data()));
  if (token !== generation) return null;
  const ordered = byRelevance(state) ? together(loaded, shown) : loaded;
  const items = ordered.map((data) => entry(data, state.q));
  for (const item of items) {
    // A later reply of the proposal just listed: CSS may show it as one of a group.
    if (item.dataset.proposal && list.lastElementChild?.dataset.proposal === item.dataset.proposal) item.classList.add("rs-entry--sibling");
    list.append(item);
  }
  shown += batch.length;
  more.hidden = shown >= total;
  more.textContent = `显示更多结果（还有 ${total - shown} 件）`;
  return items[0] || null;
}

// ---- status: what was searched and what was found, read out by screen readers ----

function describe(state) {
  const parts = [];
  if (state.q) parts.push(`包含“${state.q}”`);
  for (const select of selects) {
    const value = state.filters[select.dataset.filter];
    if (value) parts.push(`${select.labels[0].textContent}为“${value}”`);
  }
  return parts.join("、");
}

// With a query, `count` replies hold it whole and `rest` only some of its words (listed after them).
function report(state, count, rest) {
  const what = describe(state);
  const others = rest ? `另有 ${rest} 件只包含其中部分词语，列在后面。` : "";
  if (count === 0) {
    const hint = Object.keys(state.filters).length ? "请换个关键词，或减少筛选条件。" : "请换个关键词，或检查是否有错别字。";
    return `没有找到${what}的答复。${others || hint}`;
  }
  const order = byRelevance(state) ? "按相关程度排列" : "按印发日期从新到旧排列";
  return what ? `找到${what}的答复 ${count} 件，${order}。${others}` : `共有答复 ${count} 件，${order}。`;
}

async function answerFor(state, options) {
  if (isPlain(state)) return newestAnswer();
  if (!state.q) return engine.search(null, options);
  if (/[^\x00-\x7f]/.test(state.q)) await loadFolding(root.dataset.folding); // 黃 finds 黄: once, when a query needs it
  await loadIndexPages();
  const answer = await find(engine, state.q, options);
  const results = [...answer.exact, ...answer.partial];
  return { results, filters: answer.filters, total: results.length, whole: answer.exact.length };
}

// ---- a query that is a proposer's or an agency's name, or a 文号, offers that page first ----

let indexPagesLoading = null; // the one request for search/pages.json

function loadIndexPages() {
  indexPagesLoading ||= (async () => {
    try {
      indexPages = await (await fetch(root.dataset.pages)).json();
    } catch {
      indexPages = {};
    }
  })();
  return indexPagesLoading;
}

const FACET_LABELS = { 提案人: "提案人", 答复单位: "答复单位" };

async function offerFor(state, first) {
  const wanted = fold(state.q).replace(/\s+/g, "");
  const site = new URL(root.dataset.site, window.location.href);
  for (const [facet, pages] of Object.entries(indexPages || {})) {
    const name = Object.keys(pages).find((known) => fold(known).replace(/\s+/g, "") === wanted);
    if (name) return { label: `${FACET_LABELS[facet] || facet}：${name}（${(totals[facet] || {})[name] || 0} 件）`, href: new URL(pages[name], site).pathname };
  }
  const data = first ? await first.data() : null;
  if (data && fold(data.meta.doc_number || "").replace(/\s+/g, "") === wanted) return { label: `文号：${data.meta.doc_number}（1 件）`, href: data.url };
  return null;
}

async function showOffer(state, token) {
  const found = state.q ? await offerFor(state, results[0]) : null;
  if (token !== generation) return;
  offer.hidden = !found;
  offer.replaceChildren();
  if (!found) return;
  const link = document.createElement("a");
  link.href = found.href;
  link.textContent = found.label;
  offer.append(link);
}

// ---- one search: run it, then draw the filters, the status and the first page of results ----

async function run(state) {
  const token = ++generation;
  status.textContent = "正在搜索……";
  const options = { filters: state.filters };
  if (!state.q || state.sort === SORT_BY_DATE) options.sort = { date: "desc" };
  const answer = await answerFor(state, options);
  const counts = await countsFor(state, answer);
  if (token !== generation) return;
  for (const select of selects) fillSelect(select, counts[select.dataset.filter], state.filters[select.dataset.filter]);
  current = state;
  results = answer.results;
  total = answer.total ?? answer.results.length;
  whole = answer.whole ?? total;
  candidates = state.q ? { results, whole, checked: 0, moved: 0 } : null;
  partial = Boolean(answer.partial);
  shown = 0;
  list.replaceChildren();
  await showMore(token);
  await showOffer(state, token);
  if (token !== generation) return;
  heading.hidden = false;
  status.textContent = report(state, whole, total - whole);
}

async function apply(state) {
  showState(state);
  writeState(state);
  try {
    await run(state);
  } catch (error) {
    status.textContent = "搜索暂时无法使用，请稍后再试，或从上方导航按年份、提案人、办理结果或答复单位浏览。";
    throw error;
  }
}

async function start() {
  try {
    await engine.options({ baseUrl: new URL(root.dataset.site, window.location.href).pathname, index: new URL(root.dataset.index, window.location.href).href });
    totals = await engine.filters(); // every filter's values, so each search can count them
  } catch (error) {
    status.textContent = "搜索索引加载失败，请刷新页面重试，或从上方导航浏览全部答复。";
    throw error;
  }
  folder.hidden = false;
  folder.open = WIDE.matches;
  loadFolding(root.dataset.folding).then(() => foldedCharacters.clear()); // ready before the first query, not on its way
  loadIndexPages();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply(stateFromForm());
  });
  for (const select of [...selects, sortSelect]) select.addEventListener("change", () => apply(stateFromForm()));
  form.querySelector(".rs-finder__clear").addEventListener("click", () => apply({ q: input.value.trim(), filters: {}, sort: "" }));
  more.addEventListener("click", async () => {
    const before = whole;
    const first = await showMore(generation);
    if (first && whole !== before) status.textContent = report(current, whole, total - whole); // the confirmed counts
    if (first) first.querySelector("a").focus();
  });
  window.addEventListener("popstate", () => {
    const state = readState();
    showState(state);
    run(state);
  });
  const state = readState();
  showState(state);
  await run(state);
  if (state.q) status.focus(); // arriving from the header's search box: the answer, not the form, comes first
}

start();
