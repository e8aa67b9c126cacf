import { describe, expect, it } from "vitest";
import { formatDate, formatDateTime, formatUtc, isoString } from "./format";

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

  it("shows incident moments in UTC, saying so", () => {
    expect(formatUtc("2025-03-04T09:12:00Z")).toBe("4 Mar 2025, 09:12 UTC");
    expect(formatUtc("2025-03-04T23:30:00-02:00")).toBe("5 Mar 2025, 01:30 UTC");
    expect(formatUtc("soon")).toBe("—");
  });
});
