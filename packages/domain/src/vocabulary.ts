// The domain's plain vocabulary: kinds, statuses and severities as constants, with no schemas. Kept
// apart from the zod schemas so a browser page that only needs names (the portal's first download)
// does not load zod to get them.
/**
 * The plain half of a kind's descriptor: what a page or a service needs to know about a kind without
 * its schema (kinds.ts and kinds/<kind>.ts hold the other half: field schema, markdown sections,
 * template). Everything that varies by kind reads these flags instead of naming kinds.
 */
export interface KindBasics {
  label: string;
  /** The label where a line is short (digest lines). */
  shortLabel: string;
  /** A Mantine palette hue; light badges in it must keep 4.5:1 text contrast in both schemes. */
  colour: string;
  /** Its fields hold `actionItems`, which are tracked as rows of their own. */
  carriesActionItems: boolean;
  /** It can be the entry that closes an action item. */
  closesActionItems: boolean;
  /** A markdown file can become one (a transcript comes from a chat export instead). */
  importsFromMarkdown: boolean;
  /** What moves it up or down in search, besides the text match. */
  ranking: {
    /** Readers vote "this worked"; the votes lift or lower it. */
    feedbackVotes: boolean;
    /** It has a review date (`reviewIntervalDays`); overdue ranks lower, fresh a little higher. */
    reviewFreshness: boolean;
  };
}

const NO_SIGNALS = { feedbackVotes: false, reviewFreshness: false } as const;

export const KIND_BASICS = {
  postmortem: {
    label: "Postmortem",
    shortLabel: "Postmortem",
    colour: "red",
    carriesActionItems: true,
    closesActionItems: false,
    importsFromMarkdown: true,
    ranking: NO_SIGNALS,
  },
  // Light badges in these hues keep 4.5:1 text contrast in both schemes; teal and orange did not.
  fix: {
    label: "Fix",
    shortLabel: "Fix",
    colour: "violet",
    carriesActionItems: false,
    closesActionItems: true,
    importsFromMarkdown: true,
    ranking: { feedbackVotes: true, reviewFreshness: false },
  },
  runbook: {
    label: "Runbook",
    shortLabel: "Runbook",
    colour: "blue",
    carriesActionItems: false,
    closesActionItems: true,
    importsFromMarkdown: true,
    ranking: { feedbackVotes: false, reviewFreshness: true },
  },
  transcript: {
    label: "ChatOps transcript",
    shortLabel: "Transcript",
    colour: "grape",
    carriesActionItems: false,
    closesActionItems: false,
    importsFromMarkdown: false,
    ranking: NO_SIGNALS,
  },
  gameday: {
    label: "Game day",
    shortLabel: "Game day",
    colour: "pink",
    carriesActionItems: true,
    closesActionItems: false,
    importsFromMarkdown: true,
    ranking: NO_SIGNALS,
  },
} as const satisfies Record<string, KindBasics>;

export type EntryKind = keyof typeof KIND_BASICS;
/** Every kind, in the order menus and facets list them. */
export const ENTRY_KINDS = Object.keys(KIND_BASICS) as [EntryKind, ...EntryKind[]];

function byKind<T>(pick: (basics: KindBasics) => T): Record<EntryKind, T> {
  return Object.fromEntries(ENTRY_KINDS.map((kind) => [kind, pick(KIND_BASICS[kind])])) as Record<EntryKind, T>;
}

export const KIND_LABELS: Record<EntryKind, string> = byKind((b) => b.label);
export const KIND_COLOURS: Record<EntryKind, string> = byKind((b) => b.colour);

/** The plain descriptor of a kind named by a stored row or a request; undefined for an unknown name. */
export function kindBasics(kind: string): KindBasics | undefined {
  return Object.hasOwn(KIND_BASICS, kind) ? KIND_BASICS[kind as EntryKind] : undefined;
}

/** The kinds whose descriptor sets `flag`. */
export function kindsWhere(flag: (basics: KindBasics) => boolean): EntryKind[] {
  return ENTRY_KINDS.filter((kind) => flag(KIND_BASICS[kind]));
}

export const ENTRY_STATUSES = ["draft", "in_review", "published", "archived"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4", "near-miss"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ACTION_ITEM_STATUSES = ["open", "in_progress", "done", "wont_do"] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
