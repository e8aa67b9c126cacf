import { describe, expect, it } from "vitest";
import { newEntryLabel, SEARCH_KINDS } from "./search-kinds";

describe("kind names on the search pages", () => {
  it("names the new-entry actions", () => {
    expect(SEARCH_KINDS.map(newEntryLabel)).toEqual([
      "New postmortem",
      "New fix",
      "New runbook",
      "New ChatOps transcript",
      "New game day",
    ]);
  });
});
