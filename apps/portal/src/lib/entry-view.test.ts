import { describe, expect, it } from "vitest";
import {
  avatarColor,
  canEdit,
  formatMinutes,
  initials,
  isActionItemOverdue,
  localIsoDate,
  messageSegments,
  messageTime,
  readFields,
  redactionLabel,
  runbookReview,
  stripLeadingTitle,
  suggestTitle,
  threadMessages,
} from "./entry-view";

const TEAM = "11111111-1111-4111-8111-111111111111";
const OTHER_TEAM = "22222222-2222-4222-8222-222222222222";
const ME = "33333333-3333-4333-8333-333333333333";
const SOMEONE = "44444444-4444-4444-8444-444444444444";

describe("canEdit", () => {
  const entry = {
    authorId: SOMEONE,
    teamId: TEAM,
    visibility: "org" as const,
    status: "published" as const,
    grants: { userIds: [], teamIds: [] },
  };
  it("lets owner-team members, authors and admins edit, and nobody else", () => {
    expect(canEdit({ id: ME, orgRole: "member", teams: [{ id: TEAM, role: "member" }] }, entry)).toBe(true);
    expect(canEdit({ id: ME, orgRole: "member", teams: [{ id: OTHER_TEAM, role: "maintainer" }] }, entry)).toBe(false);
    expect(canEdit({ id: SOMEONE, orgRole: "member", teams: [] }, entry)).toBe(true);
    expect(canEdit({ id: ME, orgRole: "admin", teams: [] }, entry)).toBe(true);
  });
});

describe("readFields", () => {
  it("reads the fields when the API says they fit the kind's schema, and nothing when they do not", () => {
    expect(readFields("fix", { fields: { errorSignatures: ["boom"] }, fieldsFit: true })?.errorSignatures).toEqual(["boom"]);
    expect(readFields("fix", { fields: { notAField: 1 }, fieldsFit: false })).toBeNull();
    expect(readFields("runbook", { fields: {}, fieldsFit: true })).toEqual({});
  });
});

describe("formatMinutes", () => {
  it.each([
    [null, "—"],
    [-5, "—"],
    [0, "0 min"],
    [8, "8 min"],
    [60, "1 h"],
    [146, "2 h 26 min"],
    [1440, "1 d"],
    [1440 * 3 + 250, "3 d 4 h"],
  ])("%s -> %s", (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});

describe("isActionItemOverdue", () => {
  const today = "2026-05-10";
  it.each([
    [{ dueDate: "2026-05-09", status: "open" as const }, true],
    [{ dueDate: "2026-05-09", status: "in_progress" as const }, true],
    [{ dueDate: "2026-05-09" }, true],
    [{ dueDate: "2026-05-10", status: "open" as const }, false],
    [{ dueDate: "2026-05-09", status: "done" as const }, false],
    [{ dueDate: "2026-05-09", status: "wont_do" as const }, false],
    [{ status: "open" as const }, false],
  ])("%j -> %s", (item, overdue) => {
    expect(isActionItemOverdue(item, today)).toBe(overdue);
  });

  it("uses the local calendar date", () => {
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
  });
});

describe("runbookReview", () => {
  const now = new Date("2026-06-01T00:00:00Z");
  it("is due an interval after the last review, and stale once that passed", () => {
    const fresh = runbookReview({ reviewIntervalDays: 90, lastReviewedAt: "2026-05-01T00:00:00Z" }, "2020-01-01T00:00:00Z", now);
    expect(fresh.stale).toBe(false);
    expect(fresh.dueAt?.toISOString()).toBe("2026-07-30T00:00:00.000Z");
    const stale = runbookReview({ reviewIntervalDays: 30, lastReviewedAt: "2026-04-01T00:00:00Z" }, "2020-01-01T00:00:00Z", now);
    expect(stale.stale).toBe(true);
  });

  it("counts from creation when never reviewed, and is never stale without an interval", () => {
    expect(runbookReview({ reviewIntervalDays: 10 }, "2026-05-01T00:00:00Z", now).stale).toBe(true);
    expect(runbookReview({}, "2000-01-01T00:00:00Z", now)).toEqual({ lastReviewedAt: null, dueAt: null, stale: false });
  });
});

describe("transcripts", () => {
  const m = (ts: string, user: string, threadTs?: string) => ({ ts, user, text: `msg ${ts}`, ...(threadTs ? { threadTs } : {}) });

  it("puts replies under their parent and keeps orphans visible", () => {
    const threads = threadMessages([m("1", "a"), m("2", "b"), m("3", "c", "1"), m("4", "d", "1"), m("5", "e", "99")]);
    expect(threads.map((t) => [t.message.ts, t.replies.map((r) => r.ts)])).toEqual([
      ["1", ["3", "4"]],
      ["2", []],
      ["5", []],
    ]);
  });

  it("reads the time from `at`, else from Slack's ts", () => {
    expect(messageTime({ ts: "x", at: "2026-09-14T09:13:00Z" })).toBe("2026-09-14T09:13:00Z");
    expect(messageTime({ ts: "1789377180.000100" })).toBe("2026-09-14T09:13:00.000Z");
    expect(messageTime({ ts: "not-a-ts" })).toBeUndefined();
  });

  it("cuts redaction markers and inline code out of message text", () => {
    expect(messageSegments("token [REDACTED:github-token] in `curl -H x` ok")).toEqual([
      { type: "text", text: "token " },
      { type: "redacted", kind: "github-token" },
      { type: "text", text: " in " },
      { type: "code", text: "curl -H x" },
      { type: "text", text: " ok" },
    ]);
    expect(messageSegments("plain")).toEqual([{ type: "text", text: "plain" }]);
    expect(messageSegments("uploaded [notes.md](https://files.example.com/a/notes.md), see https://status.example.com/42.")).toEqual([
      { type: "text", text: "uploaded " },
      { type: "link", text: "notes.md", href: "https://files.example.com/a/notes.md" },
      { type: "text", text: ", see " },
      { type: "link", text: "https://status.example.com/42", href: "https://status.example.com/42" },
      { type: "text", text: "." },
    ]);
    // Only http(s) becomes a link.
    expect(messageSegments("[x](javascript:alert(1))").every((seg) => seg.type === "text")).toBe(true);
    expect(redactionLabel("github-token")).toBe("GitHub token");
    expect(redactionLabel("slack-webhook")).toBe("slack webhook");
  });

  it("makes initials and a stable colour per person", () => {
    expect(initials("Tomás Lindqvist")).toBe("TL");
    expect(initials("PagerBot")).toBe("P");
    expect(initials("  ")).toBe("?");
    expect(avatarColor("Mara Okafor")).toBe(avatarColor("Mara Okafor"));
  });

  it("suggests a draft title from the first picked message", () => {
    expect(suggestTitle([{ text: "Scale back  checkout-api" }])).toBe("Scale back checkout-api");
    const long = suggestTitle([{ text: "word ".repeat(40) }]);
    expect(long.length).toBeLessThanOrEqual(81);
    expect(long.endsWith("…")).toBe(true);
    expect(suggestTitle([])).toBe("");
  });
});

describe("stripLeadingTitle", () => {
  it("drops a first heading that repeats the title, and nothing else", () => {
    expect(stripLeadingTitle("# Checkout timeouts\n\n## Summary\n", "Checkout timeouts")).toBe("## Summary\n");
    expect(stripLeadingTitle("# Something else\n\ntext", "Checkout timeouts")).toBe("# Something else\n\ntext");
    expect(stripLeadingTitle("## Checkout timeouts\n", "Checkout timeouts")).toBe("## Checkout timeouts\n");
    expect(stripLeadingTitle('# Postgres "slots"\ntext', 'postgres "slots"')).toBe("text");
    expect(stripLeadingTitle("# Postgres slots\n\ntext", "Postgres slots: use pgbouncer")).toBe("text");
    expect(stripLeadingTitle("# Postgres\n\ntext", "Postgres slots: use pgbouncer")).toBe("# Postgres\n\ntext");
  });
});
