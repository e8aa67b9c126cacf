import { describe, expect, it } from "vitest";
import { checkEntryBlameless } from "./blameless-entry.js";

describe("checkEntryBlameless", () => {
  it("finds blame in structured fields and says where", () => {
    const findings = checkEntryBlameless({
      title: "Checkout outage",
      summary: "",
      body: "The pool filled up.",
      fields: {
        contributingFactors: ["Connection limits were not part of the deploy checklist", "The outage was caused by human error"],
        timeline: [{ at: "2026-09-14T09:12:00Z", text: "Pager fired" }],
        actionItems: [{ id: "00000000-0000-4000-8000-000000000000", title: "Add a limit check" }],
      },
    });
    expect(findings.map((f) => f.where)).toEqual(["fields.contributingFactors.1"]);
    expect(findings[0]!.match.toLowerCase()).toContain("human error");
  });

  it("passes neutral write-ups", () => {
    expect(checkEntryBlameless({ title: "t", summary: "The deployment failed to roll out.", body: "", fields: {} })).toEqual([]);
  });
});
