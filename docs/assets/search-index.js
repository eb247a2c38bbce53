// The site's own search index (format 1, written by hooks/replysite/search): for each term and each
// filter value, the set of pages holding it, in small JSON files fetched as a query needs them (each
// once). Pages are numbered newest first, so page order is date order. The API is the part of
// Pagefind's that search.js used: options, filters, search.
import { queryTerms } from "./search-terms.js";

const FORMAT = 1;
const TITLE = "^"; // a title term: used only to rank

let site = "/"; // the site root's path, which the records' URLs are resolved against
let indexUrl = null; // search/index/
const files = new Map(); // file path → promise of its JSON
const sets = new Map(); // term → its pages, decoded once
const records = new Map(); // page → promise of its record

// FNV-1a, 32 bits, over the UTF-8 bytes of `text`: which term file holds a term.
export function fnv1a32(text) {
  let hash = 2166136261;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return hash;
}

export async function options({ baseUrl, index }) {
  if (baseUrl) site = baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`;
  if (index) indexUrl = new URL(index, globalThis.location?.href);
}

// A file of the index; a term file that is missing holds no term.
function file(path, missingIsEmpty = false) {
  if (!files.has(path)) {
    const loading = fetch(new URL(path, indexUrl)).then((response) => {
      if (missingIsEmpty && response.status === 404) return {};
      if (!response.ok) throw new Error(`search index: ${path}: HTTP ${response.status}`);
      return response.json();
    });
    files.set(path, loading.catch((error) => {
      files.delete(path); // a later search tries again
      throw error;
    }));
  }
  return files.get(path);
}

async function meta() {
  const found = await file("meta.json");
  if (found.format !== FORMAT) throw new Error(`search index: format ${found.format}, expected ${FORMAT}`);
  return found;
}

// ---- sets of pages: a bit a page, page n at bit n % 32 of word n >> 5 ----

function popcount(word) {
  let x = word - ((word >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function everything(pages) {
  const bits = new Uint32Array(Math.ceil(pages / 32)).fill(0xffffffff);
  if (pages % 32) bits[bits.length - 1] = (1 << (pages % 32)) - 1;
  return bits;
}

// A posting as {bits, ids}: gaps → the page numbers (kept, to count cheaply), "b" + base64 → bitmap.
function decode(posting, pages) {
  const bits = new Uint32Array(Math.ceil(pages / 32));
  if (typeof posting === "string") {
    const bytes = atob(posting.slice(1));
    const length = Math.min(bytes.length, bits.length * 4);
    for (let i = 0; i < length; i += 1) bits[i >> 2] |= bytes.charCodeAt(i) << ((i & 3) * 8);
    return { bits, ids: null };
  }
  const ids = new Uint32Array(posting.length);
  let page = 0;
  posting.forEach((gap, index) => {
    page += gap;
    ids[index] = page;
    if (page < pages) bits[page >> 5] |= 1 << (page & 31);
  });
  return { bits, ids };
}

function and(a, b) {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i += 1) out[i] = a[i] & b[i];
  return out;
}

function andNot(a, b) {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i += 1) out[i] = a[i] & ~b[i];
  return out;
}

function or(a, b) {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i += 1) out[i] = a[i] | b[i];
  return out;
}

// How many pages of `within` the set holds.
function count(set, within) {
  let found = 0;
  if (set.ids) {
    for (const page of set.ids) found += (within[page >> 5] >>> (page & 31)) & 1;
  } else {
    for (let i = 0; i < within.length; i += 1) found += popcount(set.bits[i] & within[i]);
  }
  return found;
}

// The page numbers of a set, ascending: page order.
function pagesOf(bits) {
  const found = [];
  for (let i = 0; i < bits.length; i += 1) {
    let word = bits[i];
    while (word) {
      const lowest = word & -word;
      found.push(i * 32 + 31 - Math.clz32(lowest));
      word ^= lowest;
    }
  }
  return found;
}

// ---- terms and filters ----

// The file holding a term: a title's term (^政府) is in its term's, so ranking costs no request.
export function fileOf(term, files) {
  return fnv1a32(term.startsWith(TITLE) ? term.slice(TITLE.length) : term) % files;
}

// Loads the sets of `terms`, their files fetched in parallel.
async function load(terms) {
  const { pages, files: count } = await meta();
  const wanted = terms.filter((term) => !sets.has(term));
  const paths = wanted.map((term) => `terms/${fileOf(term, count)}.json`);
  const tables = await Promise.all(paths.map((path) => file(path, true)));
  wanted.forEach((term, index) => {
    const table = tables[index];
    sets.set(term, Object.hasOwn(table, term) ? decode(table[term], pages) : decode([], pages));
  });
}

// The pages holding every one of `terms` (already loaded), within `bits`.
function holding(terms, bits) {
  return terms.reduce((found, term) => and(found, sets.get(term).bits), bits);
}

let filterSets = null; // promise of {filter: {value: {bits, ids}}}

function loadFilters() {
  filterSets ??= Promise.all([meta(), file("filters.json")]).then(([{ pages }, table]) => {
    const decoded = {};
    for (const [name, values] of Object.entries(table)) {
      decoded[name] = {};
      for (const [value, posting] of Object.entries(values)) decoded[name][value] = decode(posting, pages);
    }
    return decoded;
  });
  return filterSets.catch((error) => {
    filterSets = null;
    throw error;
  });
}

// Every filter value with how many pages of `within` hold it.
function counted(decoded, within) {
  const counts = {};
  for (const [name, values] of Object.entries(decoded)) {
    counts[name] = {};
    for (const [value, set] of Object.entries(values)) counts[name][value] = count(set, within);
  }
  return counts;
}

export async function filters() {
  const [{ pages }, decoded] = await Promise.all([meta(), loadFilters()]);
  return counted(decoded, everything(pages));
}

// ---- results ----

function record(page) {
  if (!records.has(page)) {
    const loading = file(`pages/${page}.json`).then((found) => ({ ...found, url: site + String(found.url || "").replace(/^\//, "") }));
    records.set(page, loading.catch((error) => {
      records.delete(page);
      throw error;
    }));
  }
  return records.get(page);
}

function result(page, whole) {
  return { id: page, whole, data: () => record(page) };
}

// The pages chosen by the `filters` option, {name: value} (a value or a list, each one required).
function chosen(decoded, wanted, pages) {
  let bits = everything(pages);
  for (const [name, values] of Object.entries(wanted || {})) {
    for (const value of [].concat(values)) {
      const set = Object.hasOwn(decoded, name) && Object.hasOwn(decoded[name], value) ? decoded[name][value] : null;
      bits = set ? and(bits, set.bits) : new Uint32Array(bits.length);
    }
  }
  return bits;
}

// One group's pages in order: those whose title holds all `terms` first (unless sorted by date).
function ranked(bits, terms, byDate) {
  if (byDate || terms.length === 0) return pagesOf(bits);
  const titled = holding(terms.map((term) => TITLE + term), bits);
  return [...pagesOf(titled), ...pagesOf(andNot(bits, titled))];
}

// `query` null or empty: every page (filtered), in page order. Else the pages holding the whole
// query (very nearly: see search-terms.js `confirm`), then those holding each of its character pairs.
export async function search(query, { filters: wanted = {}, sort = null } = {}) {
  const [{ pages }, decoded] = await Promise.all([meta(), loadFilters()]);
  const within = chosen(decoded, wanted, pages);
  if (query === null || query === undefined || String(query).trim() === "") {
    return { results: pagesOf(within).map((page) => result(page, true)), filters: counted(decoded, within) };
  }
  const { whole, some } = queryTerms(String(query));
  if (whole.length === 0) return { results: [], filters: counted(decoded, new Uint32Array(within.length)) };
  const byDate = Boolean(sort && sort.date);
  const titles = byDate ? [] : [...whole, ...some].map((term) => TITLE + term);
  await load([...new Set([...whole, ...some, ...titles])]);
  const wholeBits = holding(whole, within);
  const someBits = andNot(holding(some, within), wholeBits);
  const results = [
    ...ranked(wholeBits, whole, byDate).map((page) => result(page, true)),
    ...ranked(someBits, some, byDate).map((page) => result(page, false)),
  ];
  return { results, filters: counted(decoded, or(wholeBits, someBits)) };
}
