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
export const MAX_TERM = 40;

export function fold(text: string): string {
  return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

/** Splits CamelCase and letter/digit boundaries: "KubePodCrashLooping" -> kube pod crash looping. */
function camelParts(word: string): string[] {
  // Most words are plain lower-case prose: skip the regular expressions for them.
  if (!/[A-Z\d]/.test(word)) return [word];
  // An acronym's plural ("PODs", "VMs", "CRDs", "APIs") is a word, not an identifier of two parts:
  // split, it would index a rare whole "pods" that outweighs the common "pod" everyone else writes.
  if (/^[A-Z]{2,}s$/.test(word)) return [word];
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
  /** An identifier (or a piece of one) kept whole beside its parts. */
  whole?: boolean;
  /** A part of a split identifier (`pod` of `KubePodCrashLooping`). */
  part?: boolean;
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
 * Words of a text in order. An identifier (`node_exporter.scrape`, `KubePodCrashLooping`, `k8s`,
 * `aws-s3`) yields itself whole, each separator-delimited piece that splits further (`s3`), and its
 * parts of three or more characters. Short parts never stand alone: a single digit or a two-letter
 * fragment of a split identifier (the `8` of `k8s`, the `zq` of a random token) would match
 * thousands of unrelated entries. Stand-alone words of two letters (`ip`, `db`) and numbers of two or
 * more digits (`502`) are kept.
 */
/** What makes a run more than one plain word: a separator, a capital (CamelCase) or a digit. */
const PLAIN_SKIP = /[._/:\-A-Z\d]/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  // Runs of word characters, optionally joined by identifier separators.
  const re = /[\p{L}\p{N}]+(?:[._/:-][\p{L}\p{N}]+)*/gu;
  for (const m of fold(text).matchAll(re)) {
    const raw = m[0];
    // Most runs are one plain word (no separator, capital or digit): nothing to split, so skip the
    // splitting below and its arrays; the result is the same.
    if (!PLAIN_SKIP.test(raw)) {
      const word = raw.toLowerCase();
      if (word.length > 1 && word.length <= MAX_TERM && !STOP_WORDS.has(word)) out.push({ word, term: toTerm(word) });
      continue;
    }
    const pieces = raw.split(/[._/:-]+/);
    const pieceParts = pieces.map(camelParts);
    const parts = pieceParts.flat();
    const split = parts.length > 1;
    if (split && raw.length <= MAX_TERM) {
      const whole = raw.toLowerCase();
      out.push({ word: whole, term: whole, whole: true });
    }
    pieceParts.forEach((pp, i) => {
      // A piece that splits again (`s3` in `aws-s3`, `PM2022` in `PM2022-001`) is a word of its own.
      if (pieces.length > 1 && pp.length > 1 && pieces[i]!.length <= MAX_TERM) {
        const word = pieces[i]!.toLowerCase();
        out.push({ word, term: word, whole: true });
      }
    });
    for (const p of parts) {
      const word = p.toLowerCase();
      if (word.length > MAX_TERM || STOP_WORDS.has(word)) continue;
      if (word.length === 1) continue;
      if (split && word.length < 3) continue;
      out.push(split ? { word, term: toTerm(word), part: true } : { word, term: toTerm(word) });
    }
  }
  return out;
}

export function terms(text: string): string[] {
  return tokenize(text).map((t) => t.term);
}
