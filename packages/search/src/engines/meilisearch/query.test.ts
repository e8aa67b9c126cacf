import { DomainError, fingerprintError, type ReadScope } from "@hindsight/domain";
import { describe, expect, it } from "vitest";
import type { SearchQuery } from "../../port.js";
import {
  CROP_LENGTH,
  decodeCursor,
  encodeCursor,
  errorFingerprints,
  errorQueryText,
  planMeiliSearch,
  readableEntryFilter,
  relatedQueryText,
  relatedRequest,
  toMeiliSearchParams,
} from "./query.js";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from "./snippet.js";
import { evaluateFilter, parseFilter } from "./testing.js";

const ADMIN: ReadScope = { all: true };
const MEMBER: ReadScope = { all: false, userId: "u1", teamIds: ["t1"], orgReadableStatuses: ["published", "archived"] };
const q = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ q: text, scope: ADMIN, limit: 10, ...extra });

const LINE_A = "2026-09-14 09:12:03.114 UTC [4127] FATAL: remaining connection slots are reserved for non-replication superuser connections";
const LINE_B = "2026-11-02 22:01:59.870 UTC [88231] FATAL: remaining connection slots are reserved for non-replication superuser connections";

describe("cursor", () => {
  it.each([
    { main: 0, fp: 0 },
    { main: 30, fp: 4 },
    { main: 5000, fp: 0 },
  ])("round-trips %j", (c) => {
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it("starts at the beginning without one", () => {
    expect(decodeCursor(null)).toEqual({ main: 0, fp: 0 });
    expect(decodeCursor(undefined)).toEqual({ main: 0, fp: 0 });
    expect(decodeCursor("")).toEqual({ main: 0, fp: 0 });
  });

  it.each([
    ["garbage", "not a cursor"],
    ["negative", Buffer.from(JSON.stringify({ m: -1, f: 0 })).toString("base64url")],
    ["fractional", Buffer.from(JSON.stringify({ m: 1.5, f: 0 })).toString("base64url")],
    ["past the hit cap", Buffer.from(JSON.stringify({ m: 5001, f: 0 })).toString("base64url")],
    ["missing part", Buffer.from(JSON.stringify({ m: 1 })).toString("base64url")],
    ["another engine's", Buffer.from(JSON.stringify({ o: 10 })).toString("base64url")],
  ])("rejects a %s cursor as invalid input", (_name, cursor) => {
    let err: unknown;
    try {
      decodeCursor(cursor);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("INVALID");
  });
});

describe("toMeiliSearchParams", () => {
  it("asks for hits, cropped and highlighted snippets with marker tags, facets and scores", () => {
    const p = toMeiliSearchParams(q("connection pool"));
    expect(p).toMatchObject({
      q: "connection pool",
      offset: 0,
      limit: 10,
      attributesToRetrieve: ["id", "kind", "slug", "title", "teamId", "status", "severity", "sourceUrl", "externalKey", "updatedAt"],
      attributesToCrop: ["summary", "body", "fieldsText"],
      attributesToHighlight: ["summary", "body", "fieldsText"],
      cropLength: CROP_LENGTH,
      highlightPreTag: HIGHLIGHT_PRE,
      highlightPostTag: HIGHLIGHT_POST,
      facets: ["kind", "teamId", "services", "tags", "severity", "status", "year"],
      showRankingScore: true,
      matchingStrategy: "last",
    });
    expect(p.filter).toBeUndefined(); // admin, no filters
    expect(p.sort).toBeUndefined(); // relevance
    expect(p.attributesToRetrieve).not.toContain("body");
  });

  it.each<[string, SearchQuery, Partial<ReturnType<typeof toMeiliSearchParams>>]>([
    ["newest with words: date order over documents having every word", q("pool", { sort: "newest" }), { sort: ["updatedAt:desc"], matchingStrategy: "all" }],
    ["browse: newest first", q("  "), { q: "", sort: ["updatedAt:desc"] }],
    ["limit is clamped", q("x", { limit: 10_000 }), { limit: 100 }],
    ["limit at least one", q("x", { limit: 0 }), { limit: 1 }],
    ["offset from the cursor", q("x", { cursor: encodeCursor({ main: 20, fp: 0 }) }), { offset: 20 }],
    ["never past the hit cap", q("x", { limit: 50, cursor: encodeCursor({ main: 4990, fp: 0 }) }), { offset: 4990, limit: 10 }],
  ])("%s", (_name, query, expected) => {
    expect(toMeiliSearchParams(query)).toMatchObject(expected);
  });

  it("applies the read scope and the user's filters inside the query", () => {
    const p = toMeiliSearchParams(q("pool", { scope: MEMBER, filters: { kinds: ["fix"] } }));
    expect(p.filter).toBe(
      '(authorId = "u1" OR grantUserIds = "u1" OR grantTeamIds = "t1" OR (visibility = "org" AND status IN ["published", "archived"]) OR (visibility IN ["org", "team"] AND teamId = "t1")) AND kind = "fix"',
    );
  });
});

describe("planMeiliSearch", () => {
  it("is one text search for ordinary words", () => {
    const plan = planMeiliSearch(q("kafka consumer lag"));
    expect(plan.mode).toBe("text");
    expect(plan.fingerprint).toBeNull();
    expect(plan.fingerprints).toEqual([]);
  });

  it("in error mode, adds a fingerprint search and keeps those entries out of the text search", () => {
    const plan = planMeiliSearch(q(LINE_B, { scope: MEMBER, filters: { kinds: ["fix"] }, cursor: encodeCursor({ main: 7, fp: 2 }) }));
    expect(plan.mode).toBe("error");
    expect(plan.fingerprints).toContain(fingerprintError(LINE_A)); // same failure, other timestamp and pid
    const fp = plan.fingerprint!;
    expect(fp).toMatchObject({ q: "", offset: 2, limit: 10 });
    expect(plan.main).toMatchObject({ offset: 7, limit: 10 });

    const readable = { authorId: "u1", visibility: "restricted", status: "draft", teamId: null, grantUserIds: [], grantTeamIds: [], kind: "fix" };
    const fpDoc = { ...readable, fingerprints: [fingerprintError(LINE_A)] };
    const otherDoc = { ...readable, fingerprints: ["ffffffffffffffff"] };
    const hidden = { ...fpDoc, authorId: "someone" };
    const wrongKind = { ...fpDoc, kind: "runbook" };
    const fpFilter = parseFilter(fp.filter!);
    const mainFilter = parseFilter(plan.main.filter!);
    expect([fpDoc, otherDoc, hidden, wrongKind].map((d) => evaluateFilter(fpFilter, d))).toEqual([true, false, false, false]);
    expect([fpDoc, otherDoc, hidden, wrongKind].map((d) => evaluateFilter(mainFilter, d))).toEqual([false, true, false, false]);
  });

  it("browses without a letter or digit, and asks nothing for words that cannot be searched", () => {
    expect(planMeiliSearch(q("*")).main).toMatchObject({ q: "", sort: ["updatedAt:desc"] });
    expect(planMeiliSearch(q("*")).nothing).toBe(false);
    for (const text of ["the", "how to", "x", "k".repeat(45), "hQpZkWmXvTrYbNcLdFgJsAeRuIoPlKjHgFdSaQwErTyUiOp"]) expect(planMeiliSearch(q(text)).nothing, text).toBe(true);
    for (const text of ["kafka", "how to rotate", "KubePodCrashLooping", LINE_A]) expect(planMeiliSearch(q(text)).nothing, text).toBe(false);
  });

  it("searches the words of an error line, not its timestamps, ids and quotes", () => {
    const text = errorQueryText('2026-11-02T22:01:59Z level=error msg="dial tcp 10.0.3.7:5432: connect: connection refused" request_id=9f2c');
    expect(text).not.toMatch(/2026|10\.0|9f2c|"|</);
    expect(text).toContain("connection refused");
    expect(text).toContain("5432");
  });
});

describe("errorFingerprints", () => {
  it("fingerprints a pasted line as a fix's signature would be", () => {
    expect(errorFingerprints(LINE_B)).toContain(fingerprintError(LINE_A));
  });

  it("fingerprints each error line of a pasted trace", () => {
    const trace = [
      "Exception in thread \"main\" java.net.ConnectException: Connection refused (Connection refused)",
      "\tat java.net.PlainSocketImpl.socketConnect(Native Method)",
      "Caused by: java.io.IOException: Broken pipe",
    ].join("\n");
    const fps = errorFingerprints(trace);
    expect(fps.length).toBeGreaterThanOrEqual(1);
    expect(fps.length).toBeLessThanOrEqual(10);
    expect(new Set(fps).size).toBe(fps.length);
  });
});

describe("related", () => {
  it("describes an entry by its title, tags and services", () => {
    expect(relatedQueryText({ title: 'Pool "exhausted"', tags: ["postgres"], services: ["orders-db"] })).toBe("Pool exhausted postgres orders-db");
  });

  it("searches readable entries other than the source", () => {
    const req = relatedRequest("self", "pool", MEMBER, 5);
    expect(req).toMatchObject({ q: "pool", limit: 5, matchingStrategy: "frequency" });
    expect(req.facets).toBeUndefined();
    const f = parseFilter(req.filter!);
    const readable = { authorId: "u1", visibility: "org", status: "published", teamId: null, grantUserIds: [], grantTeamIds: [] };
    expect(evaluateFilter(f, { ...readable, id: "other" })).toBe(true);
    expect(evaluateFilter(f, { ...readable, id: "self" })).toBe(false);
    expect(evaluateFilter(f, { ...readable, id: "other", authorId: "x", visibility: "team" })).toBe(false);
  });

  it("fetches the source only when the scope may read it", () => {
    const f = parseFilter(readableEntryFilter("e1", MEMBER));
    expect(evaluateFilter(f, { id: "e1", authorId: "x", visibility: "restricted", status: "published", teamId: "t1", grantUserIds: [], grantTeamIds: [] })).toBe(false);
    expect(evaluateFilter(f, { id: "e1", authorId: "x", visibility: "org", status: "published", teamId: null, grantUserIds: [], grantTeamIds: [] })).toBe(true);
    expect(readableEntryFilter("e1", ADMIN)).toBe('id = "e1"');
  });
});
