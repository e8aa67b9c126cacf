// What every kind descriptor is made of, and the field pieces several kinds share (action items,
// "derived from" links). A kind's own file (kinds/<kind>.ts) fills these in; kinds.ts lists them.
import { z } from "zod";
import { ACTION_ITEM_STATUSES, SEVERITIES, type EntryKind, type KindBasics } from "../vocabulary.js";

export const text = z.string().max(20_000);
export const lines = z.array(z.string().max(5_000)).max(500);
export const isoDate = z.iso.datetime({ offset: true });

export const ZSeverity = z.enum(SEVERITIES);

export const ZActionItemStatus = z.enum(ACTION_ITEM_STATUSES);

/**
 * An action item as written in a postmortem or game day. Once saved, each becomes a tracked row of
 * its own (owner, due date, status, closing link); `id` ties the two together across saves.
 */
export const ZActionItemInput = z.strictObject({
  id: z.string().uuid().optional(),
  title: z.string().trim().min(1, "action item title is required").max(500),
  /** A person's handle or name, as written. */
  owner: z.string().trim().max(120).optional(),
  /** Owner team slug. */
  team: z.string().trim().max(120).optional(),
  dueDate: z.iso.date({ message: "dueDate must be YYYY-MM-DD" }).optional(),
  status: ZActionItemStatus.optional(),
  /** The fix or runbook entry that closed this item. */
  closedByEntryId: z.string().uuid().optional(),
});
export type ActionItemInput = z.infer<typeof ZActionItemInput>;

/** Where a fix or runbook was promoted from: a transcript and the messages picked in it. */
export const ZDerivedFrom = z.strictObject({
  entryId: z.string().uuid(),
  messageTs: z.array(z.string().max(64)).max(1_000).default([]),
});

/** How a markdown section's content becomes a field value. */
export type SectionShape = "text" | "lines" | "steps" | "stepLines" | "timeline" | "actions" | "errors";

/** A heading that feeds a field: the first section whose alias matches a heading wins. */
export interface MarkdownSection {
  field: string;
  shape: SectionShape;
  aliases: readonly string[];
}

/**
 * What plain markdown without the usual headings still gives (formats/markdown-entry.ts runs them):
 * - errorsFromSymptomCode: code blocks under "Symptoms" become `errorSignatures` when no errors section exists;
 * - bodyAsSteps: a document written as one procedure becomes `steps` when nothing else matched;
 * - severityFromText: "Severity: SEV2" anywhere in the prose sets `severity`.
 */
export type MarkdownFallback = "errorsFromSymptomCode" | "bodyAsSteps" | "severityFromText";

/**
 * One kind of entry, whole: the plain half (label, colour, flags, ranking signals, from vocabulary.ts)
 * plus its field schema, how plain markdown maps onto its fields, and the template a new one starts from.
 */
export interface KindDescriptor<K extends EntryKind = EntryKind, S extends z.ZodObject = z.ZodObject> extends KindBasics {
  kind: K;
  fields: S;
  markdown: { sections: readonly MarkdownSection[]; fallbacks: readonly MarkdownFallback[] };
  template: { body: string; fields: z.input<S> };
}

export const ACTION_ALIASES = [
  "action items",
  "action item",
  "actions",
  "follow up",
  "follow ups",
  "followups",
  "next steps",
  "corrective actions",
  "remediation items",
  "todo",
  "to do",
  "todos",
];
