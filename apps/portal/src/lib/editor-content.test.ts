import { describe, expect, it } from "vitest";
import { fieldPathLabel } from "./editor-fields";
import { errorSummary, newEntryContent, validateContent } from "./editor-content";

describe("newEntryContent", () => {
  it("starts from the template with the prefilled title and team", () => {
    const c = newEntryContent("fix", { title: "  ECONNRESET on deploy ", teamId: "t1" });
    expect(c.title).toBe("ECONNRESET on deploy");
    expect(c.teamId).toBe("t1");
    expect(c.body).toContain("## Problem");
    expect(c.fields).toEqual({ symptoms: [], errorSignatures: [], resolutionSteps: [] });
  });
});

describe("validateContent", () => {
  it("accepts a template with a title", () => {
    expect(validateContent("postmortem", newEntryContent("postmortem", { title: "x" }))).toEqual({});
  });

  it("names the title, labels and structured fields", () => {
    const c = newEntryContent("postmortem", {});
    c.tags = ["Bad Tag!"];
    c.fields = { ...c.fields, actionItems: [{ title: "" }] };
    const errors = validateContent("postmortem", c);
    expect(errors.title).toBe("title is required");
    expect(errors["tags.0"]).toMatch(/may use/);
    expect(errors["fields.actionItems.0.title"]).toBe("action item title is required");
    expect(errorSummary(errors, (p) => fieldPathLabel("postmortem", p))).toMatch(/^Not saved. Fix 3 fields: Title: title is required;/);
  });
});
