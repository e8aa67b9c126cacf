import { describe, expect, it } from "vitest";
import { timeAgo } from "./search-time";

const now = new Date("2026-06-15T12:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe("timeAgo", () => {
  it.each([
    [ago(10), "just now"],
    [ago(5 * 60), "5 minutes ago"],
    [ago(3 * 3600), "3 hours ago"],
    [ago(26 * 3600), "yesterday"],
    [ago(3 * 86400), "3 days ago"],
    [ago(15 * 86400), "2 weeks ago"],
    [ago(95 * 86400), "3 months ago"],
    [ago(800 * 86400), "2 years ago"],
  ])("%s reads as %s", (value, expected) => {
    expect(timeAgo(value, now)).toBe(expected);
  });

  it("never speaks of the future when the clocks disagree", () => {
    expect(timeAgo(new Date(now.getTime() + 90_000), now)).toBe("just now");
  });

  it("says nothing for missing or broken dates", () => {
    expect(timeAgo(null, now)).toBeUndefined();
    expect(timeAgo("not a date", now)).toBeUndefined();
  });
});
