// The query cut into the terms each reply is indexed with (hooks/replysite/search/grams.py): every
// pair of neighbouring Chinese characters as one word, Latin and digit words as they are, after NFKC
// and traditional → simplified folding. A reply holds the whole query where its terms stand side by
// side in the index, which tells the replies that contain the query from those with only some of it.
const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}";
const PIECES = new RegExp(`[${HAN}]+|[0-9a-z]+`, "gu");
const PREFIX = "q";

let simplified = null; // traditional character → simplified, loaded once when a query needs it

export async function loadFolding(url) {
  if (simplified) return;
  try {
    const response = await fetch(url);
    simplified = new Map(Object.entries(await response.json()));
  } catch {
    simplified = new Map();
  }
}

export function fold(text) {
  const plain = text.normalize("NFKC").toLowerCase();
  if (!simplified || simplified.size === 0) return plain;
  return Array.from(plain, (character) => simplified.get(character) || character).join("");
}

function code(character) {
  return character.codePointAt(0).toString(36).padStart(4, "0");
}

export function terms(text) {
  const found = [];
  for (const piece of fold(text).match(PIECES) || []) {
    const characters = Array.from(piece);
    if (/^[0-9a-z]/.test(piece)) found.push(piece);
    else if (characters.length === 1) found.push(PREFIX + code(piece));
    else for (let i = 1; i < characters.length; i += 1) found.push(PREFIX + code(characters[i - 1]) + code(characters[i]));
  }
  return found;
}

// Whether `count` of the matched locations follow one another: the reply holds the whole query.
function holdsWhole(locations, count) {
  if (count <= 1) return locations.length > 0;
  const sorted = Array.from(new Set(locations)).sort((a, b) => a - b);
  let run = 1;
  for (let i = 1; i < sorted.length; i += 1) {
    run = sorted[i] === sorted[i - 1] + 1 ? run + 1 : 1;
    if (run >= count) return true;
  }
  return false;
}

// One search: the replies holding the whole query first, then those holding all its terms apart.
export async function find(pagefind, query, options) {
  const cut = terms(query);
  if (cut.length === 0) {
    const answer = await pagefind.search(query || null, options);
    return { exact: answer.results, partial: [], filters: answer.filters };
  }
  const answer = await pagefind.search(cut.join(" "), options);
  const exact = [];
  const partial = [];
  for (const result of answer.results) (holdsWhole(result.words, cut.length) ? exact : partial).push(result);
  return { exact, partial, filters: answer.filters };
}
