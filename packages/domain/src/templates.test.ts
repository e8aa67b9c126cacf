import { describe, expect, it } from "vitest";
import { ENTRY_KINDS, KIND_FIELD_SCHEMAS } from "./kinds.js";
import { templateFor } from "./templates.js";

describe("templates", () => {
  it.each(ENTRY_KINDS)("%s template has valid fields and a body", (kind) => {
    const t = templateFor(kind);
    expect(t.kind).toBe(kind);
    expect(KIND_FIELD_SCHEMAS[kind].safeParse(t.fields).success).toBe(true);
    expect(t.body.length).toBeGreaterThan(20);
  });
  it("hands out copies, so editing one never changes the template", () => {
    const a = templateFor("postmortem");
    (a.fields.timeline as unknown[]).push({ at: "x", text: "y" });
    expect(templateFor("postmortem").fields.timeline).toEqual([]);
  });
});
