import { describe, expect, it } from "vitest";
import { buildQuerySpecs, generateEntry, QUERY_CLASSES } from "./generator.js";
import type { BulkEntry } from "./hindsight-client.js";
import { FIXTURE_DOCS } from "./test/fixtures.js";
import { DEFAULT_MIX, parseMix, TRAFFIC_CLASSES, TrafficSource, trafficPlan, type TrafficClass } from "./traffic.js";
import { buildVocabulary } from "./vocabulary.js";

const vocab = buildVocabulary(FIXTURE_DOCS);
const specs = buildQuerySpecs(vocab, "t");

function countOf(classes: readonly TrafficClass[]): Record<TrafficClass, number> {
  const counts = { search: 0, read: 0, write: 0 };
  for (const c of classes) counts[c]++;
  return counts;
}

/** What the load driver sends: the plan walked by one shared cursor. */
const walk = (plan: readonly TrafficClass[], n: number) => Array.from({ length: n }, (_, i) => plan[i % plan.length]!);

describe("the traffic mix", () => {
  it("reduces 80/15/5 to a 20-request cycle with 16 searches, 3 reads, 1 write", () => {
    const plan = trafficPlan(DEFAULT_MIX);
    expect(plan).toHaveLength(20);
    expect(countOf(plan)).toEqual({ search: 16, read: 3, write: 1 });
  });

  it.each([1_000, 10_000, 20_001])("keeps 80/15/5 over %i requests, and every prefix within one request of it", (n) => {
    const sent = walk(trafficPlan(DEFAULT_MIX), n);
    const counts = { search: 0, read: 0, write: 0 };
    let worst = 0;
    sent.forEach((c, i) => {
      counts[c]++;
      for (const k of TRAFFIC_CLASSES) worst = Math.max(worst, Math.abs(counts[k] - ((i + 1) * DEFAULT_MIX[k]) / 100));
    });
    expect(worst).toBeLessThan(1);
    for (const k of TRAFFIC_CLASSES) expect(counts[k] / n).toBeCloseTo(DEFAULT_MIX[k] / 100, 3);
  });

  it("spreads classes through the cycle instead of bunching them", () => {
    const plan = trafficPlan(DEFAULT_MIX);
    const reads = plan.flatMap((c, i) => (c === "read" ? [i] : []));
    // 3 reads in 20 slots: gaps of 6 or 7, the wrap into the next cycle included.
    const gaps = [...reads.slice(1).map((r, i) => r - reads[i]!), reads[0]! + plan.length - reads[reads.length - 1]!];
    expect(gaps.every((gap) => gap >= 6 && gap <= 7)).toBe(true);
    // The write sits in the middle, as far as can be from the next cycle's write.
    expect(plan.indexOf("write")).toBe(10);
  });

  it("handles other mixes, zero weights included", () => {
    expect(countOf(trafficPlan({ search: 50, read: 50, write: 0 }))).toEqual({ search: 1, read: 1, write: 0 });
    expect(countOf(trafficPlan({ search: 7, read: 2, write: 1 }))).toEqual({ search: 7, read: 2, write: 1 });
    expect(() => trafficPlan({ search: 0, read: 0, write: 0 })).toThrow(/no weight/);
  });

  it("parses --mix positionally or by name and refuses nonsense", () => {
    expect(parseMix("80,15,5")).toEqual(DEFAULT_MIX);
    expect(parseMix("write=5, search=80, read=15")).toEqual(DEFAULT_MIX);
    for (const bad of ["80,15", "80,15,5,1", "80,x,5", "search=80,search=15,write=5", "find=80,read=15,write=5", "0,0,0", "-1,15,5"]) {
      expect(() => parseMix(bad), bad).toThrow(/search,read,write/);
    }
  });
});

describe("the requests of each class", () => {
  const ids = Array.from({ length: 50 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
  const source = () => new TrafficSource({ specs, seed: "t", entryIds: ids, size: 50, vocab });

  it("rotates searches through the whole query set, a fresh paste for every error line", () => {
    const s = source();
    const searches = Array.from({ length: specs.length * 2 }, () => s.next("search"));
    expect(new Set(searches.map((r) => r.detail))).toEqual(new Set(QUERY_CLASSES));
    for (const r of searches) {
      expect(r.method).toBe("GET");
      expect(r.path).toMatch(/^\/api\/v1\/search\?q=.+&limit=10/);
    }
    const errors = searches.filter((r) => r.detail === "error").map((r) => r.path);
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors).size).toBe(errors.length);
    expect(s.issued()).toEqual({ search: specs.length * 2, read: 0, write: 0 });
  });

  it("reads every existing entry once per pass, in a seeded order that is not the import order", () => {
    const s = source();
    const paths = Array.from({ length: ids.length }, () => s.next("read").path);
    expect(new Set(paths)).toEqual(new Set(ids.map((id) => `/api/v1/entries/${id}`)));
    expect(paths).not.toEqual(ids.map((id) => `/api/v1/entries/${id}`));
    const again = source();
    expect(Array.from({ length: ids.length }, () => again.next("read").path)).toEqual(paths);
  });

  it("alternates updates of imported entries (a real change) with new entries, never two writes on one key", () => {
    const s = source();
    const writes = Array.from({ length: 40 }, () => s.next("write"));
    expect(writes.map((w) => w.detail)).toEqual(Array.from({ length: 40 }, (_, k) => (k % 2 ? "create" : "update")));
    const bodies = writes.map((w) => JSON.parse(w.body!) as BulkEntry);
    const keys = bodies.map((b) => b.externalKey);
    expect(new Set(keys).size).toBe(40);
    bodies.forEach((b, k) => {
      expect(writes[k]!.method).toBe("POST");
      expect(writes[k]!.path).toBe("/api/v1/entries");
      const j = Math.floor(k / 2);
      if (k % 2 === 0) {
        const original = generateEntry(j, vocab, { seed: "t" });
        expect(b.externalKey).toBe(original.externalKey);
        expect(b.title).toBe(original.title);
        expect(b.summary).not.toBe(original.summary);
      } else {
        expect(b.externalKey).toBe(generateEntry(50 + j, vocab, { seed: "t" }).externalKey);
      }
    });
  });

  it("refuses to start without queries or imported entries", () => {
    expect(() => new TrafficSource({ specs: [], seed: "t", entryIds: ids, size: 50, vocab })).toThrow(/queries/);
    expect(() => new TrafficSource({ specs, seed: "t", entryIds: [], size: 0, vocab })).toThrow(/imported entry/);
  });
});
