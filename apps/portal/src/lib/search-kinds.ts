// Small vocabulary helpers for the search pages and the layout: "New …" action labels and kind checks
// for URL values. Names and colours themselves are in lib/labels (from the domain's
// zod-free vocabulary module, so the first download does not carry zod).
import { ENTRY_KINDS, type EntryKind } from "@hindsight/domain";
import { KIND_LABELS } from "./labels";

/** The label of a "New …" action: "New postmortem", "New game day". */
export function newEntryLabel(kind: EntryKind): string {
  return `New ${KIND_LABELS[kind].toLowerCase().replace("chatops", "ChatOps")}`;
}

export function isEntryKind(value: string): value is EntryKind {
  return (ENTRY_KINDS as readonly string[]).includes(value);
}
