import { describe, expect, it } from "vitest";
import { ENTRY_KINDS, KIND_BASICS, KINDS, kindsWhere } from "./kinds.js";

describe("kind descriptors", () => {
  it.each(ENTRY_KINDS)("%s: every markdown section feeds a field its schema knows", (kind) => {
    const shape = KINDS[kind].fields.shape as Record<string, unknown>;
    for (const section of KINDS[kind].markdown.sections) expect(Object.keys(shape)).toContain(section.field);
  });

  it.each(ENTRY_KINDS)("%s: carries action items exactly when its schema has actionItems", (kind) => {
    expect(KINDS[kind].carriesActionItems).toBe("actionItems" in KINDS[kind].fields.shape);
  });

  it.each(ENTRY_KINDS)("%s: a review-freshness signal needs a reviewIntervalDays field", (kind) => {
    if (KINDS[kind].ranking.reviewFreshness) expect(KINDS[kind].fields.shape).toHaveProperty("reviewIntervalDays");
  });

  it.each(ENTRY_KINDS)("%s: the descriptor is registered under its own kind, with its plain half", (kind) => {
    expect(KINDS[kind].kind).toBe(kind);
    expect(KINDS[kind].label).toBe(KIND_BASICS[kind].label);
  });

  it("lists the kinds whose flag is set, in menu order", () => {
    expect(kindsWhere((k) => k.carriesActionItems)).toEqual(["postmortem", "gameday"]);
    expect(ENTRY_KINDS).toEqual(["postmortem", "fix", "runbook", "transcript", "gameday"]);
  });
});
