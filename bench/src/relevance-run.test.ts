import { describe, expect, it } from "vitest";
import { LATER_SETS, type LaterSet } from "./judged.js";
import type { RankingEngine } from "./peers.js";
import { formatPerQuery, formatRelevanceReport, groupedTable, randomStrings, relevanceFigures, runAll, type RunQuery } from "./relevance-run.js";

// An engine with fixed answers: unknown queries get nothing.
const engine = (name: string, answers: Record<string, string[]>): RankingEngine => ({ name, search: async (q, limit) => (answers[q] ?? []).slice(0, limit) });

const judged: RunQuery[] = [
  { q: "a symptom", rel: { a: 3, b: 1 }, style: "symptom", split: "tune" },
  { q: "b symptom", rel: { b: 3 }, style: "symptom", split: "test" },
  { q: "an alert", rel: { c: 3 }, style: "alert", split: "test" },
  { q: "the office", rel: {}, style: "noanswer", split: "tune" },
  { q: "a recipe", rel: {}, style: "noanswer", split: "test" },
];
const dev: RunQuery[] = [{ q: "dev", rel: { a: 2 } }];
const answers = { dev: ["a"], "a symptom": ["x", "a"], "b symptom": ["b"], "an alert": ["y"], "the office": ["z"], lucky: ["q"] };
/** The later sets' cells of a precision row: each set's tune and test cells as given, "-" for the others. */
const laterCells = (given: Partial<Record<LaterSet, readonly [string, string]>>) => LATER_SETS.flatMap((s) => given[s] ?? ["-", "-"]);
/** The precision table's header from one column on, to the last (the random strings). */
const noanswerHeaderFrom = (column: string) => {
  const columns = ["noanswer all", ...LATER_SETS.flatMap((s) => [`${s} noanswer tune`, `${s} noanswer test`]), "random strings"];
  return new RegExp(columns.slice(columns.indexOf(column)).join("\\s+"));
};
/** An engine's row of the precision table, its cells in column order ("0/1 0%", or "-" for a half with no unanswerable query). */
const precisionRow = (cells: string[], engineName = "E") => new RegExp(`^${engineName}\\s+${cells.map((c) => c.replace("/", "\\/").replace(" ", "\\s+")).join("\\s+")}$`, "m");

describe("relevance figures", () => {
  it("leave noanswer queries out of the means and count their empty answers instead", async () => {
    const results = await runAll(engine("E", answers), { dev, judged, random: ["nothing", "lucky"] });
    const f = relevanceFigures(results, dev, judged);
    expect(f.sets.dev).toEqual({ queries: 1, missed: 0, mrr: 1, ndcg: 1, recall: 1 });
    expect(f.sets.tune).toMatchObject({ queries: 1, missed: 0, mrr: 0.5, recall: 0.5 });
    expect(f.sets.test).toMatchObject({ queries: 2, missed: 1, mrr: 0.5, recall: 0.5 });
    expect(f.sets.judged.queries).toBe(3);
    expect(results.judged.mrr).toBeCloseTo((0.5 + 1 + 0) / 3, 10);
    expect(f.styles.test.alert).toMatchObject({ queries: 1, mrr: 0 });
    expect(f.styles.test.noanswer).toBeUndefined();
    expect(f.precision).toEqual({
      noanswerTune: { empty: 0, of: 1 },
      noanswerTest: { empty: 1, of: 1 },
      noanswer: { empty: 1, of: 2 },
      v3NoanswerTune: { empty: 0, of: 0 },
      v3NoanswerTest: { empty: 0, of: 0 },
      v4NoanswerTune: { empty: 0, of: 0 },
      v4NoanswerTest: { empty: 0, of: 0 },
      v5NoanswerTune: { empty: 0, of: 0 },
      v5NoanswerTest: { empty: 0, of: 0 },
      v6NoanswerTune: { empty: 0, of: 0 },
      v6NoanswerTest: { empty: 0, of: 0 },
      v7NoanswerTune: { empty: 0, of: 0 },
      v7NoanswerTest: { empty: 0, of: 0 },
      v8NoanswerTune: { empty: 0, of: 0 },
      v8NoanswerTest: { empty: 0, of: 0 },
      v9NoanswerTune: { empty: 0, of: 0 },
      v9NoanswerTest: { empty: 0, of: 0 },
      v10NoanswerTune: { empty: 0, of: 0 },
      v10NoanswerTest: { empty: 0, of: 0 },
      v11NoanswerTune: { empty: 0, of: 0 },
      v11NoanswerTest: { empty: 0, of: 0 },
      v12NoanswerTune: { empty: 0, of: 0 },
      v12NoanswerTest: { empty: 0, of: 0 },
      v13NoanswerTune: { empty: 0, of: 0 },
      v13NoanswerTest: { empty: 0, of: 0 },
      v14NoanswerTune: { empty: 0, of: 0 },
      v14NoanswerTest: { empty: 0, of: 0 },
      v15NoanswerTune: { empty: 0, of: 0 },
      v15NoanswerTest: { empty: 0, of: 0 },
      v16NoanswerTune: { empty: 0, of: 0 },
      v16NoanswerTest: { empty: 0, of: 0 },
      v17NoanswerTune: { empty: 0, of: 0 },
      v17NoanswerTest: { empty: 0, of: 0 },
      v18NoanswerTune: { empty: 0, of: 0 },
      v18NoanswerTest: { empty: 0, of: 0 },
      v19NoanswerTune: { empty: 0, of: 0 },
      v19NoanswerTest: { empty: 0, of: 0 },
      v20NoanswerTune: { empty: 0, of: 0 },
      v20NoanswerTest: { empty: 0, of: 0 },
      v21NoanswerTune: { empty: 0, of: 0 },
      v21NoanswerTest: { empty: 0, of: 0 },
      v22NoanswerTune: { empty: 0, of: 0 },
      v22NoanswerTest: { empty: 0, of: 0 },
      v23NoanswerTune: { empty: 0, of: 0 },
      v23NoanswerTest: { empty: 0, of: 0 },
      v24NoanswerTune: { empty: 0, of: 0 },
      v24NoanswerTest: { empty: 0, of: 0 },
      v25NoanswerTune: { empty: 0, of: 0 },
      v25NoanswerTest: { empty: 0, of: 0 },
      random: { empty: 1, of: 2 },
    });
  });

  it("print engines side by side, per style, and the precision check", async () => {
    const figures = await Promise.all(
      [engine("Left", answers), engine("Right", {})].map(async (e) => relevanceFigures(await runAll(e, { dev, judged, random: ["n"] }), dev, judged)),
    );
    const report = formatRelevanceReport(figures);
    expect(report).toMatch(/^set\s+queries\s+MRR@10\s+nDCG@10\s+R@10\s+miss\s+MRR@10/m);
    expect(report).toMatch(/^test\s+2\s+0\.500\s+0\.\d{3}\s+0\.500\s+1\s+0\.000/m);
    expect(report).toMatch(/By style, test half:\n.*Left.*Right/);
    expect(report).toMatch(precisionRow(["0/1 0%", "1/1 100%", "1/2 50%", ...laterCells({}), "1/1 100%"], "Left"));
    expect(formatPerQuery("Judged", judged, [])).toMatch(/the office\s+noanswer\s+tune/);
  });

  it("score the v3 set apart from the first, with its own halves, styles and noanswer precision", async () => {
    const v3: RunQuery[] = [
      { q: "v3 alert", rel: { c: 3 }, style: "alert", split: "tune" },
      { q: "v3 error", rel: { d: 3 }, style: "error", split: "test" },
      { q: "v3 payroll", rel: {}, style: "noanswer", split: "test" },
    ];
    const results = await runAll(engine("E", { ...answers, "v3 alert": ["c"], "v3 error": ["x", "y", "d"], "v3 payroll": ["z"] }), { dev, judged, v3, random: [] });
    const f = relevanceFigures(results, dev, judged, { v3 });
    expect(f.sets.test).toMatchObject({ queries: 2, mrr: 0.5 });
    expect(f.sets.v3tune).toMatchObject({ queries: 1, missed: 0, mrr: 1 });
    expect(f.sets.v3test).toMatchObject({ queries: 1, missed: 0 });
    expect(f.sets.v3test.mrr).toBeCloseTo(1 / 3, 10);
    expect(f.styles.v3test.error).toMatchObject({ queries: 1 });
    expect(f.styles.v3test.alert).toMatchObject({ queries: 0 });
    expect(f.precision).toMatchObject({ noanswerTest: { empty: 1, of: 1 }, v3NoanswerTune: { empty: 0, of: 0 }, v3NoanswerTest: { empty: 0, of: 1 } });
    const report = formatRelevanceReport([f]);
    expect(report).toMatch(/^v3 tune\s+1\s+1\.000/m);
    expect(report).toMatch(/^v3 test\s+1\s+0\.333/m);
    expect(report).toMatch(/By style, v3 test half:\n.*E\n.*\n.*\nsymptom\s+0/);
    expect(report).toMatch(
      noanswerHeaderFrom("noanswer all"),
    );
    expect(report).toMatch(precisionRow(["0/1 0%", "1/1 100%", "1/2 50%", ...laterCells({ v3: ["-", "0/1 0%"] }), "-"]));
  });

  it("leave out the rows and tables of halves that were not run, as under --tune-only", async () => {
    const tuneOnly = judged.filter((q) => q.split === "tune");
    const v3 = [{ q: "v3 alert", rel: { c: 3 }, style: "alert", split: "tune" } as RunQuery];
    const report = formatRelevanceReport([relevanceFigures(await runAll(engine("E", answers), { dev, judged: tuneOnly, v3, random: [] }), dev, tuneOnly, { v3 })]);
    expect(report).toMatch(/^tune\s+1\s/m);
    expect(report).toMatch(/^v3 tune\s+1\s/m);
    expect(report).not.toMatch(/^(test|v3 test)\s/m);
    expect(report).not.toMatch(/test half/);
    expect(report).toMatch(/By style, tune half:/);
    expect(report).toMatch(/By style, v3 tune half:/);
  });

  it("score the v4 set apart from the first and v3, with its own halves, styles and noanswer precision", async () => {
    const v3: RunQuery[] = [{ q: "v3 alert", rel: { c: 3 }, style: "alert", split: "test" }];
    const v4: RunQuery[] = [
      { q: "v4 prefix", rel: { e: 3, f: 1 }, style: "prefix", split: "tune" },
      { q: "v4 typo", rel: { f: 3 }, style: "typo", split: "test" },
      { q: "v4 broad", rel: { a: 2, e: 2 }, style: "broad", split: "test" },
      { q: "v4 travel", rel: {}, style: "noanswer", split: "tune" },
      { q: "v4 canteen", rel: {}, style: "noanswer", split: "test" },
    ];
    const more = { "v3 alert": ["c"], "v4 prefix": ["x", "e"], "v4 typo": ["f"], "v4 broad": ["y"], "v4 travel": ["z"] };
    const results = await runAll(engine("E", { ...answers, ...more }), { dev, judged, v3, v4, random: [] });
    expect(results.v4.perQuery.map((p) => p.q)).toEqual(v4.map((q) => q.q));
    const f = relevanceFigures(results, dev, judged, { v3, v4 });
    expect(f.sets.v3test).toMatchObject({ queries: 1, missed: 0, mrr: 1 });
    expect(f.sets.v4tune).toMatchObject({ queries: 1, missed: 0, mrr: 0.5 });
    expect(f.sets.v4test).toMatchObject({ queries: 2, missed: 1, mrr: 0.5 });
    expect(f.styles.v4test.typo).toMatchObject({ queries: 1, mrr: 1 });
    expect(f.styles.v4test.broad).toMatchObject({ queries: 1, mrr: 0 });
    expect(f.styles.v4tune.prefix).toMatchObject({ queries: 1, mrr: 0.5 });
    expect(f.styles.v4test.noanswer).toBeUndefined();
    expect(f.precision).toMatchObject({ v3NoanswerTest: { empty: 0, of: 0 }, v4NoanswerTune: { empty: 0, of: 1 }, v4NoanswerTest: { empty: 1, of: 1 } });
    const report = formatRelevanceReport([f]);
    expect(report).toMatch(/^v3 test\s+1\s+1\.000/m);
    expect(report).toMatch(/^v4 tune\s+1\s+0\.500/m);
    expect(report).toMatch(/^v4 test\s+2\s+0\.500\s+0\.\d{3}\s+0\.500\s+1$/m);
    expect(report).toMatch(/By style, v4 test half:\n.*E\n.*\n.*\nsymptom\s+0\s.*\ntypo\s+1\s+1\.000/);
    expect(report).toMatch(/By style, v4 tune half:\n.*E\n.*\n.*\nsymptom\s+0\s.*\ntypo\s+0\s.*\nprefix\s+1\s+0\.500/);
    expect(report).toMatch(
      noanswerHeaderFrom("v3 noanswer test"),
    );
    expect(report).toMatch(precisionRow(["0/1 0%", "1/1 100%", "1/2 50%", ...laterCells({ v4: ["0/1 0%", "1/1 100%"] }), "-"]));
  });

  it("score the v5 set apart from the others, with its own halves, styles and noanswer precision", async () => {
    const v4: RunQuery[] = [{ q: "v4 typo", rel: { f: 3 }, style: "typo", split: "test" }];
    const v5: RunQuery[] = [
      { q: "v5 error", rel: { g: 3, a: 1 }, style: "error", split: "tune" },
      { q: "v5 symptom", rel: { g: 2, h: 3 }, style: "symptom", split: "test" },
      { q: "v5 alert", rel: { h: 3 }, style: "alert", split: "test" },
      { q: "v5 visa", rel: {}, style: "noanswer", split: "tune" },
      { q: "v5 pension", rel: {}, style: "noanswer", split: "test" },
    ];
    const more = { "v4 typo": ["f"], "v5 error": ["x", "y", "z", "g"], "v5 symptom": ["h"], "v5 alert": ["x"], "v5 pension": ["q"] };
    const results = await runAll(engine("E", { ...answers, ...more }), { dev, judged, v4, v5, random: [] });
    expect(results.v5.perQuery.map((p) => p.q)).toEqual(v5.map((q) => q.q));
    expect(results.v3.perQuery).toEqual([]);
    const f = relevanceFigures(results, dev, judged, { v4, v5 });
    expect(f.sets.v4test).toMatchObject({ queries: 1, missed: 0, mrr: 1 });
    expect(f.sets.v5tune).toMatchObject({ queries: 1, missed: 0, mrr: 0.25 });
    expect(f.sets.v5test).toMatchObject({ queries: 2, missed: 1, mrr: 0.5 });
    expect(f.styles.v5test.symptom).toMatchObject({ queries: 1, mrr: 1 });
    expect(f.styles.v5test.alert).toMatchObject({ queries: 1, mrr: 0 });
    expect(f.styles.v5tune.error).toMatchObject({ queries: 1, mrr: 0.25 });
    expect(f.styles.v5test.noanswer).toBeUndefined();
    expect(f.precision).toMatchObject({ v4NoanswerTest: { empty: 0, of: 0 }, v5NoanswerTune: { empty: 1, of: 1 }, v5NoanswerTest: { empty: 0, of: 1 } });
    const report = formatRelevanceReport([f]);
    expect(report).toMatch(/^v4 test\s+1\s+1\.000/m);
    expect(report).toMatch(/^v5 tune\s+1\s+0\.250/m);
    expect(report).toMatch(/^v5 test\s+2\s+0\.500\s+0\.\d{3}\s+0\.250\s+1$/m);
    // v3 was not run: no rows and no style tables of its own.
    expect(report).not.toMatch(/^v3 (tune|test)\s/m);
    expect(report).not.toMatch(/v3 (tune|test) half/);
    expect(report).toMatch(/By style, v5 test half:\n.*E\n.*\n.*\nsymptom\s+1\s+1\.000/);
    expect(report).toMatch(/By style, v5 tune half:\n.*E\n.*\n.*\nsymptom\s+0\s.*\ntypo\s+0\s.*\nprefix\s+0\s.*\nalert\s+0\s.*\nerror\s+1\s+0\.250/);
    expect(report.indexOf("By style, v4 tune half:")).toBeLessThan(report.indexOf("By style, v5 test half:"));
    expect(report).toMatch(noanswerHeaderFrom("v4 noanswer test"));
    expect(report).toMatch(precisionRow(["0/1 0%", "1/1 100%", "1/2 50%", ...laterCells({ v5: ["1/1 100%", "0/1 0%"] }), "-"]));
  });

  it("score the v6 set apart from the others, with its own halves, styles and noanswer precision", async () => {
    const v5: RunQuery[] = [{ q: "v5 alert", rel: { h: 3 }, style: "alert", split: "tune" }];
    const v6: RunQuery[] = [
      { q: "v6 prefix", rel: { k: 3, a: 1 }, style: "prefix", split: "test" },
      { q: "v6 typo", rel: { k: 2, m: 3 }, style: "typo", split: "tune" },
      { q: "v6 broad", rel: { k: 2, m: 2 }, style: "broad", split: "test" },
      { q: "v6 payslip", rel: {}, style: "noanswer", split: "tune" },
      { q: "v6 ski trip", rel: {}, style: "noanswer", split: "test" },
    ];
    const more = { "v5 alert": ["h"], "v6 prefix": ["x", "k"], "v6 typo": ["y", "z", "m"], "v6 broad": ["m"], "v6 ski trip": ["q"] };
    const results = await runAll(engine("E", { ...answers, ...more }), { dev, judged, v5, v6, random: [] });
    expect(results.v6.perQuery.map((p) => p.q)).toEqual(v6.map((q) => q.q));
    expect(results.v3.perQuery).toEqual([]);
    expect(results.v4.perQuery).toEqual([]);
    const f = relevanceFigures(results, dev, judged, { v5, v6 });
    expect(f.sets.v5tune).toMatchObject({ queries: 1, missed: 0, mrr: 1 });
    expect(f.sets.v6tune).toMatchObject({ queries: 1, missed: 0, recall: 0.5 });
    expect(f.sets.v6tune.mrr).toBeCloseTo(1 / 3, 10);
    expect(f.sets.v6test).toMatchObject({ queries: 2, missed: 0, mrr: 0.75, recall: 0.5 });
    expect(f.styles.v6test.prefix).toMatchObject({ queries: 1, mrr: 0.5 });
    expect(f.styles.v6test.broad).toMatchObject({ queries: 1, mrr: 1 });
    expect(f.styles.v6tune.typo).toMatchObject({ queries: 1 });
    expect(f.styles.v6test.noanswer).toBeUndefined();
    expect(f.precision).toMatchObject({ v5NoanswerTune: { empty: 0, of: 0 }, v6NoanswerTune: { empty: 1, of: 1 }, v6NoanswerTest: { empty: 0, of: 1 } });
    const report = formatRelevanceReport([f]);
    expect(report).toMatch(/^v5 tune\s+1\s+1\.000/m);
    expect(report).toMatch(/^v6 tune\s+1\s+0\.333/m);
    expect(report).toMatch(/^v6 test\s+2\s+0\.750\s+0\.\d{3}\s+0\.500\s+0$/m);
    // v3 and v4 were not run, nor v5's test half: no rows and no style tables of their own.
    expect(report).not.toMatch(/^(v3|v4) (tune|test)\s/m);
    expect(report).not.toMatch(/(v3|v4) (tune|test) half|v5 test half/);
    expect(report).toMatch(/By style, v6 test half:\n.*E\n.*\n.*\nsymptom\s+0\s.*\ntypo\s+0\s.*\nprefix\s+1\s+0\.500/);
    expect(report).toMatch(/By style, v6 tune half:\n.*E\n.*\n.*\nsymptom\s+0\s.*\ntypo\s+1\s+0\.333/);
    expect(report.indexOf("By style, v5 tune half:")).toBeLessThan(report.indexOf("By style, v6 test half:"));
    expect(report.indexOf("By style, v6 test half:")).toBeLessThan(report.indexOf("By style, v6 tune half:"));
    expect(report).toMatch(noanswerHeaderFrom("v5 noanswer test"));
    expect(report).toMatch(precisionRow(["0/1 0%", "1/1 100%", "1/2 50%", ...laterCells({ v6: ["1/1 100%", "0/1 0%"] }), "-"]));
  });

  it("score the v7 set apart from the others, with its own halves, styles and noanswer precision", async () => {
    const v6: RunQuery[] = [{ q: "v6 alert", rel: { h: 3 }, style: "alert", split: "tune" }];
    const v7: RunQuery[] = [
      { q: "v7 error", rel: { n: 3, a: 1 }, style: "error", split: "test" },
      { q: "v7 symptom", rel: { n: 2, o: 3 }, style: "symptom", split: "tune" },
      { q: "v7 broad", rel: { n: 2, o: 2 }, style: "broad", split: "test" },
      { q: "v7 canteen", rel: {}, style: "noanswer", split: "tune" },
      { q: "v7 parking", rel: {}, style: "noanswer", split: "test" },
    ];
    const more = { "v6 alert": ["h"], "v7 error": ["x", "n"], "v7 symptom": ["y", "z", "o"], "v7 broad": ["o"], "v7 parking": ["q"] };
    const results = await runAll(engine("E", { ...answers, ...more }), { dev, judged, v6, v7, random: [] });
    expect(results.v7.perQuery.map((p) => p.q)).toEqual(v7.map((q) => q.q));
    expect(results.v3.perQuery).toEqual([]);
    expect(results.v4.perQuery).toEqual([]);
    expect(results.v5.perQuery).toEqual([]);
    const f = relevanceFigures(results, dev, judged, { v6, v7 });
    expect(f.sets.v6tune).toMatchObject({ queries: 1, missed: 0, mrr: 1 });
    expect(f.sets.v7tune).toMatchObject({ queries: 1, missed: 0, recall: 0.5 });
    expect(f.sets.v7tune.mrr).toBeCloseTo(1 / 3, 10);
    expect(f.sets.v7test).toMatchObject({ queries: 2, missed: 0, mrr: 0.75, recall: 0.5 });
    expect(f.styles.v7test.error).toMatchObject({ queries: 1, mrr: 0.5 });
    expect(f.styles.v7test.broad).toMatchObject({ queries: 1, mrr: 1 });
    expect(f.styles.v7tune.symptom).toMatchObject({ queries: 1 });
    expect(f.styles.v7test.noanswer).toBeUndefined();
    expect(f.precision).toMatchObject({ v6NoanswerTune: { empty: 0, of: 0 }, v7NoanswerTune: { empty: 1, of: 1 }, v7NoanswerTest: { empty: 0, of: 1 } });
    const report = formatRelevanceReport([f]);
    expect(report).toMatch(/^v6 tune\s+1\s+1\.000/m);
    expect(report).toMatch(/^v7 tune\s+1\s+0\.333/m);
    expect(report).toMatch(/^v7 test\s+2\s+0\.750\s+0\.\d{3}\s+0\.500\s+0$/m);
    // v3, v4 and v5 were not run, nor v6's test half: no rows and no style tables of their own.
    expect(report).not.toMatch(/^(v3|v4|v5) (tune|test)\s/m);
    expect(report).not.toMatch(/(v3|v4|v5) (tune|test) half|v6 test half/);
    expect(report).toMatch(/By style, v7 test half:\n.*E\n.*\n.*\nsymptom\s+0\s.*\ntypo\s+0\s.*\nprefix\s+0\s.*\nalert\s+0\s.*\nerror\s+1\s+0\.500/);
    expect(report).toMatch(/By style, v7 tune half:\n.*E\n.*\n.*\nsymptom\s+1\s+0\.333/);
    expect(report.indexOf("By style, v6 tune half:")).toBeLessThan(report.indexOf("By style, v7 test half:"));
    expect(report.indexOf("By style, v7 test half:")).toBeLessThan(report.indexOf("By style, v7 tune half:"));
    expect(report).toMatch(noanswerHeaderFrom("v6 noanswer test"));
    expect(report).toMatch(precisionRow(["0/1 0%", "1/1 100%", "1/2 50%", ...laterCells({ v7: ["1/1 100%", "0/1 0%"] }), "-"]));
  });

  it("score the v8 set apart from the others, with its own halves, styles and noanswer precision", async () => {
    const v7: RunQuery[] = [{ q: "v7 prefix", rel: { n: 3 }, style: "prefix", split: "tune" }];
    const v8: RunQuery[] = [
      { q: "v8 alert", rel: { p: 3, a: 1 }, style: "alert", split: "test" },
      { q: "v8 typo", rel: { p: 2, r: 3 }, style: "typo", split: "tune" },
      { q: "v8 broad", rel: { p: 2, r: 2 }, style: "broad", split: "test" },
      { q: "v8 expenses", rel: {}, style: "noanswer", split: "tune" },
      { q: "v8 flight", rel: {}, style: "noanswer", split: "test" },
    ];
    const more = { "v7 prefix": ["n"], "v8 alert": ["x", "p"], "v8 typo": ["y", "z", "r"], "v8 broad": ["r"], "v8 flight": ["q"] };
    const results = await runAll(engine("E", { ...answers, ...more }), { dev, judged, v7, v8, random: [] });
    expect(results.v8.perQuery.map((p) => p.q)).toEqual(v8.map((q) => q.q));
    for (const set of ["v3", "v4", "v5", "v6"] as const) expect(results[set].perQuery).toEqual([]);
    const f = relevanceFigures(results, dev, judged, { v7, v8 });
    expect(f.sets.v7tune).toMatchObject({ queries: 1, missed: 0, mrr: 1 });
    expect(f.sets.v8tune).toMatchObject({ queries: 1, missed: 0, recall: 0.5 });
    expect(f.sets.v8tune.mrr).toBeCloseTo(1 / 3, 10);
    expect(f.sets.v8test).toMatchObject({ queries: 2, missed: 0, mrr: 0.75, recall: 0.5 });
    expect(f.styles.v8test.alert).toMatchObject({ queries: 1, mrr: 0.5 });
    expect(f.styles.v8test.broad).toMatchObject({ queries: 1, mrr: 1 });
    expect(f.styles.v8tune.typo).toMatchObject({ queries: 1 });
    expect(f.styles.v8test.noanswer).toBeUndefined();
    expect(f.precision).toMatchObject({ v7NoanswerTune: { empty: 0, of: 0 }, v8NoanswerTune: { empty: 1, of: 1 }, v8NoanswerTest: { empty: 0, of: 1 } });
    const report = formatRelevanceReport([f]);
    expect(report).toMatch(/^v7 tune\s+1\s+1\.000/m);
    expect(report).toMatch(/^v8 tune\s+1\s+0\.333/m);
    expect(report).toMatch(/^v8 test\s+2\s+0\.750\s+0\.\d{3}\s+0\.500\s+0$/m);
    // v3 to v6 were not run, nor v7's test half: no rows and no style tables of their own.
    expect(report).not.toMatch(/^(v3|v4|v5|v6) (tune|test)\s/m);
    expect(report).not.toMatch(/(v3|v4|v5|v6) (tune|test) half|v7 test half/);
    expect(report).toMatch(/By style, v8 test half:\n.*E\n.*\n.*\nsymptom\s+0\s.*\ntypo\s+0\s.*\nprefix\s+0\s.*\nalert\s+1\s+0\.500/);
    expect(report).toMatch(/By style, v8 tune half:\n.*E\n.*\n.*\nsymptom\s+0\s.*\ntypo\s+1\s+0\.333/);
    expect(report.indexOf("By style, v7 tune half:")).toBeLessThan(report.indexOf("By style, v8 test half:"));
    expect(report.indexOf("By style, v8 test half:")).toBeLessThan(report.indexOf("By style, v8 tune half:"));
    expect(report).toMatch(noanswerHeaderFrom("v7 noanswer test"));
    expect(report).toMatch(precisionRow(["0/1 0%", "1/1 100%", "1/2 50%", ...laterCells({ v8: ["1/1 100%", "0/1 0%"] }), "-"]));
  });

  // The newest sets (each written after the one before it was looked at), each with the set before it loaded too.
  it.each([
    ["v9", "v8"],
    ["v10", "v9"],
    ["v11", "v10"],
    ["v12", "v11"],
    ["v13", "v12"],
    ["v14", "v13"],
    ["v15", "v14"],
    ["v16", "v15"],
    ["v17", "v16"],
    ["v18", "v17"],
    ["v19", "v18"],
    ["v20", "v19"],
    ["v21", "v20"],
    ["v22", "v21"],
    ["v23", "v22"],
    ["v24", "v23"],
    ["v25", "v24"],
  ] as const)("score the %s set apart from the others, with its own halves, styles and noanswer precision", async (set, before) => {
    const prev: RunQuery[] = [{ q: `${before} symptom`, rel: { n: 3 }, style: "symptom", split: "tune" }];
    const own: RunQuery[] = [
      { q: `${set} error`, rel: { p: 3, a: 1 }, style: "error", split: "test" },
      { q: `${set} prefix`, rel: { p: 2, r: 3 }, style: "prefix", split: "tune" },
      { q: `${set} symptom`, rel: { r: 3 }, style: "symptom", split: "test" },
      { q: `${set} visa`, rel: {}, style: "noanswer", split: "tune" },
      { q: `${set} desk booking`, rel: {}, style: "noanswer", split: "test" },
    ];
    const more = { [`${before} symptom`]: ["n"], [`${set} error`]: ["x", "y", "p"], [`${set} prefix`]: ["r"], [`${set} symptom`]: ["z", "r"], [`${set} desk booking`]: ["q"] };
    const sets = { [before]: prev, [set]: own } as Partial<Record<LaterSet, RunQuery[]>>;
    const results = await runAll(engine("E", { ...answers, ...more }), { dev, judged, ...sets, random: [] });
    expect(results[set].perQuery.map((p) => p.q)).toEqual(own.map((q) => q.q));
    const notRun = LATER_SETS.slice(0, LATER_SETS.indexOf(before));
    for (const other of notRun) expect(results[other].perQuery).toEqual([]);
    const f = relevanceFigures(results, dev, judged, sets);
    expect(f.sets[`${before}tune`]).toMatchObject({ queries: 1, missed: 0, mrr: 1 });
    expect(f.sets[`${set}tune`]).toMatchObject({ queries: 1, missed: 0, mrr: 1, recall: 0.5 });
    expect(f.sets[`${set}test`]).toMatchObject({ queries: 2, missed: 0, recall: 0.75 });
    expect(f.sets[`${set}test`].mrr).toBeCloseTo((1 / 3 + 1 / 2) / 2, 10);
    expect(f.styles[`${set}test`].error).toMatchObject({ queries: 1 });
    expect(f.styles[`${set}test`].error!.mrr).toBeCloseTo(1 / 3, 10);
    expect(f.styles[`${set}test`].symptom).toMatchObject({ queries: 1, mrr: 0.5 });
    expect(f.styles[`${set}tune`].prefix).toMatchObject({ queries: 1, mrr: 1 });
    expect(f.styles[`${set}test`].noanswer).toBeUndefined();
    expect(f.precision).toMatchObject({
      [`${before}NoanswerTune`]: { empty: 0, of: 0 },
      [`${set}NoanswerTune`]: { empty: 1, of: 1 },
      [`${set}NoanswerTest`]: { empty: 0, of: 1 },
    });
    const report = formatRelevanceReport([f]);
    expect(report).toMatch(new RegExp(`^${before} tune\\s+1\\s+1\\.000`, "m"));
    expect(report).toMatch(new RegExp(`^${set} tune\\s+1\\s+1\\.000`, "m"));
    expect(report).toMatch(new RegExp(`^${set} test\\s+2\\s+0\\.417\\s+0\\.\\d{3}\\s+0\\.750\\s+0$`, "m"));
    // The sets before were not run, nor the previous set's test half: no rows and no style tables of their own.
    expect(report).not.toMatch(new RegExp(`^(${notRun.join("|")}) (tune|test)\\s`, "m"));
    expect(report).not.toMatch(new RegExp(`(${notRun.join("|")}) (tune|test) half|${before} test half`));
    expect(report).toMatch(new RegExp(`By style, ${set} test half:\\n.*E\\n.*\\n.*\\nsymptom\\s+1\\s+0\\.500`));
    expect(report).toMatch(new RegExp(`By style, ${set} tune half:\\n.*E\\n.*\\n.*\\nsymptom\\s+0\\s.*\\ntypo\\s+0\\s.*\\nprefix\\s+1\\s+1\\.000`));
    expect(report.indexOf(`By style, ${before} tune half:`)).toBeLessThan(report.indexOf(`By style, ${set} test half:`));
    expect(report.indexOf(`By style, ${set} test half:`)).toBeLessThan(report.indexOf(`By style, ${set} tune half:`));
    expect(report).toMatch(new RegExp(`${before} noanswer test\\s+${set} noanswer tune\\s+${set} noanswer test\\s`));
    expect(report).toMatch(precisionRow(["0/1 0%", "1/1 100%", "1/2 50%", ...laterCells({ [set]: ["1/1 100%", "0/1 0%"] }), "-"]));
  });

  // Every later set after v3, with the one before it loaded too: each set's halves as --tune-only loads them.
  it.each(LATER_SETS.slice(1).map((set, i) => [set, LATER_SETS[i]!] as const))(
    "--tune-only: a %s test half that was not loaded is neither run nor shown",
    async (set, before) => {
      const all: RunQuery[] = [
        { q: `${set} error`, rel: { n: 3 }, style: "error", split: "test" },
        { q: `${set} symptom`, rel: { o: 3 }, style: "symptom", split: "tune" },
        { q: `${set} canteen`, rel: {}, style: "noanswer", split: "tune" },
        { q: `${set} parking`, rel: {}, style: "noanswer", split: "test" },
      ];
      // What loadJudgedSets returns under tuneOnly: every set's tune half only.
      const tuneOnly = (qs: RunQuery[]) => qs.filter((q) => q.split === "tune");
      const earlier = [{ q: `${before} typo`, rel: { m: 3 }, style: "typo", split: "tune" } as RunQuery];
      const later = { [before]: earlier, [set]: tuneOnly(all) } as Partial<Record<LaterSet, RunQuery[]>>;
      const asked: string[] = [];
      const fixed: Record<string, string[]> = { ...answers, [`${before} typo`]: ["m"], [`${set} symptom`]: ["o"], [`${set} canteen`]: ["p"] };
      const spy: RankingEngine = { name: "E", search: async (q, limit) => (asked.push(q), (fixed[q] ?? []).slice(0, limit)) };
      const results = await runAll(spy, { dev, judged: tuneOnly(judged), ...later, random: [] });
      expect(asked).toEqual(expect.arrayContaining([`${before} typo`, `${set} symptom`, `${set} canteen`]));
      expect(asked.filter((q) => all.some((v) => v.split === "test" && v.q === q))).toEqual([]);
      const f = relevanceFigures(results, dev, tuneOnly(judged), later);
      expect(f.sets[`${set}test`].queries).toBe(0);
      expect(f.sets[`${set}tune`]).toMatchObject({ queries: 1, missed: 0, mrr: 1 });
      expect(f.precision[`${set}NoanswerTest`]).toEqual({ empty: 0, of: 0 });
      expect(f.precision[`${set}NoanswerTune`]).toEqual({ empty: 0, of: 1 });
      const report = formatRelevanceReport([f]);
      expect(report).toMatch(new RegExp(`^${set} tune\\s+1\\s+1\\.000`, "m"));
      expect(report).toMatch(`By style, ${set} tune half:`);
      expect(report).not.toMatch(/^(test|v\d test)\s/m);
      expect(report).not.toMatch(/test half/);
      expect(report).not.toMatch(new RegExp(`${set} error|${set} parking`));
      // The set's test precision column reads "-": that half was not run; so do the halves without
      // unanswerable queries. Columns: the first set's tune, test and all, each later set's tune and
      // test, the random strings.
      expect(report).toMatch(precisionRow(["0/1 0%", "-", "0/1 0%", ...laterCells({ [set]: ["0/1 0%", "-"] }), "-"]));
    },
  );

  it("count what a weak-match flag tells apart, per half, for the engines that have one", async () => {
    // "a symptom" (answerable) is flagged weak; "the office" (unanswerable) gets hits flagged weak;
    // "a recipe" (unanswerable) gets nothing; "b symptom" is a clear answer; "an alert" gets a wrong hit, not flagged.
    const weakOnes = new Set(["a symptom", "the office"]);
    const flagged: RankingEngine = {
      name: "F",
      search: async (q, limit) => (answers[q as keyof typeof answers] ?? []).slice(0, limit),
      searchFlagged: async (q, limit) => ({ ranked: (answers[q as keyof typeof answers] ?? []).slice(0, limit), weak: weakOnes.has(q) }),
    };
    const f = relevanceFigures(await runAll(flagged, { dev, judged, random: [] }), dev, judged);
    expect(f.weakFlag!.tune).toEqual({ caught: 1, noanswer: 1, flagged: 1, answered: 1 });
    expect(f.weakFlag!.test).toEqual({ caught: 1, noanswer: 1, flagged: 0, answered: 2 });
    expect(f.weakFlag!.v3tune).toEqual({ caught: 0, noanswer: 0, flagged: 0, answered: 0 });
    // The flag changes no ranking figure: a flagged answer still scores.
    expect(f.sets.tune).toMatchObject({ queries: 1, mrr: 0.5 });
    // An engine without the flag has no such figures, and the report prints the table for flagged engines only.
    const plain = relevanceFigures(await runAll(engine("E", answers), { dev, judged, random: [] }), dev, judged);
    expect(plain.weakFlag).toBeNull();
    const report = formatRelevanceReport([f, plain]);
    expect(report).toMatch(/Weak-match flag \(engines that have one\)/);
    expect(report).toMatch(/^tune\s+1\/1\s+100%\s+1\/1\s+100%$/m);
    expect(report).toMatch(/^test\s+1\/1\s+100%\s+0\/2\s+0%$/m);
    expect(report).not.toMatch(/^v3 tune\s+-/m);
    expect(formatRelevanceReport([plain])).not.toMatch(/Weak-match flag/);
  });

  it("center each engine's name over its columns", () => {
    const table = groupedTable(["k"], ["One", "Two"], ["aaaa", "bbbb"], [["x", "1", "2", "3", "4"]]);
    const [top, header] = table.split("\n");
    expect(header).toBe("k  aaaa  bbbb  aaaa  bbbb");
    expect(top!.indexOf("One")).toBe(6);
    expect(top!.indexOf("Two")).toBe(18);
  });
});

describe("random strings", () => {
  it("are seeded, alphanumeric and 10-20 characters long", () => {
    const strings = randomStrings(200);
    expect(strings).toHaveLength(200);
    expect(strings).toEqual(randomStrings(200));
    expect(randomStrings(200, "other")).not.toEqual(strings);
    expect(strings.every((s) => /^[A-Za-z0-9]{10,20}$/.test(s))).toBe(true);
    expect(new Set(strings.map((s) => s.length)).size).toBeGreaterThan(5);
  });
});
