// Human labels and colours for the domain's enumerations. Kind labels come from the domain package;
// status labels live here until the domain names them.
import { ACTION_ITEM_STATUSES, KIND_COLOURS, KIND_LABELS, type ActionItemStatus, type EntryStatus } from "@hindsight/domain";

// A kind's label and colour are part of its descriptor (the domain's KIND_BASICS).
export { KIND_LABELS, KIND_COLOURS as KIND_COLORS };

export const STATUS_LABELS: Record<EntryStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  published: "Published",
  archived: "Archived",
};

export const STATUS_COLORS: Record<EntryStatus, string> = {
  draft: "gray",
  in_review: "yellow",
  published: "green",
  archived: "dark",
};

export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  wont_do: "Won't do",
};

/** The statuses as select options, in their natural order. */
export const ACTION_ITEM_STATUS_OPTIONS = ACTION_ITEM_STATUSES.map((value) => ({ value, label: ACTION_ITEM_STATUS_LABELS[value] }));

/** Severity hues, one set everywhere (light badges in these keep AA contrast in both schemes). */
export const SEVERITY_COLORS: Record<string, string> = {
  SEV1: "red",
  SEV2: "pink",
  SEV3: "grape",
  SEV4: "blue",
  "near-miss": "gray",
};
