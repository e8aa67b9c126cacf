// Turns the API's per-field revision diff into rows for a side-by-side view: old text on the left,
// new text on the right, changed lines paired up so an edited line sits next to what it replaced.
// Pure (no React) so the pairing and collapsing rules are unit-tested on their own.
import { diffLines } from "diff";

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

/** One change as `entries.diff` returns it: a line diff for text fields, before/after for the rest. */
export type FieldChangeInput =
  | { field: string; type: "text"; parts: DiffPart[] }
  | { field: string; type: "value"; before?: unknown; after?: unknown };

export type CellChange = "unchanged" | "removed" | "added";

export interface DiffCell {
  /** 1-based line number on its own side. */
  line: number;
  text: string;
  change: CellChange;
}

/** One row of the two columns; a side is null where the other side has a line with no counterpart. */
export interface DiffRow {
  type: "row";
  left: DiffCell | null;
  right: DiffCell | null;
}

/** A run of unchanged lines folded away, with where it starts on each side. */
export interface DiffSkip {
  type: "skip";
  count: number;
  leftStart: number;
  rightStart: number;
}

export type DiffItem = DiffRow | DiffSkip;

export interface FieldDiff {
  field: string;
  label: string;
  items: DiffItem[];
  added: number;
  removed: number;
}

/** The lines of a diff part. jsdiff keeps each line's newline, so a trailing one ends the last line. */
export function splitLines(value: string): string[] {
  if (value === "") return [];
  const lines = value.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

/**
 * Lays diff parts out as side-by-side rows. A removed run followed by an added run is a modification:
 * its lines are paired in order, and whichever side is longer gets rows with an empty counterpart.
 */
export function partsToRows(parts: readonly DiffPart[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let left = 0;
  let right = 0;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const lines = splitLines(part.value);
    if (!part.added && !part.removed) {
      for (const text of lines) {
        rows.push({
          type: "row",
          left: { line: ++left, text, change: "unchanged" },
          right: { line: ++right, text, change: "unchanged" },
        });
      }
      continue;
    }
    if (part.removed) {
      const next = parts[i + 1];
      const added = next?.added ? splitLines(next.value) : [];
      if (next?.added) i++;
      const n = Math.max(lines.length, added.length);
      for (let k = 0; k < n; k++) {
        const l = lines[k];
        const r = added[k];
        // jsdiff reports a last line that only gained or lost its newline as changed; to a reader
        // the two lines are the same, so they are shown as unchanged.
        const same = l !== undefined && l === r;
        rows.push({
          type: "row",
          left: l === undefined ? null : { line: ++left, text: l, change: same ? "unchanged" : "removed" },
          right: r === undefined ? null : { line: ++right, text: r, change: same ? "unchanged" : "added" },
        });
      }
      continue;
    }
    for (const text of lines) rows.push({ type: "row", left: null, right: { line: ++right, text, change: "added" } });
  }
  return rows;
}

const isUnchanged = (row: DiffRow) => row.left?.change === "unchanged" && row.right?.change === "unchanged";

/**
 * Folds long runs of unchanged lines, keeping `context` lines next to each change so a one-line edit in
 * a long body does not bury itself. A fold shorter than two lines is not worth a control of its own.
 */
export function collapseUnchanged(rows: readonly DiffRow[], context = 3): DiffItem[] {
  const items: DiffItem[] = [];
  let i = 0;
  while (i < rows.length) {
    if (!isUnchanged(rows[i]!)) {
      items.push(rows[i]!);
      i++;
      continue;
    }
    let end = i;
    while (end < rows.length && isUnchanged(rows[end]!)) end++;
    const keepBefore = i === 0 ? 0 : context;
    const keepAfter = end === rows.length ? 0 : context;
    const hidden = end - i - keepBefore - keepAfter;
    if (hidden < 2) {
      items.push(...rows.slice(i, end));
    } else {
      items.push(...rows.slice(i, i + keepBefore));
      const first = rows[i + keepBefore]!;
      items.push({ type: "skip", count: hidden, leftStart: first.left!.line, rightStart: first.right!.line });
      items.push(...rows.slice(end - keepAfter, end));
    }
    i = end;
  }
  return items;
}

/** Sorted keys, so an object whose keys moved around does not show as changed. */
function stableJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
        : v,
    2,
  );
}

/** A non-text field as lines a person can compare: lists one item a line, structures as indented JSON. */
export function valueToText(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value.join("\n");
  return stableJson(value) ?? "";
}

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  summary: "Summary",
  body: "Body",
  tags: "Tags",
  services: "Services",
  teamId: "Owner team",
  visibility: "Visibility",
  grants: "Access grants",
  status: "Status",
  sourceUrl: "Source URL",
  externalKey: "External key",
  slug: "Address (slug)",
  kind: "Kind",
  fields: "Structured fields",
};

export function fieldLabel(field: string): string {
  if (FIELD_LABELS[field]) return FIELD_LABELS[field];
  const words = field.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_.-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Ends non-empty text with a newline, so appending a line does not also mark the old last line changed. */
const withNewline = (text: string) => (text === "" || text.endsWith("\n") ? text : `${text}\n`);

export function fieldDiff(change: FieldChangeInput, context = 3): FieldDiff {
  const parts: DiffPart[] =
    change.type === "text"
      ? change.parts
      : diffLines(withNewline(valueToText(change.before)), withNewline(valueToText(change.after))).map((p) => ({
          value: p.value,
          added: Boolean(p.added),
          removed: Boolean(p.removed),
        }));
  const rows = partsToRows(parts);
  let added = 0;
  let removed = 0;
  for (const row of rows) {
    if (row.left?.change === "removed") removed++;
    if (row.right?.change === "added") added++;
  }
  return { field: change.field, label: fieldLabel(change.field), items: collapseUnchanged(rows, context), added, removed };
}
