// The editor's content as the API sees it: built from an entry or a kind's template, validated with
// the very zod schema the API enforces (so most mistakes show before a request), and turned into
// the create and update inputs.
import { templateFor, ZCreateEntryInput, type EntryKind } from "@hindsight/domain";
import type { EditorContent } from "./editor-merge";

export { entryContent } from "./entry-content";

/** A new entry of a kind: its template, a prefilled title (from search's "publish what you learn"), the writer's team. */
export function newEntryContent(kind: EntryKind, opts: { title?: string | null; teamId?: string | null } = {}): EditorContent {
  const template = templateFor(kind);
  return {
    title: opts.title?.trim().slice(0, 200) ?? template.title,
    summary: template.summary,
    body: template.body,
    tags: [],
    services: [],
    teamId: opts.teamId ?? null,
    visibility: "org",
    fields: template.fields,
  };
}

/** Field problems by path ("title", "fields.actionItems.0.title"), first message each; empty when valid. */
export function validateContent(kind: EntryKind, content: EditorContent): Record<string, string> {
  const result = ZCreateEntryInput.safeParse({ kind, ...content, status: "draft" });
  const errors: Record<string, string> = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

/** A sentence listing what to fix, for the save status and a screen reader. */
export function errorSummary(errors: Record<string, string>, label: (path: string) => string): string {
  const keys = Object.keys(errors);
  if (keys.length === 0) return "";
  const named = keys.slice(0, 3).map((k) => `${label(k)}: ${errors[k]}`);
  return `Not saved. Fix ${keys.length === 1 ? "this field" : `${keys.length} fields`}: ${named.join("; ")}${keys.length > 3 ? "; …" : ""}`;
}
