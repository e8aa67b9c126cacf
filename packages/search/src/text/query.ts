// A search box's text, parsed: words (the last one may be a prefix while typing), "quoted phrases",
// and error mode when the text looks like a pasted error or log line.
import { fingerprintError, looksLikeError } from "@hindsight/domain";
import { fold, tokenize, type Token } from "./tokenize.js";

export interface QueryTerm extends Token {
  /** The last word of the query, not followed by a space: it may still be being typed. */
  prefix: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Lower-cased phrases that must appear as written. */
  phrases: string[];
  /** Set when the query looks like an error line: its fingerprint. */
  errorFingerprint: string | null;
}

export function parseQuery(q: string): ParsedQuery {
  const phrases: string[] = [];
  const rest = q.replace(/"([^"]+)"/g, (_m, p: string) => {
    const phrase = fold(p).toLowerCase().replace(/\s+/g, " ").trim();
    if (phrase) phrases.push(phrase);
    return ` ${p} `;
  });
  const tokens = tokenize(rest);
  const endsOpen = /[\p{L}\p{N}]$/u.test(q) && !/"$/.test(q.trim());
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  tokens.forEach((t, i) => {
    if (seen.has(t.term)) return;
    seen.add(t.term);
    terms.push({ ...t, prefix: endsOpen && i === tokens.length - 1 && t.word.length >= 2 });
  });
  const errorFingerprint = looksLikeError(q) ? fingerprintError(q) : null;
  return { terms, phrases, errorFingerprint };
}
