// The kinds of learning, one descriptor each (kinds/<kind>.ts): field schema, markdown sections,
// template, label, colour, flags and ranking signals. Everything that varies by kind reads KINDS (or,
// without zod, KIND_BASICS in vocabulary.ts) instead of naming kinds. Every field is optional: a
// markdown-only entry of any kind is valid. Unknown keys are rejected so typos surface.
import { z } from "zod";
import { fix, ZFixFields } from "./kinds/fix.js";
import { gameday, ZGamedayFields } from "./kinds/gameday.js";
import { postmortem, ZPostmortemFields } from "./kinds/postmortem.js";
import { runbook, ZRunbookFields } from "./kinds/runbook.js";
import type { KindDescriptor } from "./kinds/shared.js";
import { transcript, ZTranscriptFields } from "./kinds/transcript.js";
import { ENTRY_KINDS, type EntryKind } from "./vocabulary.js";

export {
  ACTION_ITEM_STATUSES,
  ENTRY_KINDS,
  KIND_BASICS,
  KIND_COLOURS,
  KIND_LABELS,
  SEVERITIES,
  kindBasics,
  kindsWhere,
  type ActionItemStatus,
  type EntryKind,
  type KindBasics,
} from "./vocabulary.js";
export {
  ACTION_ALIASES,
  ZActionItemInput,
  ZActionItemStatus,
  ZDerivedFrom,
  ZSeverity,
  type ActionItemInput,
  type KindDescriptor,
  type MarkdownFallback,
  type MarkdownSection,
  type SectionShape,
} from "./kinds/shared.js";
export { ZFixFields } from "./kinds/fix.js";
export { ZGamedayFields } from "./kinds/gameday.js";
export { ZPostmortemFields } from "./kinds/postmortem.js";
export { ZRunbookFields, ZRunbookStep } from "./kinds/runbook.js";
export { ZTranscriptFields, ZTranscriptMessage, type TranscriptMessage } from "./kinds/transcript.js";

/** Every kind's descriptor, by kind. A new kind is one file in kinds/ plus its line here and in vocabulary.ts. */
export const KINDS = { postmortem, fix, runbook, transcript, gameday } satisfies { [K in EntryKind]: KindDescriptor<K> };

export const ZEntryKind = z.enum(ENTRY_KINDS);

/** The field schema of each kind (KINDS[kind].fields), typed per kind. */
export const KIND_FIELD_SCHEMAS = {
  postmortem: KINDS.postmortem.fields,
  fix: KINDS.fix.fields,
  runbook: KINDS.runbook.fields,
  transcript: KINDS.transcript.fields,
  gameday: KINDS.gameday.fields,
} as const satisfies Record<EntryKind, z.ZodType>;

/** The parsed fields of a kind, as its descriptor's schema gives them. */
export type KindFields<K extends EntryKind> = z.infer<(typeof KINDS)[K]["fields"]>;

export type PostmortemFields = z.infer<typeof ZPostmortemFields>;
export type FixFields = z.infer<typeof ZFixFields>;
export type RunbookFields = z.infer<typeof ZRunbookFields>;
export type TranscriptFields = z.infer<typeof ZTranscriptFields>;
export type GamedayFields = z.infer<typeof ZGamedayFields>;
export type EntryFields = Record<string, unknown>;
