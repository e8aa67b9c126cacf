// Templates: a new entry of a kind starts from the headings and structured fields of its descriptor
// (KINDS[kind].template), so every entry of a kind reads the same way.
import { ENTRY_KINDS, KINDS, type EntryKind } from "./kinds.js";

export interface EntryTemplate {
  kind: EntryKind;
  title: string;
  summary: string;
  body: string;
  fields: Record<string, unknown>;
}

export function templateFor(kind: EntryKind): EntryTemplate {
  const { body, fields } = KINDS[kind].template;
  return structuredClone({ kind, title: "", summary: "", body, fields: fields as Record<string, unknown> });
}

/** Every kind's template, as a new entry of it starts. */
export const TEMPLATES = Object.fromEntries(ENTRY_KINDS.map((kind) => [kind, templateFor(kind)])) as Record<EntryKind, EntryTemplate>;
