// Edit distance for typo tolerance (Damerau: a swap of neighbours counts as one typo), bounded.

/** Typos allowed for a word, as Meilisearch does by default: one from 5 letters, two from 9. */
export function allowedTypos(word: string): number {
  return word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0;
}

/** Optimal-string-alignment distance, or max + 1 once it is known to exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = new Array<number>(cols).fill(0);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  return prev[cols - 1]!;
}

/** Every spelling with one pair of neighbouring letters swapped ("upgarde" -> "pugarde", …, "upgrade"). */
export function transpositions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    out.push(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return out;
}

/** The letters a typo may add or change. */
const LETTERS = "abcdefghijklmnopqrstuvwxyz";
/** The one length below five letters at which a word may be a typo: a five-letter word with a letter left out. */
const SHORT_TYPO_LENGTH = 4;

/**
 * Every spelling one letter away from `word`, lazily: each letter left out (unless `omit` is false),
 * each letter of LETTERS put in, and, with `substitute`, each put in place of one. A swap of
 * neighbours is transpositions'. Both the typo look-up below and names.ts's misspelling check walk
 * these spellings.
 */
export function* oneLetterAway(word: string, opts: { omit?: boolean; substitute?: boolean } = {}): Generator<string> {
  for (let i = 0; i <= word.length; i++) {
    const [head, tail] = [word.slice(0, i), word.slice(i)];
    if (tail && opts.omit !== false) yield head + tail.slice(1);
    for (const c of LETTERS) {
      yield head + c + tail;
      if (tail && opts.substitute) yield head + c + tail.slice(1);
    }
  }
}

/**
 * The stems of every spelling with one letter left out or one too many ("latncy" -> "latency",
 * "operatons" -> "operations"): looked up exactly, they find the word a typo hid from the stemmer.
 * "latncy" (stem "latnci") shares too few trigrams with "latenc", the stem of "latency", and
 * "operatons" keeps a suffix the stemmer does not know, so it is nowhere near "oper". From five
 * letters, as any typo (allowedTypos), a stem counts only if the typed word starts with it (the typo
 * was in the suffix the stemmer strips) or it is long enough to carry a typo itself: "illness" (stem
 * "ill") is not "killness" (stem "kill"). A word of four letters may only have lost one, to a word
 * of five that may carry a typo ("spce" -> "space", "fuly" -> "fully"); the caller decides whether
 * such a word is a typo at all (an English word is not: "hole" is no "whole").
 */
export function oneLetterOffStems(word: string, stem: string, stemOf: (spelling: string) => string): string[] {
  const short = allowedTypos(word) === 0;
  if (short && word.length !== SHORT_TYPO_LENGTH) return [];
  const found = new Set<string>();
  for (const spelling of oneLetterAway(word, { omit: !short })) {
    const v = stemOf(spelling);
    if (!v || v === stem) continue;
    if (short ? allowedTypos(v) > 0 : word.startsWith(v) || allowedTypos(v.length < stem.length ? v : stem) > 0) found.add(v);
  }
  return [...found];
}

/** The longest suffix the stemmer strips that a typo could have kept on ("-ation" of "replication"). */
const MAX_SUFFIX = 5;

/**
 * Typos between what was typed and an indexed term (a stem), or null when there are too many. Each
 * comparison is allowed the typos of its own shorter side: "parking" (stem "park") is not a typo of
 * "part", though "parking" is long enough for one typo. The indexed term is a stem, so the typed
 * word is also compared by its first letters ("schedluer" by "schedlu" with "schedul"): a typo
 * breaks the stemmer, and the suffix it could not strip would otherwise count as typos too.
 */
export function typoDistance(word: string, stem: string, term: string): number | null {
  const within = (a: string, b: string) => {
    const max = allowedTypos(a.length < b.length ? a : b);
    if (max === 0) return null;
    const d = editDistance(a, b, max);
    return d <= max ? d : null;
  };
  // Only a plain word has a suffix to strip, and only a few letters of one: an identifier
  // ("target_status_code") is not a typo of its first part.
  const suffix = word.length - term.length;
  const byStart = /^[a-z]+$/.test(word) && suffix > 0 && suffix <= MAX_SUFFIX;
  // Stems lose a final "e" ("outage" -> "outag"): a misspelling of such a word is one typo from
  // the word, two from its stem ("outge").
  const ds = [within(word, term), within(stem, term), byStart ? within(word.slice(0, term.length), term) : null, within(word, `${term}e`)];
  const found = ds.filter((d): d is number => d !== null);
  return found.length ? Math.min(...found) : null;
}
