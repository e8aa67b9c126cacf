// Merging after a save conflict: the writer's copy ("mine"), the version someone else saved first
// ("theirs") and the version both started from ("base"). A field changed only on one side is taken
// from that side without asking; a field both changed differently is a conflict for the writer to
// resolve. Nothing here talks to the server, so every rule is unit-tested.
import type { Visibility } from "@hindsight/domain";
import { applyPatch, diffLines, structuredPatch } from "diff";

/** What the editor saves: the common fields and the kind's structured fields. */
export interface EditorContent {
  title: string;
  summary: string;
  body: string;
  tags: string[];
  services: string[];
  teamId: string | null;
  visibility: Visibility;
  fields: Record<string, unknown>;
}

export const COMMON_KEYS = ["title", "summary", "body", "tags", "services", "teamId", "visibility"] as const;

/** One comparable value per key: the common fields, and each structured field as `fields.<name>`. */
export function flattenContent(content: EditorContent): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  for (const key of COMMON_KEYS) flat[key] = content[key];
  for (const [key, value] of Object.entries(content.fields)) flat[`fields.${key}`] = value;
  return flat;
}

export function unflattenContent(flat: Record<string, unknown>): EditorContent {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    if (key.startsWith("fields.") && value !== undefined) fields[key.slice("fields.".length)] = value;
  }
  return {
    title: String(flat.title ?? ""),
    summary: String(flat.summary ?? ""),
    body: String(flat.body ?? ""),
    tags: (flat.tags as string[] | undefined) ?? [],
    services: (flat.services as string[] | undefined) ?? [],
    teamId: (flat.teamId as string | null | undefined) ?? null,
    visibility: (flat.visibility as Visibility | undefined) ?? "org",
    fields,
  };
}

/** JSON with sorted keys, so two objects that differ only in key order compare equal. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  ) ?? "undefined";
}

export const sameValue = (a: unknown, b: unknown): boolean => stable(a) === stable(b);

export function sameContent(a: EditorContent, b: EditorContent): boolean {
  return sameValue(flattenContent(a), flattenContent(b));
}

export interface MergeConflict {
  key: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface MergeResult {
  /** Mine with every one-sided change of theirs applied; conflicting keys hold mine until resolved. */
  merged: EditorContent;
  conflicts: MergeConflict[];
  /** Keys only they changed: their value was taken. */
  fromTheirs: string[];
  /** Keys only I changed: my value was kept. */
  fromMine: string[];
}

export function threeWayMerge(base: EditorContent, mine: EditorContent, theirs: EditorContent): MergeResult {
  const b = flattenContent(base);
  const m = flattenContent(mine);
  const t = flattenContent(theirs);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(m), ...Object.keys(t)])];
  const merged: Record<string, unknown> = {};
  const conflicts: MergeConflict[] = [];
  const fromTheirs: string[] = [];
  const fromMine: string[] = [];
  for (const key of keys) {
    const mineChanged = !sameValue(m[key], b[key]);
    const theirsChanged = !sameValue(t[key], b[key]);
    if (!theirsChanged || sameValue(m[key], t[key])) {
      merged[key] = m[key];
      if (mineChanged && theirsChanged) continue; // both made the same change
      if (mineChanged) fromMine.push(key);
    } else if (!mineChanged) {
      merged[key] = t[key];
      fromTheirs.push(key);
    } else {
      merged[key] = m[key];
      conflicts.push({ key, base: b[key], mine: m[key], theirs: t[key] });
    }
  }
  return { merged: unflattenContent(merged), conflicts, fromTheirs, fromMine };
}

/**
 * Without the base (an entry opened before it was ever saved by this editor) every difference is
 * a conflict: there is no way to tell who changed what.
 */
export function twoWayMerge(mine: EditorContent, theirs: EditorContent): MergeResult {
  const m = flattenContent(mine);
  const t = flattenContent(theirs);
  const keys = [...new Set([...Object.keys(m), ...Object.keys(t)])];
  const conflicts = keys.filter((k) => !sameValue(m[k], t[k])).map((key) => ({ key, base: undefined, mine: m[key], theirs: t[key] }));
  return { merged: mine, conflicts, fromTheirs: [], fromMine: [] };
}

export type MergeChoice = { pick: "mine" } | { pick: "theirs" } | { pick: "edited"; value: string };

/** The merged content once the writer chose for each conflict; an unanswered conflict keeps mine. */
export function resolveMerge(result: MergeResult, choices: Record<string, MergeChoice>): EditorContent {
  const flat = flattenContent(result.merged);
  for (const conflict of result.conflicts) {
    const choice = choices[conflict.key] ?? { pick: "mine" };
    flat[conflict.key] = choice.pick === "theirs" ? conflict.theirs : choice.pick === "edited" ? choice.value : conflict.mine;
  }
  return unflattenContent(flat);
}

/**
 * Both sides edited the same text: replays their edits onto mine, line by line. Returns null when
 * their edits touch lines I changed too (their patch no longer applies cleanly): then only a person
 * can tell which wording wins.
 */
export function mergeText(base: string, mine: string, theirs: string): string | null {
  if (mine === theirs) return mine;
  const patch = structuredPatch("base", "theirs", base, theirs, "", "", { context: 1 });
  const merged = applyPatch(mine, patch);
  return merged === false ? null : merged;
}

export type DiffRow = { type: "same" | "added" | "removed"; text: string } | { type: "skipped"; count: number };

/**
 * A unified line diff of `from` -> `to` for display: unchanged runs longer than `context` lines on
 * each side of a change fold into one "skipped" row, so a one-line change in a long body is visible.
 */
export function diffRows(from: string, to: string, context = 2): DiffRow[] {
  const lines: { type: "same" | "added" | "removed"; text: string }[] = [];
  for (const part of diffLines(from, to)) {
    const type = part.added ? "added" : part.removed ? "removed" : "same";
    for (const text of part.value.replace(/\n$/, "").split("\n")) lines.push({ type, text });
  }
  const keep = lines.map(() => false);
  lines.forEach((line, i) => {
    if (line.type === "same") return;
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) keep[j] = true;
  });
  const rows: DiffRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (keep[i]) {
      rows.push(lines[i]!);
      continue;
    }
    let count = 0;
    while (i < lines.length && !keep[i]) {
      count++;
      i++;
    }
    i--;
    rows.push({ type: "skipped", count });
  }
  return rows;
}
