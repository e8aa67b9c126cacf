import { describe, expect, it } from "vitest";
import { closestWeight, type WeightedTerm } from "./proximity.js";
import { terms } from "./tokenize.js";

/** Each query word's indexed term as the tokenizer writes it, with a weight. */
const weigh = (words: [string, number][]): WeightedTerm[] => words.map(([word, w], qi) => ({ qi, term: terms(word)[0]!, w }));

describe("closestWeight", () => {
  const query = weigh([
    ["consumer", 3],
    ["lag", 2],
    ["growing", 1],
  ]);
  const filler = (n: number) => Array.from({ length: n }, () => "meadow").join(" ");

  it("adds up the query words said together", () => {
    expect(closestWeight("The consumer lag keeps growing after each deploy.", query, 10)).toBe(6);
  });

  it("counts only the words within the window, wherever the best window is", () => {
    const apart = `consumer ${filler(30)} lag growing ${filler(5)}`;
    expect(closestWeight(apart, query, 10)).toBe(3); // lag + growing; consumer is 30 words away
    expect(closestWeight(apart, query, 40)).toBe(6);
  });

  it("counts a word once, at its heaviest term, however often it repeats", () => {
    const twoTerms: WeightedTerm[] = [...query, { qi: 0, term: terms("consumers")[0]!, w: 5 }];
    expect(closestWeight("consumer consumer consumer lag", query, 10)).toBe(5);
    // "consumers" stems like "consumer": both terms of word 0 are present, the heavier one counts.
    expect(closestWeight("consumers lag", twoTerms, 10)).toBe(7);
  });

  it("matches inflections through the tokenizer's stems", () => {
    expect(closestWeight("Consumers lagged and the backlog grows", query, 10)).toBe(6);
  });

  it("is 0 when no query word occurs, or the text is empty", () => {
    expect(closestWeight("Nothing here about queues.", query, 10)).toBe(0);
    expect(closestWeight("", query, 10)).toBe(0);
    expect(closestWeight("consumer lag", [], 10)).toBe(0);
  });
});
