import { describe, expect, it } from "vitest";
import { safeNextPath } from "./redirect";

describe("safeNextPath", () => {
  it.each([
    ["/entries/db-failover", "/entries/db-failover"],
    ["/?kind=runbook&status=published", "/?kind=runbook&status=published"],
    ["/collections#onboarding", "/collections#onboarding"],
  ])("keeps the same-origin path %s", (raw, expected) => {
    expect(safeNextPath(raw)).toBe(expected);
  });

  it.each([
    [null],
    [undefined],
    [""],
    ["https://evil.example/"],
    ["//evil.example/"],
    ["/\\evil.example/"],
    ["/\t/evil.example/"],
    ["/\n/evil.example/"],
    ["javascript:alert(1)"],
    ["entries/relative"],
  ])("falls back to / for %j", (raw) => {
    expect(safeNextPath(raw)).toBe("/");
  });

  it("lands on a path that resolves to this origin", () => {
    for (const raw of ["/a", "//evil.example", "/\\evil.example", "/\t/evil.example"]) {
      expect(new URL(safeNextPath(raw), "https://hindsight.internal").origin).toBe("https://hindsight.internal");
    }
  });
});
