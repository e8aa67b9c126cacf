// Safe highlighted snippets: the window of the text with the most query words, HTML-escaped, with
// only <mark> added around matches. Nothing from the document is ever emitted unescaped.
import { stemmer } from "stemmer";
import { fold } from "./tokenize.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

// Every word of every hit's body is stemmed to find matches: on a small index that was the largest
// share of a search's CPU time. Texts repeat their words, so remember the stems (bounded).
const STEM_CACHE_MAX = 50_000;
const stems = new Map<string, string>();

function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (stems.size >= STEM_CACHE_MAX) stems.clear();
    stems.set(word, s);
  }
  return s;
}

interface Span {
  start: number;
  end: number;
}

/**
 * A text's words, found once: the whitespace-collapsed text, each distinct lower-cased word with its
 * stem, and each occurrence's offsets and word. Finding and stemming every word of a 30,000-character
 * body was most of a search's own CPU time on a small index, and the same few bodies come back search
 * after search; a query then only checks each distinct word once. Cached by the text itself (so an
 * edited entry is a new text), bounded in count and characters.
 */
interface Analysed {
  clean: string;
  words: string[];
  stems: string[];
  /** Per occurrence, in text order: index into `words`, start and end offsets in `clean`. */
  occurrence: Int32Array;
  starts: Int32Array;
  ends: Int32Array;
}

const ANALYSED_MAX = 256;
const ANALYSED_MAX_CHARS = 4_000_000;
const analysed = new Map<string, Analysed>();
let analysedChars = 0;

function analyse(text: string): Analysed {
  const cached = analysed.get(text);
  if (cached) return cached;
  const clean = text.replace(/\s+/g, " ").trim();
  const folded = fold(clean);
  const words: string[] = [];
  const stems: string[] = [];
  const index = new Map<string, number>();
  const occ: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  // Folding only removes combining marks, so offsets in `folded` map to the original when the
  // lengths agree; otherwise no word of this text is highlighted.
  if (folded.length === clean.length) {
    for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
      const word = m[0].toLowerCase();
      let i = index.get(word);
      if (i === undefined) {
        i = words.length;
        index.set(word, i);
        words.push(word);
        stems.push(stem(word));
      }
      occ.push(i);
      starts.push(m.index);
      ends.push(m.index + m[0].length);
    }
  }
  const a: Analysed = { clean, words, stems, occurrence: Int32Array.from(occ), starts: Int32Array.from(starts), ends: Int32Array.from(ends) };
  if (analysed.size >= ANALYSED_MAX || analysedChars + text.length > ANALYSED_MAX_CHARS) {
    analysed.clear();
    analysedChars = 0;
  }
  analysed.set(text, a);
  analysedChars += text.length;
  return a;
}

function matchSpans(a: Analysed, wanted: Set<string>, prefixes: string[]): Span[] {
  const hit = new Uint8Array(a.words.length);
  let any = false;
  for (let i = 0; i < a.words.length; i++) {
    const word = a.words[i]!;
    if (wanted.has(word) || wanted.has(a.stems[i]!) || prefixes.some((p) => word.startsWith(p))) {
      hit[i] = 1;
      any = true;
    }
  }
  const spans: Span[] = [];
  if (!any) return spans;
  for (let k = 0; k < a.occurrence.length; k++) {
    if (hit[a.occurrence[k]!]) spans.push({ start: a.starts[k]!, end: a.ends[k]! });
  }
  return spans;
}

/**
 * @param words query words and terms (lower-case); @param prefixes words that may be prefixes.
 */
export function makeSnippet(text: string, words: string[], prefixes: string[] = [], maxLength = 220): string {
  const a = analyse(text);
  const clean = a.clean;
  if (!clean) return "";
  const spans = matchSpans(a, new Set(words), prefixes);
  let from = 0;
  if (spans.length) {
    // Slide a window over the matches and keep the one covering the most of them.
    let best = 0;
    let bestStart = spans[0]!.start;
    for (let i = 0; i < spans.length; i++) {
      let count = 0;
      for (let k = i; k < spans.length && spans[k]!.end - spans[i]!.start <= maxLength; k++) count++;
      if (count > best) {
        best = count;
        bestStart = spans[i]!.start;
      }
    }
    from = Math.max(0, bestStart - 40);
    const space = clean.lastIndexOf(" ", from);
    if (space > 0 && from - space < 20) from = space + 1;
  }
  const to = Math.min(clean.length, from + maxLength);
  let out = from > 0 ? "…" : "";
  let cursor = from;
  for (const s of spans) {
    if (s.start < from || s.end > to) continue;
    out += escapeHtml(clean.slice(cursor, s.start)) + "<mark>" + escapeHtml(clean.slice(s.start, s.end)) + "</mark>";
    cursor = s.end;
  }
  out += escapeHtml(clean.slice(cursor, to));
  if (to < clean.length) out += "…";
  return out;
}
