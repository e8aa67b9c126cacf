import { describe, expect, it } from "vitest";
import { dcg, firstRelevantRank, idealDcg, meanScores, ndcg, recall, reciprocalRank, scoreQuery, topK } from "./metrics.js";

describe("relevance metrics", () => {
  // Worked by hand: judged {a: 2, b: 1, c: 1}; the engine returned x, b, a, y, c.
  //   DCG  = 0/log2(2) + (2^1-1)/log2(3) + (2^2-1)/log2(4) + 0/log2(5) + (2^1-1)/log2(6)
  //        = 0 + 0.6309298 + 1.5 + 0 + 0.3868528 = 2.5177826
  //   IDCG = 3/log2(2) + 1/log2(3) + 1/log2(4) = 3 + 0.6309298 + 0.5 = 4.1309298
  //   nDCG = 2.5177826 / 4.1309298 = 0.6094954;  RR = 1/2 (b, graded 1, at rank 2)
  const rel = { a: 2, b: 1, c: 1 };
  const ranked = ["x", "b", "a", "y", "c"];

  it("computes the hand-worked example", () => {
    expect(dcg([0, 1, 2, 0, 1])).toBeCloseTo(2.5177826, 6);
    expect(idealDcg(rel)).toBeCloseTo(4.1309298, 6);
    expect(ndcg(ranked, rel)).toBeCloseTo(0.6094954, 6);
    expect(reciprocalRank(ranked, rel)).toBe(0.5);
    expect(firstRelevantRank(ranked, rel)).toBe(2);
  });

  it("averages over queries, counting a miss beyond rank 10 as zero", () => {
    const beyond = [...Array.from({ length: 10 }, (_, i) => `n${i}`), "q"];
    const scores = [scoreQuery(ranked, rel), scoreQuery(["p"], { p: 2 }), scoreQuery(beyond, { q: 2 })];
    expect(scores[2]).toEqual({ mrr: 0, ndcg: 0, recall: 0, firstRelevant: null });
    const mean = meanScores(scores);
    expect(mean.mrr).toBeCloseTo((0.5 + 1 + 0) / 3, 10);
    expect(mean.ndcg).toBeCloseTo((0.6094954 + 1 + 0) / 3, 6);
  });

  it.each([
    { name: "perfect order", ranked: ["a", "b", "c"], mrr: 1, ndcg: 1 },
    { name: "ties between grade-1 documents do not matter", ranked: ["a", "c", "b"], mrr: 1, ndcg: 1 },
    { name: "nothing relevant", ranked: ["x", "y"], mrr: 0, ndcg: 0 },
    { name: "empty result", ranked: [], mrr: 0, ndcg: 0 },
    // Only the grade-2 answer, at rank 1: 3 / 4.1309298.
    { name: "answer alone", ranked: ["a"], mrr: 1, ndcg: 3 / 4.1309297536 },
  ])("$name", ({ ranked, mrr, ndcg: expected }) => {
    expect(reciprocalRank(ranked, rel)).toBeCloseTo(mrr, 10);
    expect(ndcg(ranked, rel)).toBeCloseTo(expected, 6);
  });

  it("counts a repeated id once and lets it take no rank", () => {
    expect(topK(["x", "x", "a", "b"])).toEqual(["x", "a", "b"]);
    expect(firstRelevantRank(["x", "x", "a"], rel)).toBe(2);
    expect(ndcg(["a", "a", "b", "c"], rel)).toBeCloseTo(1, 10);
  });

  it("cuts the ideal ranking at 10 too", () => {
    const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`d${i}`, 1]));
    expect(idealDcg(many)).toBeCloseTo(dcg(Array(10).fill(1)), 10);
    expect(ndcg(Object.keys(many), many)).toBeCloseTo(1, 10);
  });

  it("ignores judgements of grade 0 and means nothing over no queries", () => {
    expect(idealDcg({ a: 2, z: 0 })).toBe(3);
    expect(meanScores([])).toEqual({ mrr: 0, ndcg: 0, recall: 0 });
  });

  describe("recall@10", () => {
    it.each([
      // judged {a: 2, b: 1, c: 1}: the hand-worked ranking x, b, a, y, c finds all three.
      { name: "all relevant found", ranked: ["x", "b", "a", "y", "c"], expected: 1 },
      { name: "two of three", ranked: ["a", "c", "x"], expected: 2 / 3 },
      { name: "grade is irrelevant: one of three either way", ranked: ["b"], expected: 1 / 3 },
      { name: "nothing relevant", ranked: ["x", "y"], expected: 0 },
      { name: "empty result", ranked: [], expected: 0 },
      { name: "a repeated id counts once", ranked: ["a", "a", "a"], expected: 1 / 3 },
    ])("$name", ({ ranked, expected }) => {
      expect(recall(ranked, rel)).toBeCloseTo(expected, 10);
    });

    it("only counts the top 10, and is not capped at 10 relevant documents", () => {
      const beyond = [...Array.from({ length: 10 }, (_, i) => `n${i}`), "a"];
      expect(recall(beyond, rel)).toBe(0);
      const many = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`d${i}`, 1]));
      expect(recall(Object.keys(many), many)).toBeCloseTo(10 / 12, 10);
    });

    it("ignores grade-0 judgements and is 0 when nothing is relevant", () => {
      expect(recall(["a", "z"], { a: 2, z: 0 })).toBe(1);
      expect(recall(["a"], {})).toBe(0);
    });

    it("is part of the score and the mean", () => {
      expect(scoreQuery(["a", "c"], rel).recall).toBeCloseTo(2 / 3, 10);
      expect(meanScores([scoreQuery(["a", "b", "c"], rel), scoreQuery(["x"], rel)]).recall).toBeCloseTo(0.5, 10);
    });
  });
});
