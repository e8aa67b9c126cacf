// A document's terms with per-field BM25 weights (title first), summed into one impact per term.
// Pure; used at index time.
import type { SearchDocument } from "../../port.js";
import { isEnglishWord } from "../../text/names.js";
import { terms } from "../../text/tokenize.js";

export const FIELD_WEIGHTS = { title: 3, tags: 2, services: 2, summary: 1.5, fieldsText: 0.5, body: 1 } as const;
type Field = keyof typeof FIELD_WEIGHTS;
/** Long fields are normalised by length (BM25's b); short ones (title, labels, summary) are not. */
const LENGTH_NORMALISED: ReadonlySet<Field> = new Set(["body", "fieldsText"]);
export const K1 = 1.2;
export const B = 0.75;
/** Terms kept per document, by weight: bounds the postings of very long entries. */
export const MAX_TERMS_PER_DOC = 600;

/**
 * Bumped whenever what `analyze` produces changes; search_docs remembers the version each entry was
 * indexed with, and the server re-indexes older ones at start.
 * 2: the exact-title term.
 * 3: identifiers keep themselves whole; short parts of split identifiers and single digits are not terms.
 * 4: an acronym's plural ("PODs") is a plain word.
 * 5: JSON log lines and kubectl warning events in a body are error lines (their fingerprints).
 */
export const ANALYZER_VERSION = 5;

/** Titles and queries shorter than this (letters and digits) get no exact-title term. */
const EXACT_MIN = 8;
const EXACT_MAX = 120;

/**
 * The exact-title term: the title's letters and digits, lower-cased, behind a "=" no word term can
 * start with. "Node Filesystem Space Filling Up" and the alert name "NodeFilesystemSpaceFillingUp"
 * share it, so a query naming an entry exactly finds that entry first, ahead of siblings that
 * mention the name and share most of its words.
 */
export function exactTitleTerm(text: string): string | null {
  const squashed = text.normalize("NFKD").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
  return squashed.length >= EXACT_MIN && squashed.length <= EXACT_MAX ? `=${squashed}` : null;
}

/** A CamelCase name: letters and digits with a capital after a small letter somewhere inside ("KubeAPIDown", "etcdNoLeader"). */
const CAMEL_NAME = /(?<![\p{L}\p{N}])[\p{L}\p{N}]*\p{Ll}\p{Lu}[\p{L}\p{N}]*(?![\p{L}\p{N}])/gu;

/**
 * The exact-title terms a query names: the whole query's (not for a pasted line, which is no title),
 * each CamelCase name in it, as a pasted alert notification names its alert ("[FIRING:1]
 * KubeAPIDown critical: KubeAPI has disappeared from Prometheus target discovery"): the runbook of
 * that alert comes first, ahead of its siblings that say the same words about other components.
 * And, in a question, each word of it that is no English word: an alert name typed whole in lower
 * case ("kubepodcrashlooping in payments again") is not split into the words the entry uses, so
 * it names the entry only this way.
 */
export function exactTitleTerms(query: string, pasted: boolean): string[] {
  const out = new Set<string>();
  const whole = exactTitleTerm(query);
  if (whole && !pasted) out.add(whole);
  if (!pasted) {
    for (const chunk of query.split(/\s+/)) {
      const word = chunk.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      const term = isEnglishWord(word) ? null : exactTitleTerm(word);
      if (term) out.add(term);
    }
  }
  for (const [name] of query.matchAll(CAMEL_NAME)) {
    const term = exactTitleTerm(name);
    if (term) out.add(term);
  }
  return [...out];
}

export interface Analyzed {
  /** term -> frequency per field */
  tf: Map<string, Partial<Record<Field, number>>>;
  /** length of the long (normalised) fields, in terms */
  length: number;
}

/**
 * Each field is scored on its own and the field scores are added (as MiniSearch and Lunr do), so a
 * title match counts in full on top of the body rather than being saturated together with it.
 */
export function analyze(doc: SearchDocument): Analyzed {
  const tf = new Map<string, Partial<Record<Field, number>>>();
  let length = 0;
  const add = (field: Field, text: string) => {
    for (const t of terms(text)) {
      const per = tf.get(t) ?? {};
      per[field] = (per[field] ?? 0) + 1;
      tf.set(t, per);
      if (LENGTH_NORMALISED.has(field)) length += 1;
    }
  };
  add("title", doc.title);
  add("tags", doc.tags.join(" "));
  add("services", doc.services.join(" "));
  add("summary", doc.summary);
  add("fieldsText", doc.fieldsText);
  add("body", doc.body);
  const exact = exactTitleTerm(doc.title);
  if (exact) tf.set(exact, { title: 1 });
  if (tf.size > MAX_TERMS_PER_DOC) {
    const weight = (per: Partial<Record<Field, number>>) =>
      Object.entries(per).reduce((n, [f, c]) => n + FIELD_WEIGHTS[f as Field] * (c ?? 0), 0);
    const kept = [...tf.entries()].sort((a, b) => weight(b[1]) - weight(a[1])).slice(0, MAX_TERMS_PER_DOC);
    return { tf: new Map(kept), length: Math.max(1, length) };
  }
  return { tf, length: Math.max(1, length) };
}

/** BM25's term-frequency part for one document, summed over fields; the query multiplies by IDF. */
export function impact(perField: Partial<Record<Field, number>>, length: number, avgLength: number): number {
  let total = 0;
  for (const [field, tf] of Object.entries(perField) as [Field, number][]) {
    const b = LENGTH_NORMALISED.has(field) ? B : 0;
    const norm = K1 * (1 - b + (b * length) / Math.max(1, avgLength));
    total += FIELD_WEIGHTS[field] * ((tf * (K1 + 1)) / (tf + norm));
  }
  return total;
}

export function idf(df: number, docCount: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}
