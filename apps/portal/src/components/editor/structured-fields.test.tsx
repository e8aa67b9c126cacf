// The E2E tests and screen readers find structured inputs by their numbered labels; this pins them.
import { MantineProvider } from "@mantine/core";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { fieldsToForm } from "../../lib/editor-fields";
import { StructuredFields } from "./structured-fields";

const render = (kind: "postmortem" | "runbook" | "transcript", fields: Record<string, unknown>) =>
  renderToString(
    <MantineProvider>
      <StructuredFields kind={kind} values={fieldsToForm(kind, fields)} onChange={() => undefined} errors={{ "fields.actionItems.0.title": "action item title is required" }} rawFields={fields} />
    </MantineProvider>,
  );

describe("StructuredFields", () => {
  it("labels postmortem rows by number and offers add and remove buttons", () => {
    const html = render("postmortem", { timeline: [{ at: "09:00", text: "alert" }], actionItems: [{ title: "" }] });
    for (const label of ["Event 1 time", "Event 1 description", "Action item 1 title", "Action item 1 owner", "Action item 1 due date", "Action item 1 status"]) {
      expect(html).toContain(`>${label}</label>`);
    }
    expect(html).toContain("Add timeline event");
    expect(html).toContain("Add action item");
    expect(html).toContain('aria-label="Remove event 1"');
    expect(html).toContain("action item title is required");
  });

  it("numbers runbook steps and shows a transcript's messages read-only", () => {
    expect(render("runbook", { steps: [{ text: "Check pods" }, { text: "Restart" }] })).toContain(">Step 2 command</label>");
    const html = render("transcript", { messages: [{ ts: "1", user: "alice", text: "restarting the pods" }] });
    expect(html).toContain("restarting the pods");
    expect(html).not.toContain("<textarea");
  });
});
