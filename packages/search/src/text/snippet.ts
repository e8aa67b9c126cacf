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

function matchSpans(text: string, wanted: Set<string>, prefixes: string[]): Span[] {
  const spans: Span[] = [];
  const folded = fold(text);
  for (const m of folded.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = m[0].toLowerCase();
    const hit = wanted.has(word) || wanted.has(stem(word)) || prefixes.some((p) => word.startsWith(p));
    // Folding only removes combining marks, so offsets in `folded` map to the original when the
    // lengths agree; otherwise fall back to not highlighting this word.
    if (hit && folded.length === text.length) spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

/**
 * @param words query words and terms (lower-case); @param prefixes words that may be prefixes.
 */
export function makeSnippet(text: string, words: string[], prefixes: string[] = [], maxLength = 220): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (!clean) return "";
  const spans = matchSpans(clean, new Set(words), prefixes);
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
