import { describe, expect, it } from "vitest";
import {
  applyChange,
  emptyState,
  formatRate,
  listInput,
  readView,
  scopeInput,
  summarize,
  writeView,
  type ActionItemRow,
  type ActionItemsView,
  type Viewer,
} from "./action-items-view";

const ENTRY = "11111111-1111-4111-8111-111111111111";
const FIX = "22222222-2222-4222-8222-222222222222";
const TEAM_A = { id: "33333333-3333-4333-8333-333333333333", slug: "storage", name: "Storage" };
const TEAM_B = { id: "44444444-4444-4444-8444-444444444444", slug: "network", name: "Network" };
const viewer: Viewer = { handle: "nico", teams: [TEAM_A, TEAM_B] };

function row(over: Partial<ActionItemRow> = {}): ActionItemRow {
  return {
    id: "55555555-5555-4555-8555-555555555555",
    entryId: ENTRY,
    entryTitle: "Object store latency",
    entrySlug: "object-store-latency",
    entryKind: "postmortem",
    position: 0,
    title: "Throttle rebalances",
    owner: "nico",
    ownerUserId: null,
    teamId: null,
    teamSlug: "storage",
    dueDate: "2025-01-01",
    status: "open",
    overdue: true,
    closedByEntryId: null,
    closedBy: null,
    closedAt: null,
    updatedAt: "2025-01-01T00:00:00.000Z",
    canUpdate: true,
    ...over,
  } as ActionItemRow;
}

describe("URL state", () => {
  it("defaults to my items with no filters, and writes nothing for the default", () => {
    const view = readView(new URLSearchParams(""));
    expect(view).toEqual({ tab: "mine", statuses: [], overdueOnly: false });
    expect(writeView(view).toString()).toBe("");
  });

  it.each<[string, ActionItemsView]>([
    ["tab=teams&team=network", { tab: "teams", team: "network", statuses: [], overdueOnly: false }],
    ["tab=all&status=open%2Cin_progress&overdue=1", { tab: "all", statuses: ["open", "in_progress"], overdueOnly: true }],
    [`entry=${ENTRY}`, { tab: "all", statuses: [], overdueOnly: false, entryId: ENTRY }],
    [`tab=mine&entry=${ENTRY}`, { tab: "mine", statuses: [], overdueOnly: false, entryId: ENTRY }],
  ])("round-trips %s", (query, view) => {
    expect(readView(new URLSearchParams(query))).toEqual(view);
    expect(writeView(view).toString()).toBe(query);
  });

  it("drops what the API would reject and orders statuses canonically", () => {
    const view = readView(new URLSearchParams("tab=bogus&status=done,nope,open,done&entry=not-a-uuid&overdue=yes&team=x"));
    expect(view).toEqual({ tab: "mine", statuses: ["open", "done"], overdueOnly: false });
  });

  it("keeps a team only on the teams tab", () => {
    expect(writeView({ tab: "all", team: "storage", statuses: [], overdueOnly: false }).toString()).toBe("tab=all");
  });
});

describe("list input", () => {
  it("asks for my items by handle, so written names and resolved accounts both match", () => {
    expect(scopeInput({ tab: "mine", statuses: [], overdueOnly: false }, viewer)).toEqual({ limit: 500, owner: "nico" });
  });

  it("uses the team in the URL when it is mine, else my first team", () => {
    expect(scopeInput({ tab: "teams", team: "network", statuses: [], overdueOnly: false }, viewer)).toMatchObject({ teamId: TEAM_B.id });
    expect(scopeInput({ tab: "teams", team: "someone-else", statuses: [], overdueOnly: false }, viewer)).toMatchObject({ teamId: TEAM_A.id });
    expect(scopeInput({ tab: "teams", statuses: [], overdueOnly: false }, { handle: "x", teams: [] })).toBeNull();
  });

  it("narrows the scope by the filters, and keeps the entry", () => {
    const view: ActionItemsView = { tab: "all", statuses: ["open"], overdueOnly: true, entryId: ENTRY };
    expect(scopeInput(view, viewer)).toEqual({ limit: 500, entryId: ENTRY });
    expect(listInput(view, viewer)).toEqual({ limit: 500, entryId: ENTRY, status: ["open"], overdue: true });
  });
});

describe("summarize", () => {
  const now = new Date(2025, 5, 15);
  it("counts open, overdue, closed this month and the closure rate", () => {
    const s = summarize(
      [
        row({ status: "open", overdue: true }),
        row({ status: "in_progress", overdue: false }),
        row({ status: "done", overdue: false, closedAt: new Date(2025, 5, 2).toISOString() }),
        row({ status: "wont_do", overdue: false, closedAt: new Date(2025, 4, 30).toISOString() }),
      ],
      now,
    );
    expect(s).toEqual({ total: 4, open: 2, overdue: 1, closed: 2, closedThisMonth: 1, closureRate: 0.5 });
  });

  it("has no rate for an empty list", () => {
    expect(summarize([], now).closureRate).toBeNull();
    expect(formatRate(null)).toBe("—");
    expect(formatRate(2 / 3)).toBe("67%");
  });
});

describe("applyChange", () => {
  const now = new Date("2025-06-15T10:00:00Z");
  it("closing an overdue item clears overdue and stamps closedAt", () => {
    const [changed] = applyChange([row()], { id: row().id, status: "done" }, null, now);
    expect(changed).toMatchObject({ status: "done", overdue: false, closedAt: now.toISOString() });
  });

  it("a closing entry means done and carries the link", () => {
    const closer = { id: FIX, slug: "throttle", title: "Throttle", kind: "fix" as const };
    const [changed] = applyChange([row()], { id: row().id, closedByEntryId: FIX }, closer, now);
    expect(changed).toMatchObject({ status: "done", closedByEntryId: FIX, closedBy: closer });
  });

  it("reopening clears closedAt and leaves other items alone", () => {
    const other = row({ id: "66666666-6666-4666-8666-666666666666", status: "done", closedAt: "2025-06-01T00:00:00.000Z" });
    const mine = row({ status: "done", overdue: false, closedAt: "2025-06-01T00:00:00.000Z" });
    const [a, b] = applyChange([mine, other], { id: mine.id, status: "open" }, null, now);
    expect(a).toMatchObject({ status: "open", closedAt: null });
    expect(b).toBe(other);
  });
});

describe("emptyState", () => {
  it.each<[ActionItemsView, Viewer, RegExp]>([
    [{ tab: "mine", statuses: [], overdueOnly: false }, viewer, /@nico/],
    [{ tab: "teams", statuses: [], overdueOnly: false }, { handle: "x", teams: [] }, /maintainer/],
    [{ tab: "all", statuses: ["done"], overdueOnly: false }, viewer, /Clear the filters/],
    [{ tab: "all", statuses: [], overdueOnly: false, entryId: ENTRY }, viewer, /editor/],
  ])("tells the reader what to do (%#)", (view, who, hint) => {
    expect(emptyState(view, who).hint).toMatch(hint);
  });
});
