// The checks the editor runs in the browser as the writer types, with the domain's own pure rules
// (no round trip): blameless wording (and the rewording a finding offers) and the secrets that will
// be masked on save, formatted for display.
import {
  checkEntryBlameless,
  redactDeep,
  redactionMarker,
  redactSecrets,
  type EntryBlamelessFinding,
  type SecretKind,
} from "@hindsight/domain";
import { getPath, setPath } from "./editor-fields";
import type { EditorContent } from "./editor-merge";

export type { EntryBlamelessFinding };

export function blamelessFindings(content: EditorContent): EntryBlamelessFinding[] {
  return checkEntryBlameless(content);
}

/**
 * What a finding's "Use …" button does. The domain's suggestions are advice, often with a quoted
 * example of neutral wording; the example replaces the sentence around the flagged phrase (putting
 * it in the middle of the sentence would not read). "Drop the word" drops it. Advice with no
 * example offers no button: a rewrite is the writer's to make.
 */
export type Rewording = { kind: "sentence"; text: string } | { kind: "drop" };

export function rewordingOf(finding: { suggestion: string }): Rewording | null {
  const quoted = /["“]([^"”]{3,})["”]/.exec(finding.suggestion)?.[1];
  if (quoted) return { kind: "sentence", text: quoted };
  if (/^drop the word/i.test(finding.suggestion)) return { kind: "drop" };
  return null;
}

export function rewordingLabel(rewording: Rewording, match: string): string {
  return rewording.kind === "drop" ? `Remove “${match}”` : `Use “${rewording.text}”`;
}

/** The sentence around [start, end): from after the previous sentence end or line start (and any list marker). */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1]!)) s--;
  while (s < start && /\s/.test(text[s]!)) s++;
  const marker = /^(?:[-*+]\s+|\d+[.)]\s+|>\s+|#{1,6}\s+)/.exec(text.slice(s, start));
  if (marker) s += marker[0].length;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e]!)) e++;
  if (e < text.length && text[e] !== "\n") e++; // keep the sentence's own full stop inside the span
  return { start: s, end: e };
}

/** The text with the finding's rewording applied, or null when it offers none. */
export function applyRewording(text: string, finding: { start: number; end: number; suggestion: string }): string | null {
  const rewording = rewordingOf(finding);
  if (!rewording) return null;
  if (rewording.kind === "drop") {
    const after = text.slice(finding.end).replace(/^,?\s*/, "");
    const before = text.slice(0, finding.start);
    // "Obviously, the cache was cold." -> "The cache was cold."
    const atSentenceStart = /(^|[.!?\n]\s*)$/.test(before);
    return before + (atSentenceStart ? after.charAt(0).toUpperCase() + after.slice(1) : after);
  }
  const span = sentenceAround(text, finding.start, finding.end);
  const original = text.slice(span.start, span.end);
  let replacement = rewording.text.charAt(0).toUpperCase() + rewording.text.slice(1);
  const ending = /[.!?]$/.exec(original)?.[0];
  if (ending && !/[.!?]$/.test(replacement)) replacement += ending;
  return text.slice(0, span.start) + replacement + text.slice(span.end);
}

/** Applies a finding's rewording wherever it was found (title, summary, body or a structured field). */
export function applyRewordingToContent(content: EditorContent, finding: EntryBlamelessFinding): EditorContent | null {
  if (finding.where === "title" || finding.where === "summary" || finding.where === "body") {
    const next = applyRewording(content[finding.where], finding);
    return next === null ? null : { ...content, [finding.where]: next };
  }
  if (!finding.where.startsWith("fields.")) return null;
  const path = finding.where.slice("fields.".length);
  const current = getPath(content.fields, path);
  if (typeof current !== "string") return null;
  const next = applyRewording(current, finding);
  if (next === null) return null;
  const fields = structuredClone(content.fields);
  setArrayAwarePath(fields, path, next);
  return { ...content, fields };
}

function setArrayAwarePath(obj: Record<string, unknown>, path: string, value: string): void {
  const parts = path.split(".");
  const last = parts.pop()!;
  let at: unknown = obj;
  for (const part of parts) at = Array.isArray(at) ? at[Number(part)] : (at as Record<string, unknown>)[part];
  if (Array.isArray(at)) at[Number(last)] = value;
  else if (at && typeof at === "object") setPath(at as Record<string, unknown>, last, value);
}

// ---------------------------------------------------------------------------------------------
// Redaction preview

export interface RedactionPreviewItem {
  kind: SecretKind;
  /** title, summary, body (with line) or fields.<path>. */
  where: string;
  line: number;
  /** The line around the secret as it will be stored: the secret replaced by its marker. */
  preview: string;
}

const PREVIEW_WIDTH = 100;

/** Cuts a long line down to the part around the marker so the preview stays one line. */
export function previewAround(line: string, marker: string): string {
  const at = line.indexOf(marker);
  if (line.length <= PREVIEW_WIDTH || at < 0) return line.length <= PREVIEW_WIDTH ? line : `${line.slice(0, PREVIEW_WIDTH)}…`;
  const from = Math.max(0, at - 40);
  const to = Math.min(line.length, at + marker.length + 40);
  return `${from > 0 ? "…" : ""}${line.slice(from, to)}${to < line.length ? "…" : ""}`;
}

function previewLine(original: string, line: number, column: number, kind: SecretKind): string {
  const source = original.split("\n")[line - 1] ?? "";
  const marker = redactionMarker(kind);
  const redacted = redactSecrets(source).text;
  // A secret spanning lines (a private key) is not found in its first line alone: cut at its start.
  const masked = redacted.includes(marker) ? redacted : `${source.slice(0, column - 1)}${marker}`;
  return previewAround(masked.trim(), marker);
}

export function redactionPreview(content: EditorContent): RedactionPreviewItem[] {
  const items: RedactionPreviewItem[] = [];
  for (const where of ["title", "summary", "body"] as const) {
    for (const f of redactSecrets(content[where]).findings) {
      items.push({ kind: f.kind, where, line: f.line, preview: previewLine(content[where], f.line, f.column, f.kind) });
    }
  }
  const deep = redactDeep(content.fields);
  for (const f of deep.findings) {
    const stored = pathValue(deep.value, f.path);
    const original = pathValue(content.fields, f.path);
    const preview =
      typeof original === "string" && typeof stored === "string"
        ? previewLine(original, f.line, f.column, f.kind)
        : redactionMarker(f.kind);
    items.push({ kind: f.kind, where: `fields.${f.path.replace(/\[(\d+)\]/g, ".$1")}`, line: f.line, preview });
  }
  return items;
}

/** redactDeep's paths look like `timeline[2].text`. */
function pathValue(obj: unknown, path: string): unknown {
  return getPath({ root: obj } as Record<string, unknown>, `root.${path.replace(/\[(\d+)\]/g, ".$1").replace(/\["([^"]+)"\]/g, ".$1")}`);
}

export function redactionNotice(items: readonly RedactionPreviewItem[]): string {
  return `${items.length} secret${items.length === 1 ? "" : "s"} will be masked when saved`;
}
