import { describe, expect, it } from "vitest";
import { diffRows, mergeText, resolveMerge, sameContent, threeWayMerge, twoWayMerge, type EditorContent } from "./editor-merge";

const base: EditorContent = {
  title: "DB failover",
  summary: "",
  body: "line 1\nline 2\n",
  tags: ["db"],
  services: [],
  teamId: null,
  visibility: "org",
  fields: { severity: "SEV3", timeline: [{ at: "09:00", text: "alert" }] },
};
const edit = (patch: Partial<EditorContent>): EditorContent => ({ ...structuredClone(base), ...patch });

describe("threeWayMerge", () => {
  it("takes fields only they changed and keeps fields only I changed", () => {
    const mine = edit({ title: "DB failover in eu-west" });
    const theirs = edit({ summary: "Primary lost", fields: { ...base.fields, severity: "SEV2" } });
    const result = threeWayMerge(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.fromTheirs.sort()).toEqual(["fields.severity", "summary"]);
    expect(result.fromMine).toEqual(["title"]);
    expect(result.merged).toEqual({ ...base, title: "DB failover in eu-west", summary: "Primary lost", fields: { ...base.fields, severity: "SEV2" } });
  });

  it("asks when both changed the same field differently", () => {
    const result = threeWayMerge(base, edit({ body: "mine\n" }), edit({ body: "theirs\n" }));
    expect(result.conflicts).toEqual([{ key: "body", base: base.body, mine: "mine\n", theirs: "theirs\n" }]);
    expect(result.merged.body).toBe("mine\n");
  });

  it("does not ask when both made the same change", () => {
    const result = threeWayMerge(base, edit({ tags: ["db", "pg"] }), edit({ tags: ["db", "pg"] }));
    expect(result.conflicts).toEqual([]);
    expect(result.merged.tags).toEqual(["db", "pg"]);
  });

  it("compares structured fields by value, not key order", () => {
    const theirs = edit({ fields: { timeline: [{ text: "alert", at: "09:00" }], severity: "SEV3" } });
    expect(threeWayMerge(base, base, theirs).fromTheirs).toEqual([]);
  });

  it("honours a field they removed", () => {
    const theirs = edit({ fields: { timeline: base.fields.timeline } });
    const result = threeWayMerge(base, edit({ title: "x" }), theirs);
    expect(result.merged.fields).not.toHaveProperty("severity");
  });
});

describe("resolveMerge", () => {
  const result = threeWayMerge(base, edit({ body: "mine\n", title: "Mine" }), edit({ body: "theirs\n", title: "Theirs" }));

  it("applies each choice", () => {
    const merged = resolveMerge(result, { title: { pick: "theirs" }, body: { pick: "edited", value: "both\n" } });
    expect(merged.title).toBe("Theirs");
    expect(merged.body).toBe("both\n");
  });

  it("keeps mine where the writer did not choose", () => {
    expect(resolveMerge(result, {}).title).toBe("Mine");
  });
});

describe("twoWayMerge", () => {
  it("treats every difference as a conflict", () => {
    const result = twoWayMerge(edit({ title: "A" }), edit({ title: "B", summary: "s" }));
    expect(result.conflicts.map((c) => c.key).sort()).toEqual(["summary", "title"]);
  });
});

describe("sameContent", () => {
  it("sees a change in a nested field", () => {
    expect(sameContent(base, edit({}))).toBe(true);
    expect(sameContent(base, edit({ fields: { ...base.fields, timeline: [] } }))).toBe(false);
  });
});

describe("mergeText", () => {
  const text = "# Title\n\nIntro line.\n\n## Impact\n\nSlow checkout.\n\n## Timeline\n\n- 09:00 alert\n";

  it("combines edits to different parts of the text", () => {
    const mine = text.replace("- 09:00 alert\n", "- 09:00 alert\n- 09:20 rolled back\n");
    const theirs = text.replace("Slow checkout.", "Slow checkout for 20 minutes.");
    expect(mergeText(text, mine, theirs)).toBe(
      "# Title\n\nIntro line.\n\n## Impact\n\nSlow checkout for 20 minutes.\n\n## Timeline\n\n- 09:00 alert\n- 09:20 rolled back\n",
    );
  });

  it("gives up when both changed the same line", () => {
    expect(mergeText(text, text.replace("Slow checkout.", "Mine."), text.replace("Slow checkout.", "Theirs."))).toBeNull();
  });
});

describe("diffRows", () => {
  it("folds long unchanged runs around a change", () => {
    const from = Array.from({ length: 10 }, (_, i) => `line ${i}`).join("\n");
    const to = from.replace("line 5", "line five");
    expect(diffRows(from, to, 1)).toEqual([
      { type: "skipped", count: 4 },
      { type: "same", text: "line 4" },
      { type: "removed", text: "line 5" },
      { type: "added", text: "line five" },
      { type: "same", text: "line 6" },
      { type: "skipped", count: 3 },
    ]);
  });

  it("shows everything when nothing changed far away", () => {
    expect(diffRows("a\nb", "a\nc", 2)).toEqual([
      { type: "same", text: "a" },
      { type: "removed", text: "b" },
      { type: "added", text: "c" },
    ]);
  });
});
