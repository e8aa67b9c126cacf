// A readable diff between two snapshots of an entry: line diffs for text, before/after for the rest.
import { diffLines } from "diff";
import type { EntrySnapshot } from "./entry.js";

export interface TextChange {
  field: string;
  type: "text";
  parts: { value: string; added: boolean; removed: boolean }[];
}
export interface ValueChange {
  field: string;
  type: "value";
  before: unknown;
  after: unknown;
}
export type FieldChange = TextChange | ValueChange;

const TEXT_FIELDS = ["title", "summary", "body"] as const;

function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

export function diffSnapshots(before: EntrySnapshot, after: EntrySnapshot): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of TEXT_FIELDS) {
    if (before[field] === after[field]) continue;
    const parts = diffLines(before[field], after[field]).map((p) => ({
      value: p.value,
      added: Boolean(p.added),
      removed: Boolean(p.removed),
    }));
    changes.push({ field, type: "text", parts });
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of [...keys].sort()) {
    if ((TEXT_FIELDS as readonly string[]).includes(field)) continue;
    const b = (before as Record<string, unknown>)[field];
    const a = (after as Record<string, unknown>)[field];
    if (stable(b) !== stable(a)) changes.push({ field, type: "value", before: b ?? null, after: a ?? null });
  }
  return changes;
}
