// Text to index terms, the same way at index and at query time: lower-cased, accents folded,
// identifiers split into their parts (snake_case, dotted.names, CamelCase, paths, kebab-case) while
// the whole identifier is kept too, English stop words dropped, and words stemmed (Porter).
import { stemmer } from "stemmer";

const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have how i if in into is it its " +
    "me my no not of on or our so such that the their them then there these they this to was we were what when " +
    "where which while who why will with would you your"
  ).split(" "),
);

/** Longest term kept; longer runs (hashes, base64) are noise for search. */
const MAX_TERM = 40;

export function fold(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

/** Splits CamelCase and letter/digit boundaries: "KubePodCrashLooping" -> kube pod crash looping. */
function camelParts(word: string): string[] {
  // Most words are plain lower-case prose: skip the regular expressions for them.
  if (!/[A-Z\d]/.test(word)) return [word];
  return word
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([A-Za-z])(\d)/g, "$1 $2")
    .replace(/(\d)([A-Za-z])/g, "$1 $2")
    .split(" ")
    .filter(Boolean);
}

export interface Token {
  /** The word as written, lower-cased. */
  word: string;
  /** Its index term (stemmed). */
  term: string;
}

// Stemming is the hot spot of indexing and words repeat a lot: remember recent stems.
const STEM_CACHE_MAX = 100_000;
const stemCache = new Map<string, string>();

function toTerm(word: string): string {
  if (/^\d+$/.test(word)) return word;
  let stem = stemCache.get(word);
  if (stem === undefined) {
    stem = stemmer(word);
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/**
 * Words of a text in order. An identifier like `node_exporter.scrape` yields its parts and the
 * whole (`nodeexporterscrape` is not useful; the joined original `node_exporter.scrape` is kept as
 * one term with separators, so an exact paste of it matches strongly).
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // Runs of word characters, optionally joined by identifier separators.
  const re = /[\p{L}\p{N}]+(?:[._/:-][\p{L}\p{N}]+)*/gu;
  for (const m of fold(text).matchAll(re)) {
    const raw = m[0];
    const compound = /[._/:-]/.test(raw) || /[a-z][A-Z]/.test(raw);
    const parts = raw.split(/[._/:-]+/).flatMap(camelParts);
    if (compound && raw.length <= MAX_TERM) {
      const whole = raw.toLowerCase();
      out.push({ word: whole, term: whole });
    }
    for (const p of parts) {
      const word = p.toLowerCase();
      if (word.length > MAX_TERM || STOP_WORDS.has(word)) continue;
      if (word.length === 1 && !/\d/.test(word)) continue;
      out.push({ word, term: toTerm(word) });
    }
  }
  return out;
}

export function terms(text: string): string[] {
  return tokenize(text).map((t) => t.term);
}
