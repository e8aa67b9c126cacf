import { ENTRY_KINDS } from "@hindsight/domain";
import { describe, expect, it } from "vitest";
import { newEntryLabel } from "./search-kinds";

describe("kind names on the search pages", () => {
  it("names the new-entry actions", () => {
    expect(ENTRY_KINDS.map(newEntryLabel)).toEqual([
      "New postmortem",
      "New fix",
      "New runbook",
      "New ChatOps transcript",
      "New game day",
    ]);
  });
});
