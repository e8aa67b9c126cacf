// The kinds of learning and the structured fields each kind carries. Every field is optional:
// a markdown-only entry of any kind is valid. Unknown keys are rejected so typos surface.
import { z } from "zod";
import { ACTION_ITEM_STATUSES, ENTRY_KINDS, SEVERITIES, type EntryKind } from "./vocabulary.js";

export {
  ACTION_ITEM_STATUSES,
  ENTRY_KINDS,
  KIND_LABELS,
  SEVERITIES,
  type ActionItemStatus,
  type EntryKind,
} from "./vocabulary.js";
export const ZEntryKind = z.enum(ENTRY_KINDS);

const text = z.string().max(20_000);
const lines = z.array(z.string().max(5_000)).max(500);
const isoDate = z.iso.datetime({ offset: true });

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

export const ZPostmortemFields = z.strictObject({
  severity: ZSeverity.optional(),
  incident: z
    .strictObject({
      startedAt: isoDate.optional(),
      detectedAt: isoDate.optional(),
      mitigatedAt: isoDate.optional(),
      resolvedAt: isoDate.optional(),
    })
    .optional(),
  customerImpact: text.optional(),
  timeline: z.array(z.strictObject({ at: z.string().max(64), text: z.string().max(5_000) })).max(1_000).optional(),
  contributingFactors: lines.optional(),
  wentWell: lines.optional(),
  wentPoorly: lines.optional(),
  gotLucky: lines.optional(),
  lessonsLearned: lines.optional(),
  actionItems: z.array(ZActionItemInput).max(500).optional(),
  /** The transcript of the incident channel, if one was imported. */
  transcriptId: z.string().uuid().optional(),
});

export const ZFixFields = z.strictObject({
  problem: text.optional(),
  symptoms: lines.optional(),
  errorSignatures: lines.optional(),
  cause: text.optional(),
  resolutionSteps: lines.optional(),
  appliesTo: z
    .strictObject({ services: lines.optional(), technologies: lines.optional(), versions: lines.optional() })
    .optional(),
  verification: text.optional(),
  derivedFrom: ZDerivedFrom.optional(),
});

export const ZRunbookStep = z.strictObject({
  text: z.string().min(1).max(5_000),
  command: z.string().max(5_000).optional(),
  expected: z.string().max(5_000).optional(),
});

export const ZRunbookFields = z.strictObject({
  purpose: text.optional(),
  whenToUse: lines.optional(),
  prerequisites: lines.optional(),
  /** What the alert or situation means, and what it does to users. */
  meaning: text.optional(),
  impact: text.optional(),
  diagnosis: z.array(ZRunbookStep).max(500).optional(),
  mitigation: z.array(ZRunbookStep).max(500).optional(),
  steps: z.array(ZRunbookStep).max(500).optional(),
  rollback: text.optional(),
  escalation: text.optional(),
  reviewIntervalDays: z.number().int().min(1).max(3650).optional(),
  lastReviewedAt: isoDate.optional(),
  derivedFrom: ZDerivedFrom.optional(),
});

export const ZTranscriptMessage = z.strictObject({
  /** The message's own id within the transcript (Slack's ts, or a generated one for text logs). */
  ts: z.string().max(64),
  /** When it was said, ISO 8601 (kept from the source). */
  at: isoDate.optional(),
  /** Display name, mentions already resolved. */
  user: z.string().max(200),
  text: z.string().max(40_000),
  /** Set on replies: the ts of the thread's parent. */
  threadTs: z.string().max(64).optional(),
  /** A reply also sent to the channel. */
  broadcast: z.boolean().optional(),
  files: z.array(z.strictObject({ name: z.string().max(500), url: z.string().max(2_000).optional() })).max(100).optional(),
});
export type TranscriptMessage = z.infer<typeof ZTranscriptMessage>;

export const ZTranscriptFields = z.strictObject({
  channel: z.string().max(200).optional(),
  /** slack | text */
  format: z.enum(["slack", "text"]).optional(),
  messages: z.array(ZTranscriptMessage).max(20_000).optional(),
  /** The postmortem this conversation belongs to. */
  postmortemId: z.string().uuid().optional(),
});

export const ZGamedayFields = z.strictObject({
  hypothesis: text.optional(),
  blastRadius: text.optional(),
  failureInjected: text.optional(),
  expected: text.optional(),
  observed: text.optional(),
  findings: lines.optional(),
  actionItems: z.array(ZActionItemInput).max(500).optional(),
});

export const KIND_FIELD_SCHEMAS = {
  postmortem: ZPostmortemFields,
  fix: ZFixFields,
  runbook: ZRunbookFields,
  transcript: ZTranscriptFields,
  gameday: ZGamedayFields,
} as const satisfies Record<EntryKind, z.ZodType>;

export type PostmortemFields = z.infer<typeof ZPostmortemFields>;
export type FixFields = z.infer<typeof ZFixFields>;
export type RunbookFields = z.infer<typeof ZRunbookFields>;
export type TranscriptFields = z.infer<typeof ZTranscriptFields>;
export type GamedayFields = z.infer<typeof ZGamedayFields>;
export type EntryFields = Record<string, unknown>;
