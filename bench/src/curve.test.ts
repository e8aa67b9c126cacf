import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { diskSizeSql, DISK_RELATIONS, formatGoalChecks, goalChecks, importSteps, parseSizes, resumeSteps, summariseDisk, throughputRatio, type CurvePoint } from "./curve.js";
import { runClosedLoop } from "./load.js";

describe("--sizes", () => {
  it.each([
    ["10000,100000,1000000", [10_000, 100_000, 1_000_000]],
    ["10k,100K,1M", [10_000, 100_000, 1_000_000]],
    ["100_000, 10_000", [10_000, 100_000]],
    ["2.5k,2500,5000", [2_500, 5_000]],
    ["7", [7]],
    ["1.1k,1.5M", [1_100, 1_500_000]],
  ])("reads %j as ascending entry counts %j", (input, expected) => {
    expect(parseSizes(input)).toEqual(expected);
  });

  it.each(["", "0", "-5", "10x", "1.5", "ten", "1e6", "10k,,abc", "0.0001k"])("rejects %j with a clear message", (input) => {
    expect(() => parseSizes(input)).toThrow(InvalidArgumentError);
    expect(() => parseSizes(input)).toThrow(/positive entry counts, e\.g\. 10000,100000,1000000/);
  });

  it("imports only what the previous size did not have", () => {
    expect(importSteps([10_000, 100_000, 1_000_000])).toEqual([
      { from: 0, to: 10_000 },
      { from: 10_000, to: 100_000 },
      { from: 100_000, to: 1_000_000 },
    ]);
    expect(importSteps([5])).toEqual([{ from: 0, to: 5 }]);
    expect(() => importSteps([100, 10])).toThrow(/ascending/);
    expect(() => importSteps([10, 10])).toThrow(/ascending/);
  });

  it("resumes a kept database: imports only what it does not hold, refuses a size it has passed", () => {
    const steps = importSteps([10_000, 100_000, 1_000_000]);
    expect(resumeSteps(steps, 0)).toEqual(steps);
    expect(resumeSteps(steps, 10_000)).toEqual([
      { from: 10_000, to: 10_000 },
      { from: 10_000, to: 100_000 },
      { from: 100_000, to: 1_000_000 },
    ]);
    // Stopped half-way to 100k: the next run picks up there, and a size it holds exactly imports nothing.
    expect(resumeSteps(importSteps([100_000, 1_000_000]), 57_000)).toEqual([
      { from: 57_000, to: 100_000 },
      { from: 100_000, to: 1_000_000 },
    ]);
    expect(resumeSteps(importSteps([1_000_000]), 1_000_000)).toEqual([{ from: 1_000_000, to: 1_000_000 }]);
    expect(() => resumeSteps(steps, 230_000)).toThrow(/holds 230,000 entries, more than the size 10,000/);
  });
});

describe("size on disk", () => {
  it("asks for every relation's table, index and total size in one statement, in order", () => {
    const text = diskSizeSql();
    expect(text.match(/\('([a-z_]+)', (\d+)\)/g)).toEqual(DISK_RELATIONS.map((r, i) => `('${r}', ${i + 1})`));
    for (const fn of ["pg_table_size", "pg_indexes_size", "pg_total_relation_size", "pg_database_size"]) expect(text).toContain(fn);
    // float8, never bigint: node-postgres would hand back strings and PGlite BigInts
    expect(text.match(/::float8/g)).toHaveLength(4);
    expect(text).toContain("to_regclass(r.name)");
    expect(text).not.toContain("$1");
  });

  it.each([["entries; drop table x"], ["Entries"], ["a'b"], [""]])("refuses %j as a relation name", (name) => {
    expect(() => diskSizeSql([name])).toThrow(/not a plain table name/);
  });

  it("refuses an empty list", () => {
    expect(() => diskSizeSql([])).toThrow(/no relations/);
  });

  it("totals the index and the entries, from strings or numbers, and keeps a missing relation as zero", () => {
    const rows = [
      { name: "search_postings", present: true, table_bytes: "700", index_bytes: "300", total_bytes: "1000", database_bytes: "9000" },
      { name: "search_terms", present: true, table_bytes: 60, index_bytes: 40, total_bytes: 100, database_bytes: 9000 },
      { name: "search_docs", present: false, table_bytes: null, index_bytes: null, total_bytes: null, database_bytes: 9000 },
      { name: "entries", present: "t", table_bytes: 20, index_bytes: 10, total_bytes: 30, database_bytes: 9000 },
      { name: "entry_revisions", present: true, table_bytes: 5, index_bytes: 2, total_bytes: 7, database_bytes: 9000 },
    ];
    const d = summariseDisk(rows, 12_345);
    expect(d).toMatchObject({ searchIndexBytes: 1100, entriesBytes: 37, databaseBytes: 9000, dataDirBytes: 12_345 });
    expect(d.relations[0]).toEqual({ name: "search_postings", present: true, tableBytes: 700, indexBytes: 300, totalBytes: 1000 });
    expect(d.relations[2]).toEqual({ name: "search_docs", present: false, tableBytes: 0, indexBytes: 0, totalBytes: 0 });
    expect(d.relations[3]!.present).toBe(true);
    expect(summariseDisk(rows, null).dataDirBytes).toBeNull();
  });
});

function point(p: Partial<CurvePoint> & Pick<CurvePoint, "db" | "size">): CurvePoint {
  return { onDisk: true, engine: { p50: 5, p95: 10 }, http: { p50: 8, p95: 20 }, concurrency: 8, httpThroughput: 90, engineThroughput: 100, serverRss: 500e6, ...p };
}

describe("goal checks", () => {
  it("checks growth from 100k to 1M, the embedded server's memory at 100k and the throughput ratio per step", () => {
    const checks = goalChecks([
      point({ db: "postgres", size: 100_000, http: { p50: 10, p95: 20 } }),
      point({ db: "postgres", size: 1_000_000, http: { p50: 15, p95: 40 }, httpThroughput: 70 }),
      point({ db: "pglite", size: 100_000, serverRss: 1.2e9 }),
    ]);
    expect(checks.map((c) => [c.verdict, c.goal])).toEqual([
      ["PASS", "postgres: HTTP p95 at 1,000,000 <= 2x p95 at 100,000"],
      ["n/a", "pglite: HTTP p95 at 1,000,000 <= 2x p95 at 100,000"],
      ["FAIL", "pglite (embedded server): RSS at 100,000 entries <= 1.00 GB"],
      ["PASS", "postgres 100,000: API throughput >= 0.8x engine alone at 8 clients"],
      ["FAIL", "postgres 1,000,000: API throughput >= 0.8x engine alone at 8 clients"],
      ["PASS", "pglite 100,000: API throughput >= 0.8x engine alone at 8 clients"],
    ]);
    expect(checks[0]!.detail).toBe("40.0 ms vs 20.0 ms = 2.00x");
    expect(checks[4]!.detail).toBe("70 / 100 req/s = 0.70");
    expect(formatGoalChecks(checks).split("\n")[2]).toBe("FAIL  pglite (embedded server): RSS at 100,000 entries <= 1.00 GB: 1.20 GB");
  });

  it("fails growth just over 2x and passes memory just under 1 GB", () => {
    const checks = goalChecks([
      point({ db: "postgres", size: 100_000, http: { p50: 10, p95: 20 } }),
      point({ db: "postgres", size: 1_000_000, http: { p50: 10, p95: 40.1 } }),
      point({ db: "pglite", size: 100_000, serverRss: 0.99e9 }),
    ]);
    expect(checks.find((c) => c.goal.startsWith("postgres: HTTP p95"))!.verdict).toBe("FAIL");
    expect(checks.find((c) => c.goal.includes("RSS"))!.verdict).toBe("PASS");
  });

  it("says which sizes a check needs, and does not judge in-memory PGlite as the embedded server", () => {
    const checks = goalChecks([point({ db: "pglite", size: 100_000, onDisk: false, serverRss: 9e9, httpThroughput: null })]);
    expect(checks[0]).toMatchObject({ verdict: "n/a", detail: "needs --sizes with 100000 and 1000000" });
    expect(checks[1]).toMatchObject({ verdict: "n/a", detail: expect.stringMatching(/in memory .*--pglite-storage disk/) });
    expect(checks[2]).toMatchObject({ verdict: "n/a", detail: "not measured" });
    expect(goalChecks([point({ db: "postgres", size: 10_000 })]).find((c) => c.goal.includes("RSS"))).toMatchObject({ verdict: "n/a" });
  });

  it("computes the throughput ratio only when both sides were measured", () => {
    expect(throughputRatio({ httpThroughput: 40, engineThroughput: 50 })).toBe(0.8);
    expect(throughputRatio({ httpThroughput: null, engineThroughput: 50 })).toBeNull();
    expect(throughputRatio({ httpThroughput: 40, engineThroughput: 0 })).toBeNull();
  });
});

describe("closed loop (engine alone and HTTP)", () => {
  it("keeps at most `concurrency` calls in flight, records each item once and counts failures", async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const items = Array.from({ length: 40 }, (_, i) => i);
    const result = await runClosedLoop(items, 8, 3, async (i) => {
      seen.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      if (i === 13) throw new Error("boom 13");
    });
    expect(most).toBe(8);
    // 3 warmup calls (items 0-2) first, then every item once
    expect(seen).toHaveLength(43);
    expect(seen.slice(0, 3)).toEqual([0, 1, 2]);
    expect(result.latencies).toHaveLength(39);
    expect(result).toMatchObject({ errors: 1, firstError: "boom 13" });
    expect(Number.isNaN(result.byPath[13])).toBe(true);
    expect(result.byPath.filter(Number.isFinite)).toHaveLength(39);
    expect(result.wallMs).toBeGreaterThan(0);
  });
});
