// The domain's plain vocabulary: kinds, statuses and severities as constants, with no schemas. Kept
// apart from the zod schemas so a browser page that only needs names (the portal's first download)
// does not load zod to get them.
export const ENTRY_KINDS = ["postmortem", "fix", "runbook", "transcript", "gameday"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const KIND_LABELS: Record<EntryKind, string> = {
  postmortem: "Postmortem",
  fix: "Fix",
  runbook: "Runbook",
  transcript: "ChatOps transcript",
  gameday: "Game day",
};

export const ENTRY_STATUSES = ["draft", "in_review", "published", "archived"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4", "near-miss"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTION_ITEM_STATUSES = ["open", "in_progress", "done", "wont_do"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
