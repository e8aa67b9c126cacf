// The blameless check over a whole entry: title, summary, body and every text in its structured
// fields (timeline events, contributing factors, ...), each finding labelled with where it is.
import { checkBlameless, type BlamelessFinding, type BlamelessOptions } from "./blameless.js";

export interface EntryBlamelessFinding extends BlamelessFinding {
  /** title, summary, body or fields.<path> */
  where: string;
}

/** Kinds whose write-ups are held to blameless language at publish. */
export const BLAMELESS_KINDS = ["postmortem", "gameday"] as const;

function walk(value: unknown, path: string, out: { where: string; text: string }[]): void {
  if (typeof value === "string") out.push({ where: path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${path}.${i}`, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      // Ids, timestamps and links are not prose.
      if (k === "id" || k.endsWith("Id") || k.endsWith("At") || k === "ts" || k === "threadTs" || k === "url") continue;
      walk(v, `${path}.${k}`, out);
    }
  }
}

export function checkEntryBlameless(
  content: { title: string; summary: string; body: string; fields: Record<string, unknown> },
  options: BlamelessOptions = {},
): EntryBlamelessFinding[] {
  const texts: { where: string; text: string }[] = [
    { where: "title", text: content.title },
    { where: "summary", text: content.summary },
    { where: "body", text: content.body },
  ];
  walk(content.fields, "fields", texts);
  return texts.flatMap(({ where, text }) => checkBlameless(text, options).map((f) => ({ ...f, where })));
}
