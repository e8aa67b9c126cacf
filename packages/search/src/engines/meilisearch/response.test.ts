import { fingerprintError, type EntryKind } from "@hindsight/domain";
import { describe, expect, it } from "vitest";
import type { SearchQuery } from "../../port.js";
import { planMeiliSearch, type MeiliSearchRequest } from "./query.js";
import { fromMeiliResponse, listTotal, mergeHits, snippetOf, toFacets, toSearchHit, type MeiliHit, type MeiliResponse } from "./response.js";
import { HIGHLIGHT_POST as E, HIGHLIGHT_PRE as S, safeHighlight } from "./snippet.js";

const hit = (id: string, extra: Partial<MeiliHit> = {}): MeiliHit => ({
  id,
  kind: "fix",
  slug: `s-${id}`,
  title: `T ${id}`,
  teamId: "t1",
  status: "published",
  severity: null,
  sourceUrl: null,
  externalKey: null,
  updatedAt: Date.parse("2026-03-01T00:00:00Z"),
  _rankingScore: 0.5,
  ...extra,
});

describe("safeHighlight", () => {
  it.each([
    ["escapes HTML and keeps the marks", `The ${S}payload${E} <script>alert("x")</script> hit`, 'The <mark>payload</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; hit'],
    ["a literal <mark> in the text stays text", `<mark>not ours</mark> and ${S}ours${E}`, "&lt;mark&gt;not ours&lt;/mark&gt; and <mark>ours</mark>"],
    ["ampersands and quotes", `a & b 'c'`, "a &amp; b &#39;c&#39;"],
    ["an unclosed mark is closed", `${S}open`, "<mark>open</mark>"],
    ["a stray end marker is dropped", `x${E}y`, "xy"],
    ["nested starts do not nest", `${S}a${S}b${E}c${E}`, "<mark>ab</mark>c"],
    ["an attribute-injection attempt stays inert", `${S}x${E}" onmouseover="alert(1)`, '<mark>x</mark>&quot; onmouseover=&quot;alert(1)'],
  ])("%s", (_name, input, expected) => {
    expect(safeHighlight(input)).toBe(expected);
  });
});

describe("snippetOf", () => {
  it.each<[string, Record<string, unknown> | undefined, string]>([
    ["prefers a highlighted summary", { summary: `${S}pool${E} ran dry`, body: `the ${S}pool${E}` }, "<mark>pool</mark> ran dry"],
    ["then a highlighted body", { summary: "Short summary", body: `…the ${S}pool${E}\n\nran dry…` }, "…the <mark>pool</mark> ran dry…"],
    ["then highlighted structured fields", { summary: "", body: "nothing", fieldsText: `step: ${S}drain${E}` }, "step: <mark>drain</mark>"],
    ["else the summary", { summary: "Plain <b>summary</b>", body: "body" }, "Plain &lt;b&gt;summary&lt;/b&gt;"],
    ["else the start of the body", { summary: "", body: "Body start…" }, "Body start…"],
    ["nothing formatted", undefined, ""],
  ])("%s", (_name, formatted, expected) => {
    expect(snippetOf({ _formatted: formatted })).toBe(expected);
  });

  it("escapes a script in a body while the marks survive", () => {
    const s = snippetOf({ _formatted: { summary: "", body: `The ${S}payload${E} <script>alert("x")</script> hit the ${S}parser${E}; <img src=x onerror=alert(1)> too.` } });
    expect(s).toContain("<mark>payload</mark>");
    expect(s).toContain("<mark>parser</mark>");
    expect(s).toContain("&lt;script&gt;");
    expect(s).not.toMatch(/<(?!\/?mark>)/);
  });
});

describe("toSearchHit", () => {
  it("maps a Meilisearch hit to the port's hit", () => {
    expect(toSearchHit(hit("a", { severity: "SEV1", _formatted: { body: `${S}x${E}` } }), true)).toEqual({
      id: "a",
      kind: "fix",
      slug: "s-a",
      title: "T a",
      snippet: "<mark>x</mark>",
      teamId: "t1",
      status: "published",
      severity: "SEV1",
      sourceUrl: null,
      externalKey: null,
      updatedAt: new Date("2026-03-01T00:00:00Z"),
      score: 0.5,
      fingerprintMatch: true,
    });
  });

  it("defaults fields Meilisearch left out", () => {
    const h = toSearchHit({ id: "b", kind: "runbook", slug: "s", title: "t", status: "draft", updatedAt: 0 }, false);
    expect(h).toMatchObject({ teamId: null, severity: null, sourceUrl: null, externalKey: null, score: 0, snippet: "" });
  });
});

describe("toFacets", () => {
  it("renames attributes to the port's facet names and sums distributions", () => {
    const facets = toFacets(
      { kind: { fix: 2 }, teamId: { t1: 2 }, services: { orders: 1 }, tags: { kafka: 2 }, severity: { SEV2: 1 }, status: { published: 2 }, year: { "2026": 2 } },
      { kind: { fix: 1, runbook: 1 }, year: { "2024": 1 }, tags: { empty: 0 } },
      undefined,
    );
    expect(facets).toEqual({
      kind: { fix: 3, runbook: 1 },
      team: { t1: 2 },
      service: { orders: 1 },
      tag: { kafka: 2 },
      severity: { SEV2: 1 },
      status: { published: 2 },
      year: { "2026": 2, "2024": 1 },
    });
  });
});

describe("mergeHits", () => {
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
  const h = (...xs: string[]) => xs.map((id) => ({ id }));
  it.each<[string, string[], string[], number, string[], number, number]>([
    ["first list first", ["f1", "f2"], ["m1", "m2"], 3, ["f1", "f2", "m1"], 2, 1],
    ["first list fills the page", ["f1", "f2", "f3"], ["m1"], 2, ["f1", "f2"], 2, 0],
    ["no first list", [], ["m1", "m2"], 5, ["m1", "m2"], 0, 2],
    ["duplicates are dropped but consumed", ["a", "b"], ["b", "c"], 3, ["a", "b", "c"], 2, 2],
    ["empty", [], [], 3, [], 0, 0],
  ])("%s", (_name, first, second, limit, expected, usedFirst, usedSecond) => {
    const page = mergeHits(h(...first), h(...second), limit);
    expect(ids(page.hits)).toEqual(expected);
    expect([page.usedFirst, page.usedSecond]).toEqual([usedFirst, usedSecond]);
  });
});

describe("listTotal", () => {
  it.each<[string, number, number, number, number | undefined, { total: number; exact: boolean }]>([
    ["a short first page is exact", 3, 0, 10, 3, { total: 3, exact: true }],
    ["a short later page is exact", 2, 20, 10, 25, { total: 22, exact: true }],
    ["no hits at the start: exactly none", 0, 0, 10, 0, { total: 0, exact: true }],
    ["a full page is Meilisearch's estimate", 10, 0, 10, 57, { total: 57, exact: false }],
    ["an empty page past the start proves nothing", 0, 30, 10, 25, { total: 30, exact: false }],
  ])("%s", (_name, n, offset, requested, estimated, expected) => {
    const res: MeiliResponse = { hits: Array.from({ length: n }, (_, i) => hit(`h${i}`)), ...(estimated === undefined ? {} : { estimatedTotalHits: estimated }) };
    expect(listTotal(res, offset, requested)).toEqual(expected);
  });
});

/** A stand-in for Meilisearch over fixed ranked lists: answers a request by offset and limit. */
function answer(list: MeiliHit[], req: MeiliSearchRequest, facets: Record<string, Record<string, number>> = {}): MeiliResponse {
  return { hits: list.slice(req.offset, req.offset + req.limit), estimatedTotalHits: list.length, facetDistribution: facets };
}

describe("fromMeiliResponse", () => {
  const base: SearchQuery = { q: "connection pool", scope: { all: true }, limit: 3 };

  it("text mode: hits, exact total on a short page, facets, no next cursor", () => {
    const plan = planMeiliSearch(base);
    const res = fromMeiliResponse(plan, answer([hit("a"), hit("b")], plan.main, { kind: { fix: 2 } }));
    expect(res.mode).toBe("text");
    expect(res.hits.map((x) => x.id)).toEqual(["a", "b"]);
    expect(res.hits.every((x) => !x.fingerprintMatch)).toBe(true);
    expect(res).toMatchObject({ total: 2, totalIsEstimate: false, nextCursor: null });
    expect(res.facets.kind).toEqual({ fix: 2 });
    expect(res.facets.team).toEqual({});
  });

  it("text mode: pages through a long list without repeats", () => {
    const list = Array.from({ length: 8 }, (_, i) => hit(`m${i}`));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const plan = planMeiliSearch({ ...base, cursor });
      const res = fromMeiliResponse(plan, answer(list, plan.main));
      seen.push(...res.hits.map((x) => x.id));
      cursor = res.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(list.map((x) => x.id));
    expect(pages).toBe(3);
  });

  it("error mode: fingerprint hits first on every page, then text hits, each once, totals and facets summed", () => {
    const line = "FATAL: remaining connection slots are reserved for non-replication superuser connections";
    const fpList = Array.from({ length: 4 }, (_, i) => hit(`f${i}`, { kind: "fix" as EntryKind }));
    const mainList = Array.from({ length: 5 }, (_, i) => hit(`m${i}`, { kind: "postmortem" as EntryKind }));
    const seen: { id: string; fp: boolean }[] = [];
    let cursor: string | null = null;
    let first: ReturnType<typeof fromMeiliResponse> | null = null;
    for (let page = 0; page < 10; page++) {
      const plan = planMeiliSearch({ ...base, q: line, cursor });
      expect(plan.mode).toBe("error");
      expect(plan.fingerprints).toContain(fingerprintError(line));
      const res = fromMeiliResponse(plan, answer(mainList, plan.main, { kind: { postmortem: 5 } }), answer(fpList, plan.fingerprint!, { kind: { fix: 4 } }));
      first ??= res;
      expect(res.mode).toBe("error");
      expect(res.hits.length).toBeLessThanOrEqual(3);
      seen.push(...res.hits.map((x) => ({ id: x.id, fp: x.fingerprintMatch })));
      cursor = res.nextCursor;
      if (!cursor) break;
    }
    expect(seen.map((x) => x.id)).toEqual(["f0", "f1", "f2", "f3", "m0", "m1", "m2", "m3", "m4"]);
    expect(seen.filter((x) => x.fp).map((x) => x.id)).toEqual(["f0", "f1", "f2", "f3"]);
    expect(first!.total).toBe(9);
    expect(first!.totalIsEstimate).toBe(true); // both first pages were full
    expect(first!.facets.kind).toEqual({ fix: 4, postmortem: 5 });
  });

  it("error mode with no fingerprint hits is the text result", () => {
    const plan = planMeiliSearch({ ...base, q: "ECONNREFUSED 127.0.0.1:6379" });
    const res = fromMeiliResponse(plan, answer([hit("m0")], plan.main), answer([], plan.fingerprint!));
    expect(res).toMatchObject({ mode: "error", total: 1, totalIsEstimate: false, nextCursor: null });
    expect(res.hits.map((x) => x.id)).toEqual(["m0"]);
  });
});
