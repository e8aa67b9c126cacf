import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, isoString } from "./format";

describe("date formatting", () => {
  it("accepts the ISO strings the API sends and Date objects alike", () => {
    const iso = "2026-03-14T09:26:53.000Z";
    expect(formatDate(iso)).toBe(formatDate(new Date(iso)));
    expect(formatDate(iso)).toMatch(/2026/);
    expect(formatDateTime(iso)).toMatch(/2026/);
    expect(isoString(iso)).toBe(iso);
  });

  it("shows a dash rather than Invalid Date", () => {
    for (const value of [null, undefined, "", "not a date"]) {
      expect(formatDate(value)).toBe("—");
      expect(formatDateTime(value)).toBe("—");
      expect(isoString(value)).toBeUndefined();
    }
  });
});
