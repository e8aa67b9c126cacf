import { describe, expect, it } from "vitest";
import type { SearchDocument } from "../../port.js";
import { identifierParts, rankingBoost, toMeiliDocument } from "./document.js";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from "./snippet.js";

const NOW = new Date("2026-06-01T00:00:00Z");

function doc(overrides: Partial<SearchDocument> = {}): SearchDocument {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    version: 3,
    kind: "fix",
    slug: "raise-max-connections",
    title: "Raise max_connections safely",
    summary: "Pool exhausted",
    body: "Body",
    fieldsText: "",
    tags: ["postgres"],
    services: ["orders-db"],
    fingerprints: ["0123456789abcdef"],
    severity: "SEV2",
    sourceUrl: null,
    externalKey: "INC-42",
    teamId: "team",
    authorId: "author",
    visibility: "org",
    status: "published",
    grantUserIds: ["u"],
    grantTeamIds: ["t"],
    feedback: 0,
    reviewDueAt: null,
    createdAt: new Date("2025-12-31T23:30:00Z"),
    updatedAt: new Date("2026-02-01T10:00:00Z"),
    ...overrides,
  };
}

describe("identifierParts", () => {
  it.each<[string, string, string[]]>([
    ["snake_case", "tune max_connections now", ["max", "connections"]],
    ["dotted names", "check node_exporter.scrape_duration", ["node", "exporter", "scrape", "duration"]],
    ["CamelCase alert names", "KubePodCrashLooping fired", ["kube", "pod", "crash", "looping"]],
    ["acronyms inside camel case", "HTTPServerError and getHTTPResponse", ["http", "server", "error", "get", "response"]],
    ["digits stay with their word", "http2Server", ["http2", "server"]],
    ["paths", "see /var/log/pods/api.log", ["var", "log", "pods", "api"]],
    ["Windows paths and ::", "C:\\Windows\\System32 and Foo::BarBaz", ["windows", "system32", "foo", "bar", "baz"]],
    ["hyphens mixed with other separators", "orders-db.internal", ["orders", "db", "internal"]],
    ["plain and hyphenated words add nothing", "the orders-db is down", []],
    ["version numbers and times add nothing", "upgrade 1.2.3 at 10:42:00", []],
    ["one-letter parts are dropped", "e.g. this", []],
    ["each part once", "a_b_cc cc_dd CcDd", ["cc", "dd"]],
  ])("%s", (_name, text, expected) => {
    expect(identifierParts([text])).toEqual(expected);
  });

  it("is bounded for huge bodies", () => {
    const body = Array.from({ length: 5_000 }, (_, i) => `part${i}_x${i}`).join(" ");
    expect(identifierParts([body], 100)).toHaveLength(100);
  });
});

describe("rankingBoost", () => {
  const past = new Date("2026-01-01T00:00:00Z");
  const future = new Date("2027-01-01T00:00:00Z");
  it.each<[string, Partial<SearchDocument>, number]>([
    ["published", { status: "published" }, 300],
    ["draft", { status: "draft" }, 200],
    ["in review", { status: "in_review" }, 200],
    ["archived", { status: "archived" }, 100],
    ["fix feedback counts twice", { feedback: 6 }, 312],
    ["negative feedback", { feedback: -3 }, 294],
    ["feedback is capped", { feedback: 1_000 }, 330],
    ["fresh runbook", { kind: "runbook", reviewDueAt: future }, 305],
    ["stale runbook", { kind: "runbook", reviewDueAt: past }, 285],
    ["review dates only count for runbooks", { kind: "fix", reviewDueAt: past }, 300],
    ["status outweighs every signal", { status: "draft", feedback: 1_000, kind: "runbook", reviewDueAt: future }, 235],
  ])("%s", (_name, overrides, expected) => {
    expect(rankingBoost(doc(overrides), NOW)).toBe(expected);
  });

  it("keeps every published entry above every draft", () => {
    const worstPublished = rankingBoost(doc({ status: "published", feedback: -1_000, kind: "runbook", reviewDueAt: new Date(0) }), NOW);
    const bestDraft = rankingBoost(doc({ status: "draft", feedback: 1_000, kind: "runbook", reviewDueAt: new Date("2999-01-01") }), NOW);
    expect(worstPublished).toBeGreaterThan(bestDraft);
  });
});

describe("toMeiliDocument", () => {
  it("flattens times to epoch milliseconds, adds year, boost and identifier parts", () => {
    const m = toMeiliDocument(doc({ feedback: 2 }), NOW);
    expect(m).toMatchObject({
      id: "00000000-0000-4000-8000-000000000001",
      version: 3,
      year: 2025, // the UTC year of createdAt
      createdAt: Date.parse("2025-12-31T23:30:00Z"),
      updatedAt: Date.parse("2026-02-01T10:00:00Z"),
      boost: 304,
      grantUserIds: ["u"],
      grantTeamIds: ["t"],
      fingerprints: ["0123456789abcdef"],
      externalKey: "INC-42",
    });
    expect(m.identifierParts.split(" ")).toEqual(expect.arrayContaining(["max", "connections"]));
    expect(JSON.parse(JSON.stringify(m))).toEqual(m); // plain JSON, no Dates
  });

  it("strips the highlight markers from text so an entry cannot forge a highlight", () => {
    const m = toMeiliDocument(doc({ title: `a${HIGHLIGHT_PRE}b`, body: `x${HIGHLIGHT_PRE}y${HIGHLIGHT_POST}z` }), NOW);
    expect(m.title).toBe("ab");
    expect(m.body).toBe("xyz");
  });
});
