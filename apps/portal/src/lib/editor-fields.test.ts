import { KIND_FIELD_SCHEMAS, TEMPLATES, ENTRY_KINDS } from "@hindsight/domain";
import { describe, expect, it } from "vitest";
import { emptyRow, fieldPathLabel, fieldsToForm, formToFields, KIND_FIELD_SPECS, localInputToIso, setPath, type FormRow } from "./editor-fields";

const rowsSpec = (kind: (typeof ENTRY_KINDS)[number], key: string) => {
  const spec = KIND_FIELD_SPECS[kind].find((s) => s.key === key);
  if (spec?.type !== "rows") throw new Error(`${key} is not rows`);
  return spec;
};

describe("field specs", () => {
  it.each(ENTRY_KINDS)("every %s spec names a field the domain schema knows", (kind) => {
    const shape = KIND_FIELD_SCHEMAS[kind].shape as Record<string, unknown>;
    for (const spec of KIND_FIELD_SPECS[kind]) expect(Object.keys(shape)).toContain(spec.key.split(".")[0]);
  });

  it.each(ENTRY_KINDS)("the %s template survives a round trip through the form unchanged", (kind) => {
    const fields = TEMPLATES[kind].fields;
    expect(formToFields(kind, fieldsToForm(kind, fields), fields)).toEqual(fields);
  });
});

describe("fieldsToForm / formToFields", () => {
  const postmortem = {
    severity: "SEV2",
    incident: { startedAt: "2024-03-01T09:00:00.000Z" },
    timeline: [{ at: "09:00 UTC", text: "alert fired" }],
    contributingFactors: ["a", "b"],
    actionItems: [{ id: "8d0c7f3e-2a4e-4b7a-9a51-5d1f7e1b2c3d", title: "Add alert", owner: "@sam", status: "open" }],
    transcriptId: "0d7c2c4e-1b7a-4c6e-8f0a-2b3c4d5e6f70",
  };

  it("shows lines one per line and rows as strings", () => {
    const form = fieldsToForm("postmortem", postmortem);
    expect(form.contributingFactors).toBe("a\nb");
    expect(form.severity).toBe("SEV2");
    const rows = form.actionItems as FormRow[];
    expect(rows[0]!.values).toEqual({ title: "Add alert", owner: "@sam", dueDate: "", status: "open" });
    expect(rows[0]!.extra).toEqual({ id: postmortem.actionItems[0]!.id });
  });

  it("keeps ids and unspecified keys, drops blank optional values and blank lines", () => {
    const form = fieldsToForm("postmortem", postmortem);
    form.contributingFactors = "a\n\n  c  \n";
    form.severity = "";
    (form.actionItems as FormRow[])[0]!.values.owner = "  ";
    const fields = formToFields("postmortem", form, postmortem);
    expect(fields.contributingFactors).toEqual(["a", "c"]);
    expect(fields).not.toHaveProperty("severity");
    expect(fields.actionItems).toEqual([{ id: postmortem.actionItems[0]!.id, title: "Add alert", status: "open" }]);
    expect(fields.transcriptId).toBe(postmortem.transcriptId);
    expect(KIND_FIELD_SCHEMAS.postmortem.safeParse(fields).success).toBe(true);
  });

  it("adds rows with blank required columns so the schema can name them", () => {
    const form = fieldsToForm("postmortem", {});
    form.actionItems = [emptyRow(rowsSpec("postmortem", "actionItems"))];
    const fields = formToFields("postmortem", form, {});
    expect(fields.actionItems).toEqual([{ title: "" }]);
    const result = KIND_FIELD_SCHEMAS.postmortem.safeParse(fields);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["actionItems", 0, "title"]);
  });

  it("converts local datetimes to ISO and removes an incident left empty", () => {
    const form = fieldsToForm("postmortem", postmortem);
    expect(form["incident.startedAt"]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(formToFields("postmortem", form, postmortem).incident).toEqual({ startedAt: "2024-03-01T09:00:00.000Z" });
    form["incident.startedAt"] = "";
    expect(formToFields("postmortem", form, postmortem)).not.toHaveProperty("incident");
  });

  it("saves numbers as numbers and leaves garbage for the schema to reject", () => {
    const form = fieldsToForm("runbook", { reviewIntervalDays: 90 });
    expect(form.reviewIntervalDays).toBe("90");
    form.reviewIntervalDays = "30";
    expect(formToFields("runbook", form, {}).reviewIntervalDays).toBe(30);
    form.reviewIntervalDays = "soon";
    expect(KIND_FIELD_SCHEMAS.runbook.safeParse(formToFields("runbook", form, {})).success).toBe(false);
  });

  it("never touches a transcript's messages", () => {
    const fields = { channel: "#inc", messages: [{ ts: "1", user: "a", text: "hi" }] };
    const form = fieldsToForm("transcript", fields);
    form.channel = "#incident-42";
    expect(formToFields("transcript", form, fields)).toEqual({ channel: "#incident-42", messages: fields.messages });
  });

  it("passes an unparseable datetime through", () => {
    expect(localInputToIso("tomorrow")).toBe("tomorrow");
  });
});

describe("setPath", () => {
  it("creates and prunes nested objects", () => {
    const obj: Record<string, unknown> = {};
    setPath(obj, "appliesTo.services", ["api"]);
    expect(obj).toEqual({ appliesTo: { services: ["api"] } });
    setPath(obj, "appliesTo.services", undefined);
    expect(obj).toEqual({});
  });
});

describe("fieldPathLabel", () => {
  it.each([
    ["title", "Title"],
    ["fields.timeline.2.text", "Event 3 description"],
    ["fields.actionItems.0.dueDate", "Action item 1 due date"],
    ["fields.contributingFactors.1", "Contributing factors, line 2"],
    ["fields.incident.startedAt", "Started at"],
  ])("%s -> %s", (path, label) => {
    expect(fieldPathLabel("postmortem", path)).toBe(label);
  });
});
