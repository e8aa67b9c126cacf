import { describe, expect, it } from "vitest";
import { barRows, formatBarRows, parseBars } from "./answer-bars-run.js";
import { scoreQuery } from "./metrics.js";
import type { EngineRun, RunQuery } from "./relevance-run.js";

const queries: RunQuery[] = [
  { q: "pods crash", rel: { a: 3 }, style: "symptom", split: "test" },
  { q: "disk full", rel: { b: 3, c: 1 }, style: "symptom", split: "test" },
  { q: "office wifi", rel: {}, style: "noanswer", split: "test" },
  { q: "lunch menu", rel: {}, style: "noanswer", split: "test" },
  { q: "certs expired", rel: { d: 3 }, style: "symptom", split: "tune" },
];

/** A run that returns `ranked[i]` for queries[i]. */
function run(engine: string, ranked: string[][]): EngineRun {
  const perQuery = queries.map((q, i) => ({ q: q.q, ranked: ranked[i]!, ...scoreQuery(ranked[i]!, q.rel) }));
  return { engine, error: null, perQuery, mrr: 0, ndcg: 0, recall: 0 };
}

describe("parseBars", () => {
  it("reads question/line pairs, and a lone number as the question's bar", () => {
    expect(parseBars("1.05/0.85, 1.4/1,1.6", 0.85)).toEqual([
      { question: 1.05, line: 0.85 },
      { question: 1.4, line: 1 },
      { question: 1.6, line: 0.85 },
    ]);
  });

  it.each(["", "1.4/x", "-1", "1/2/3", "0/1"])("rejects %j, naming it", (value) => {
    expect(() => parseBars(value, 0.85)).toThrow(value ? new RegExp(`"${value.replace(/[/.]/g, "\\$&")}" is not a bar`) : /at least one bar/);
  });
});

describe("barRows", () => {
  const bars = [
    { question: 1, line: 1 },
    { question: 2, line: 1 },
  ];
  // At the lax bar everything gets hits; at the strict one an unanswerable query and an answerable one
  // (whose answer was second) get nothing.
  const lax = run("Hindsight", [["a"], ["x", "b"], ["z"], ["z"], ["d"]]);
  const strict = run("Hindsight", [["a"], [], [], ["z"], ["d"]]);
  const peerA = run("A", [["x", "a"], ["b"], ["z"], ["z"], []]);
  const peerB = run("B", [["a"], ["x", "x", "b"], ["z"], [], ["d"]]);

  it("counts what each bar answers with nothing and scores it beside the better peer, on the picked half", () => {
    const rows = barRows(queries, bars, [lax, strict], [peerA, peerB], (q) => q.split === "test");
    expect(rows.map((r) => [r.unanswerable, r.answerable])).toEqual([
      [{ nothing: 0, of: 2 }, { nothing: 0, of: 2 }],
      [{ nothing: 1, of: 2 }, { nothing: 1, of: 2 }],
    ]);
    expect(rows[0]!.mrr).toBeCloseTo((1 + 0.5) / 2);
    expect(rows[1]!.mrr).toBeCloseTo(1 / 2);
    // Peer A: 0.5 and 1; peer B: 1 and 1/3. The better peer by MRR is A (0.75 against 0.667).
    expect(rows[0]!.peerMrr).toBeCloseTo(0.75);
    expect(rows[1]!.peerMrr).toBeCloseTo(0.75);
    expect(rows[0]!.peerNdcg).toBeGreaterThan(0);
  });

  it("leaves out the halves it is not asked for", () => {
    const [row] = barRows(queries, bars, [lax, strict], [peerA, peerB], (q) => q.split === "tune");
    expect(row!.answerable).toEqual({ nothing: 0, of: 1 });
    expect(row!.unanswerable).toEqual({ nothing: 0, of: 0 });
    expect(row!.peerMrr).toBe(1);
  });

  it("prints one line a bar with the margin over the better peer", () => {
    const text = formatBarRows(barRows(queries, bars, [lax, strict], [peerA, peerB], (q) => q.split === "test"));
    const lines = text.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^1\/1\s+0\/2 0 %\s+0\/2 0 %\s+0\.750 \/ [\d.]+\s+0\.750 \/ [\d.]+\s+\+0\.000 \/ /);
    expect(lines[3]).toMatch(/^2\/1\s+1\/2 50 %\s+1\/2 50 %\s+0\.500 \/ [\d.]+\s+0\.750 \/ [\d.]+\s+-0\.250 \/ /);
  });
});
