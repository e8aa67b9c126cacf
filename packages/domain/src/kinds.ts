// The kinds of learning and the structured fields each kind carries. Every field is optional:
// a markdown-only entry of any kind is valid. Unknown keys are rejected so typos surface.
import { z } from "zod";

export const ENTRY_KINDS = ["postmortem", "fix", "runbook", "transcript", "gameday"] as const;
export const ZEntryKind = z.enum(ENTRY_KINDS);
export type EntryKind = z.infer<typeof ZEntryKind>;

export const KIND_LABELS: Record<EntryKind, string> = {
  postmortem: "Postmortem",
  fix: "Fix",
  runbook: "Runbook",
  transcript: "ChatOps transcript",
  gameday: "Game day",
};

const text = z.string().max(20_000);
const lines = z.array(z.string().max(5_000)).max(500);
const isoDate = z.iso.datetime({ offset: true });

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4", "near-miss"] as const;
export const ZSeverity = z.enum(SEVERITIES);

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
  steps: z.array(ZRunbookStep).max(500).optional(),
  rollback: text.optional(),
  escalation: text.optional(),
  reviewIntervalDays: z.number().int().min(1).max(3650).optional(),
  lastReviewedAt: isoDate.optional(),
});

export const ZTranscriptMessage = z.strictObject({
  ts: z.string().max(64),
  user: z.string().max(200),
  text: z.string().max(40_000),
  threadTs: z.string().max(64).optional(),
});

export const ZTranscriptFields = z.strictObject({
  channel: z.string().max(200).optional(),
  messages: z.array(ZTranscriptMessage).max(20_000).optional(),
});

export const ZGamedayFields = z.strictObject({
  hypothesis: text.optional(),
  blastRadius: text.optional(),
  failureInjected: text.optional(),
  expected: text.optional(),
  observed: text.optional(),
  findings: lines.optional(),
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
