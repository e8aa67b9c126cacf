// Kind and status names for the search pages and the layout, drawn from the domain's zod-free
// vocabulary module (so the first download does not carry zod) and from lib/labels.
import { ENTRY_KINDS, SEVERITIES, type EntryKind } from "@hindsight/domain";
import { KIND_COLORS, KIND_LABELS, STATUS_LABELS } from "./labels";

export const SEARCH_KINDS = ENTRY_KINDS;
export const KIND_NAMES = KIND_LABELS;
export const KIND_HUES = KIND_COLORS;

/** The label of a "New …" action: "New postmortem", "New game day". */
export function newEntryLabel(kind: EntryKind): string {
  return `New ${KIND_NAMES[kind].toLowerCase().replace("chatops", "ChatOps")}`;
}

export function isEntryKind(value: string): value is EntryKind {
  return (SEARCH_KINDS as readonly string[]).includes(value);
}

export const STATUS_NAMES = STATUS_LABELS;

export const SEVERITY_ORDER = SEVERITIES;

export const SEVERITY_HUES: Record<string, string> = {
  SEV1: "red",
  SEV2: "orange",
  SEV3: "yellow",
  SEV4: "gray",
  "near-miss": "blue",
};
