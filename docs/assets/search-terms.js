// What a query is matched with, by the rules the site's index is written with (hooks/replysite/search):
// the text folded (NFKC, lower case, traditional → simplified), cut into pieces (runs of Chinese
// characters, runs of Latin letters and digits); a Chinese piece is matched by its 1-, 2- and
// 3-character substrings, a Latin or digit piece as one word.
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}";
const PIECES = new RegExp(`[${HAN}]+|[0-9a-z]+`, "gu");

let simplified = null; // traditional character → simplified, loaded once when a query needs it

let loading = null; // the table's one request, shared by every caller

export function loadFolding(url) {
  loading ||= (async () => {
    try {
      const response = await fetch(url);
      simplified = new Map(Object.entries(await response.json()));
    } catch {
      simplified = new Map();
    }
  })();
  return loading;
}

export function fold(text) {
  const plain = text.normalize("NFKC").toLowerCase();
  if (!simplified || simplified.size === 0) return plain;
  return Array.from(plain, (character) => simplified.get(character) || character).join("");
}

// The pieces of folded text; everything else (punctuation, spaces, 〔〕) only separates them.
export function pieces(folded) {
  return folded.match(PIECES) || [];
}

const isWord = (piece) => /^[0-9a-z]/.test(piece);

// The substrings of `length` characters (code points) of a piece.
function grams(characters, length) {
  const found = [];
  for (let start = 0; start + length <= characters.length; start += 1) found.push(characters.slice(start, start + length).join(""));
  return found;
}

// The terms a page is indexed with: every 1-, 2- and 3-gram of each Chinese piece, each word.
export function pageTerms(text) {
  const found = new Set();
  for (const piece of pieces(fold(text))) {
    if (isWord(piece)) found.add(piece);
    else for (let length = 1; length <= 3; length += 1) for (const gram of grams(Array.from(piece), length)) found.add(gram);
  }
  return Array.from(found);
}

// A query's terms: `whole` are held by (very nearly) every page holding the whole query: the piece
// itself up to 3 characters, else its 3-grams; `some` are its character pairs (and lone characters).
// Words count in both.
export function queryTerms(query) {
  const whole = new Set();
  const some = new Set();
  for (const piece of pieces(fold(query))) {
    const characters = Array.from(piece);
    if (isWord(piece)) {
      whole.add(piece);
      some.add(piece);
      continue;
    }
    for (const gram of grams(characters, Math.min(characters.length, 3))) whole.add(gram);
    for (const gram of grams(characters, Math.min(characters.length, 2))) some.add(gram);
  }
  return { whole: Array.from(whole), some: Array.from(some) };
}

const joined = (text) => pieces(fold(text)).join(" ");

// Whether the index's `whole` can be short of the truth for this query: its 3-grams, or its
// pieces, may stand apart in a page (4 or more characters, or several pieces).
function needsConfirming(query) {
  const found = pieces(fold(query));
  return found.length > 1 || (found.length === 1 && !isWord(found[0]) && Array.from(found[0]).length > 3);
}

// Whether a record's text holds the query: its pieces in a row.
export function holds(content, query) {
  return ` ${joined(content)} `.includes(joined(query));
}

// One search: the replies holding the whole query first, then those holding all its pairs apart.
export async function find(engine, query, options) {
  const answer = await engine.search(query || null, options);
  const exact = [];
  const partial = [];
  for (const result of answer.results) (result.whole ? exact : partial).push(result);
  return { exact, partial, filters: answer.filters };
}

// Confirms the whole candidates among the first `upTo` results of `found` = {results, whole, checked,
// moved}: whole ones first (`checked` of them confirmed already), then the `moved` ones found not to
// hold the query, then the partial ones. A candidate whose record does not hold the query joins the
// moved ones, and `whole` counts one fewer.
export async function confirm(found, query, upTo) {
  if (!needsConfirming(query)) {
    found.checked = found.whole;
    return;
  }
  while (found.checked < Math.min(upTo, found.whole)) {
    const { results, whole, checked, moved } = found;
    const end = Math.min(upTo, whole);
    const batch = results.slice(checked, end);
    const records = await Promise.all(batch.map((result) => result.data()));
    const held = records.map((record) => holds(record.content || "", query));
    const kept = batch.filter((result, index) => held[index]);
    const failed = batch.filter((result, index) => !held[index]);
    found.results = [
      ...results.slice(0, checked), ...kept, ...results.slice(end, whole + moved), ...failed, ...results.slice(whole + moved),
    ];
    found.checked += kept.length;
    found.whole -= failed.length;
    found.moved += failed.length;
  }
}
