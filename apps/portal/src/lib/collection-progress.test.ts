import { describe, expect, it } from "vitest";
import { markReadLabel, percentOf, progressText, toggleCompleted } from "./collection-progress";

describe("collection progress display", () => {
  it("names the checkbox as the E2E contract says", () => {
    expect(markReadLabel("Read me first")).toBe("Mark “Read me first” as read");
  });

  it("describes progress in words", () => {
    expect(progressText(2, 5)).toBe("2 of 5 read");
    expect(progressText(0, 0)).toBe("Nothing to read yet");
  });

  it("toggles one item without touching the others", () => {
    expect(toggleCompleted(["a", "b"], "c", true)).toEqual(["a", "b", "c"]);
    expect(toggleCompleted(["a", "b"], "a", false)).toEqual(["b"]);
    expect(toggleCompleted(["a"], "a", true)).toEqual(["a"]);
  });

  it("floors percentages so 100% means everything is read", () => {
    expect(percentOf(1, 3)).toBe(33);
    expect(percentOf(199, 200)).toBe(99);
    expect(percentOf(3, 3)).toBe(100);
    expect(percentOf(0, 0)).toBe(0);
  });
});
