// A document's terms with BM25F weights: each field's term frequencies scaled by the field's weight
// (title first), summed, then saturated against the document's length. Pure; used at index time.
import type { SearchDocument } from "../../port.js";
import { terms } from "../../text/tokenize.js";

export const FIELD_WEIGHTS = { title: 5, tags: 3, services: 3, summary: 2, fieldsText: 1, body: 1 } as const;
export const K1 = 1.2;
export const B = 0.75;
/** Terms kept per document, by weight: bounds the postings of very long entries. */
export const MAX_TERMS_PER_DOC = 600;

export interface Analyzed {
  /** term -> field-weighted frequency */
  tf: Map<string, number>;
  /** field-weighted length */
  length: number;
}

export function analyze(doc: SearchDocument): Analyzed {
  const tf = new Map<string, number>();
  let length = 0;
  const add = (text: string, weight: number) => {
    for (const t of terms(text)) {
      tf.set(t, (tf.get(t) ?? 0) + weight);
      length += weight;
    }
  };
  add(doc.title, FIELD_WEIGHTS.title);
  add(doc.tags.join(" "), FIELD_WEIGHTS.tags);
  add(doc.services.join(" "), FIELD_WEIGHTS.services);
  add(doc.summary, FIELD_WEIGHTS.summary);
  add(doc.fieldsText, FIELD_WEIGHTS.fieldsText);
  add(doc.body, FIELD_WEIGHTS.body);
  if (tf.size > MAX_TERMS_PER_DOC) {
    const kept = [...tf.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_TERMS_PER_DOC);
    return { tf: new Map(kept), length: Math.max(1, Math.round(length)) };
  }
  return { tf, length: Math.max(1, Math.round(length)) };
}

/** BM25's term-frequency part for one document; the query multiplies it by the term's IDF. */
export function impact(weightedTf: number, length: number, avgLength: number): number {
  const norm = K1 * (1 - B + (B * length) / Math.max(1, avgLength));
  return (weightedTf * (K1 + 1)) / (weightedTf + norm);
}

export function idf(df: number, docCount: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}
