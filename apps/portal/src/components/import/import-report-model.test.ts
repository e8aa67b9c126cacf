import { describe, expect, it } from "vitest";
import { addReports, bytesToBase64, emptyReport, redactionsByKind, reportHeadline, type ImportReport } from "./import-report-model";

const report = (patch: Partial<ImportReport>): ImportReport => ({ ...emptyReport(), ...patch });

describe("bytesToBase64", () => {
  it("matches Node's encoder, across chunk boundaries", () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(bytesToBase64(new Uint8Array())).toBe("");
  });
});

describe("addReports", () => {
  it("adds counts, entries, redactions by kind and skipped reasons", () => {
    const a = report({
      created: 1,
      entries: [{ id: "a", slug: "a", title: "A", outcome: "created" }],
      redactions: { total: 1, byKind: { jwt: 1 }, locations: [] },
      skipped: [{ reason: "bot message", count: 2 }],
    });
    const b = report({
      updated: 1,
      entries: [{ id: "b", slug: "b", title: "B", outcome: "updated" }],
      redactions: { total: 3, byKind: { jwt: 1, "github-token": 2 }, locations: [] },
      skipped: [{ reason: "bot message", count: 1 }],
    });
    const sum = addReports(a, b);
    expect(reportHeadline(sum)).toBe("1 created, 1 updated, 0 unchanged");
    expect(sum.entries.map((e) => e.slug)).toEqual(["a", "b"]);
    expect(redactionsByKind(sum)).toEqual([["github-token", 2], ["jwt", 2]]);
    expect(sum.skipped).toEqual([{ reason: "bot message", count: 3 }]);
    expect(a.skipped).toEqual([{ reason: "bot message", count: 2 }]);
  });
});
