// The rules of the action items page, kept pure so they are tested without a browser: which items a
// tab means (and the API input that asks for them), the tab and filters as URL state, the summary
// figures, the optimistic edit of a cached list, and what an empty list should tell the reader.
import { ACTION_ITEM_STATUS_LABELS, ACTION_ITEM_STATUS_OPTIONS } from "./labels";
import type { AppRouter } from "@hindsight/api";
import { ACTION_ITEM_STATUSES, type ActionItemStatus } from "@hindsight/domain";
import type { inferInput, inferOutput, TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { formatDate } from "./format";

type Api = TRPCOptionsProxy<AppRouter>;
export type ActionItemRow = inferOutput<Api["actionItems"]["list"]>[number];
export type ActionItemListInput = inferInput<Api["actionItems"]["list"]>;
export type ActionItemChange = inferInput<Api["actionItems"]["update"]>;
export type ClosingEntry = NonNullable<ActionItemRow["closedBy"]>;

export const ACTION_ITEM_TABS = ["mine", "teams", "all"] as const;
export type ActionItemsTab = (typeof ACTION_ITEM_TABS)[number];

export const TAB_LABELS: Record<ActionItemsTab, string> = { mine: "Mine", teams: "My teams", all: "All" };

export { ACTION_ITEM_STATUS_OPTIONS };

export function statusLabel(status: ActionItemStatus): string {
  return ACTION_ITEM_STATUS_LABELS[status] ?? status;
}

export const isClosedStatus = (status: ActionItemStatus) => status === "done" || status === "wont_do";

/** The page's state, all of it in the URL so a filtered list can be bookmarked and shared. */
export interface ActionItemsView {
  tab: ActionItemsTab;
  /** Team slug, for the "My teams" tab. */
  team?: string;
  statuses: ActionItemStatus[];
  overdueOnly: boolean;
  /** Only the items of one postmortem or game day (the entry page links here with it). */
  entryId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readView(params: URLSearchParams): ActionItemsView {
  // Unknown values in a hand-edited URL are dropped rather than sent to the API to be rejected.
  const entry = params.get("entry");
  const entryId = entry && UUID.test(entry) ? entry : undefined;
  const tab = ACTION_ITEM_TABS.find((t) => t === params.get("tab")) ?? (entryId ? "all" : "mine");
  const statuses = (params.get("status") ?? "")
    .split(",")
    .flatMap((s) => ACTION_ITEM_STATUSES.filter((known) => known === s.trim()));
  const team = params.get("team")?.trim();
  return {
    tab,
    ...(tab === "teams" && team ? { team } : {}),
    // In the order the statuses go, whatever order the URL had, so equal filters give equal URLs.
    statuses: ACTION_ITEM_STATUSES.filter((s) => statuses.includes(s)),
    overdueOnly: params.get("overdue") === "1",
    ...(entryId ? { entryId } : {}),
  };
}

export function writeView(view: ActionItemsView): URLSearchParams {
  const params = new URLSearchParams();
  const defaultTab = view.entryId ? "all" : "mine";
  if (view.tab !== defaultTab) params.set("tab", view.tab);
  if (view.tab === "teams" && view.team) params.set("team", view.team);
  if (view.statuses.length) params.set("status", ACTION_ITEM_STATUSES.filter((s) => view.statuses.includes(s)).join(","));
  if (view.overdueOnly) params.set("overdue", "1");
  if (view.entryId) params.set("entry", view.entryId);
  return params;
}

export interface Viewer {
  handle: string;
  teams: readonly { id: string; slug: string; name: string }[];
}

/** The team the "My teams" tab shows: the one in the URL when it is one of mine, else my first. */
export function selectedTeam(view: ActionItemsView, viewer: Viewer): Viewer["teams"][number] | undefined {
  return viewer.teams.find((t) => t.slug === view.team) ?? viewer.teams[0];
}

/** Items need the API's list limit; the summary counts up to it and says so when it is reached. */
export const LIST_LIMIT = 500;

/**
 * Whose items the tab means, as list input, without the status filters (the summary counts the
 * whole tab). "Mine" asks by handle: the API matches it against the owner as written ("nico",
 * "@nico") and against the account an owner name resolved to, so it also finds "Nico Newhire".
 * Null when the tab cannot mean anything yet (no team to show).
 */
export function scopeInput(view: ActionItemsView, viewer: Viewer): ActionItemListInput | null {
  const base: ActionItemListInput = { limit: LIST_LIMIT, ...(view.entryId ? { entryId: view.entryId } : {}) };
  switch (view.tab) {
    case "mine":
      return { ...base, owner: viewer.handle };
    case "teams": {
      const team = selectedTeam(view, viewer);
      return team ? { ...base, teamId: team.id } : null;
    }
    case "all":
      return base;
  }
}

/** The table's input: the tab's scope narrowed by the status and overdue filters. */
export function listInput(view: ActionItemsView, viewer: Viewer): ActionItemListInput | null {
  const scope = scopeInput(view, viewer);
  if (!scope) return null;
  return {
    ...scope,
    ...(view.statuses.length ? { status: view.statuses } : {}),
    ...(view.overdueOnly ? { overdue: true } : {}),
  };
}

export const hasFilters = (view: ActionItemsView) => view.statuses.length > 0 || view.overdueOnly;

export interface ActionItemSummary {
  total: number;
  /** Open or in progress. */
  open: number;
  overdue: number;
  closed: number;
  closedThisMonth: number;
  /** Closed over all, 0..1; null when there is nothing to close. */
  closureRate: number | null;
}

type SummaryItem = Pick<ActionItemRow, "status" | "overdue"> & { closedAt: string | Date | null };

/** The figures above the table. "This month" is the reader's calendar month. */
export function summarize(items: readonly SummaryItem[], now: Date = new Date()): ActionItemSummary {
  let open = 0;
  let overdue = 0;
  let closed = 0;
  let closedThisMonth = 0;
  for (const item of items) {
    if (isClosedStatus(item.status)) {
      closed += 1;
      const at = item.closedAt ? new Date(item.closedAt) : null;
      if (at && at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth()) closedThisMonth += 1;
    } else {
      open += 1;
      if (item.overdue) overdue += 1;
    }
  }
  return { total: items.length, open, overdue, closed, closedThisMonth, closureRate: items.length ? closed / items.length : null };
}

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}

/**
 * A cached list after a change, as the API will answer it: the new status (a closing entry means
 * done), closedAt set or cleared, and no longer overdue once closed. Used for optimistic updates.
 */
export function applyChange<T extends ActionItemRow>(
  items: readonly T[],
  change: Pick<ActionItemChange, "id" | "status" | "closedByEntryId">,
  closedBy: ClosingEntry | null = null,
  now: Date = new Date(),
): T[] {
  return items.map((item) => {
    if (item.id !== change.id) return item;
    const status = change.status ?? (change.closedByEntryId ? "done" : item.status);
    const closed = isClosedStatus(status);
    return {
      ...item,
      status,
      overdue: closed ? false : item.overdue,
      closedAt: closed ? (item.closedAt ?? now.toISOString()) : null,
      ...(change.closedByEntryId !== undefined
        ? { closedByEntryId: change.closedByEntryId, closedBy: change.closedByEntryId ? closedBy : null }
        : {}),
    };
  });
}

/** A due date as the calendar day it names, not shifted by the reader's time zone. */
export function formatDueDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return y && m && d ? formatDate(new Date(y, m - 1, d)) : date;
}

export interface EmptyState {
  title: string;
  hint: string;
}

/** What an empty table says: why it is empty and what to do about it. */
export function emptyState(view: ActionItemsView, viewer: Viewer): EmptyState {
  if (view.tab === "teams" && viewer.teams.length === 0) {
    return { title: "You are not in a team yet.", hint: "Ask a team maintainer to add you, or look at “All” for every item you may read." };
  }
  if (hasFilters(view)) {
    return {
      title: view.overdueOnly && view.statuses.length === 0 ? "Nothing is overdue here." : "No action items match these filters.",
      hint: "Clear the filters to see every item in this list.",
    };
  }
  if (view.entryId) {
    return { title: "This entry has no action items.", hint: "Add them in the entry's editor; each one is tracked here once saved." };
  }
  switch (view.tab) {
    case "mine":
      return {
        title: "No action items are assigned to you.",
        hint: `Items are yours when a postmortem or game day names you as the owner (write @${viewer.handle} or your name).`,
      };
    case "teams":
      return {
        title: "This team has no action items.",
        hint: "An item belongs to the team it names, or else to the owner team of its postmortem or game day.",
      };
    case "all":
      return {
        title: "No action items yet.",
        hint: "Add action items to a postmortem or game day; they are tracked here until someone closes them.",
      };
  }
}
