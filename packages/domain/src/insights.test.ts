import { describe, expect, it } from "vitest";
import { nextUnreadItem, progressPercent } from "./collection.js";
import { lastMonths, rate } from "./insights.js";

describe("dashboard and progress rules", () => {
  it("lists the last months oldest first, across a year boundary, in UTC", () => {
    expect(lastMonths(new Date("2025-02-10T12:00:00Z"), 4)).toEqual(["2024-11", "2024-12", "2025-01", "2025-02"]);
    expect(lastMonths(new Date("2025-02-10T12:00:00Z"), 12)).toHaveLength(12);
  });

  it.each([
    [0, 0, 0],
    [1, 3, 33],
    [2, 3, 66],
    [199, 200, 99],
    [4, 4, 100],
  ])("%i of %i done is %i%%", (done, total, percent) => {
    expect(progressPercent(done, total)).toBe(percent);
  });

  it("picks the first unread item in reading order", () => {
    const items = [{ id: "a" }, { id: "b" }, { id: "c" }];
    expect(nextUnreadItem(items, new Set(["a", "c"]))?.id).toBe("b");
    expect(nextUnreadItem(items, new Set(["a", "b", "c"]))).toBeNull();
  });

  it("rates without dividing by zero", () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(3, 0)).toBe(0);
  });
});
