import { describe, expect, it } from "vitest";
import { loadJudged, STYLES, type QueryStyle } from "./judged.js";
import { SPLIT_SEED, splitQueries } from "./split.js";

const styled = (counts: Partial<Record<QueryStyle, number>>) =>
  Object.entries(counts).flatMap(([style, n]) => Array.from({ length: n }, () => ({ style: style as QueryStyle })));

// Interleave styles so stratification cannot come from the input order.
const queries = styled({ symptom: 31, typo: 9, prefix: 8, alert: 12, error: 7, broad: 5, noanswer: 6 }).sort((a, b) => (a.style < b.style ? -1 : 1)).reverse();

function halves(split: string[]) {
  return Object.fromEntries(
    STYLES.map((style) => {
      const of = split.filter((_, i) => queries[i]!.style === style);
      return [style, { tune: of.filter((s) => s === "tune").length, test: of.filter((s) => s === "test").length }];
    }),
  );
}

describe("the tune/test split", () => {
  it("is deterministic for a seed and changes with the seed", () => {
    const split = splitQueries(queries);
    expect(splitQueries(queries)).toEqual(split);
    expect(splitQueries(queries, SPLIT_SEED)).toEqual(split);
    expect(splitQueries(queries, "another seed")).not.toEqual(split);
  });

  it("is stratified: every style splits within one query, and so do the halves overall", () => {
    const split = splitQueries(queries);
    expect(split.every((s) => s === "tune" || s === "test")).toBe(true);
    for (const { tune, test } of Object.values(halves(split))) expect(Math.abs(tune - test)).toBeLessThanOrEqual(1);
    const tune = split.filter((s) => s === "tune").length;
    expect(Math.abs(tune - (split.length - tune))).toBeLessThanOrEqual(1);
  });

  it("shuffles within a style independently of the other styles", () => {
    const alone = queries.filter((q) => q.style === "alert");
    const together = splitQueries(queries).filter((_, i) => queries[i]!.style === "alert");
    const byItself = splitQueries(alone);
    // Same order of picks inside the style; only which half gets an odd style's extra query may differ.
    expect(together.filter((s, i) => s !== byItself[i]).length).toBeLessThanOrEqual(1);
    expect(together.filter((s) => s === "tune").length).toBe(6);
  });

  it("is a shuffle, not the input order", () => {
    const split = splitQueries(styled({ symptom: 40 }));
    expect(split.slice(0, 20)).not.toEqual(Array(20).fill("tune"));
  });

  it("is the split committed in bench/queries/judged.jsonl", () => {
    const committed = loadJudged();
    expect(committed.map((q) => q.split)).toEqual(splitQueries(committed));
  });
});
