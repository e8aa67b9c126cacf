import { describe, expect, it } from "vitest";
import { percentile, summarise } from "./stats.js";
import { formatTable } from "./table.js";

describe("latency summaries", () => {
  it("uses nearest-rank percentiles", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 95)).toBe(95);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it("summarises unsorted samples", () => {
    const s = summarise([5, 1, 4, 2, 3]);
    expect(s).toEqual({ n: 5, p50: 3, p95: 5, p99: 5, max: 5, mean: 3 });
  });
});

describe("plain tables", () => {
  it("pads columns and right-aligns numbers", () => {
    expect(formatTable(["engine", "MRR"], [["a", "1.000"], ["longer", "0.5"]], { align: ["left", "right"] })).toBe(
      ["engine    MRR", "------  -----", "a       1.000", "longer    0.5"].join("\n"),
    );
  });
});
