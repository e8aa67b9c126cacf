import { diffLines } from "diff";
import { describe, expect, it } from "vitest";
import {
  collapseUnchanged,
  fieldDiff,
  fieldLabel,
  partsToRows,
  splitLines,
  valueToText,
  type DiffPart,
  type DiffRow,
} from "./entry-diff";

const parts = (a: string, b: string): DiffPart[] =>
  diffLines(a, b).map((p) => ({ value: p.value, added: Boolean(p.added), removed: Boolean(p.removed) }));

/** A compact picture of rows: "=a|a", "-a|+b", "-a|", "|+b". */
const picture = (rows: DiffRow[]) =>
  rows.map((r) => {
    const side = (cell: DiffRow["left"], mark: string) =>
      cell ? `${cell.change === "unchanged" ? "=" : mark}${cell.text}` : "";
    return `${side(r.left, "-")}|${side(r.right, "+")}`;
  });

describe("splitLines", () => {
  it.each([
    ["", []],
    ["a", ["a"]],
    ["a\n", ["a"]],
    ["a\nb\n", ["a", "b"]],
    ["a\r\nb", ["a", "b"]],
    ["\n", [""]],
  ])("%j -> %j", (value, lines) => {
    expect(splitLines(value)).toEqual(lines);
  });
});

describe("partsToRows", () => {
  it("pairs a changed line with the line it replaced", () => {
    expect(picture(partsToRows(parts("one\ntwo\nthree\n", "one\nTWO\nthree\n")))).toEqual([
      "=one|=one",
      "-two|+TWO",
      "=three|=three",
    ]);
  });

  it("leaves the shorter side empty when a change adds or removes more lines than it replaces", () => {
    expect(picture(partsToRows(parts("a\nb\nz\n", "a\nB1\nB2\nB3\nz\n")))).toEqual([
      "=a|=a",
      "-b|+B1",
      "|+B2",
      "|+B3",
      "=z|=z",
    ]);
    expect(picture(partsToRows(parts("a\nb\nc\nz\n", "a\nz\n")))).toEqual(["=a|=a", "-b|", "-c|", "=z|=z"]);
  });

  it("shows a pure insertion on the right only", () => {
    expect(picture(partsToRows(parts("a\n", "a\nnew\n")))).toEqual(["=a|=a", "|+new"]);
  });

  it("numbers lines per side, skipping the side a line does not exist on", () => {
    const rows = partsToRows(parts("a\nb\nc\n", "a\nx\ny\nc\n"));
    expect(rows.map((r) => [r.left?.line ?? null, r.right?.line ?? null])).toEqual([
      [1, 1],
      [2, 2],
      [null, 3],
      [3, 4],
    ]);
  });

  it("handles text from nothing and to nothing", () => {
    expect(picture(partsToRows(parts("", "a\nb")))).toEqual(["|+a", "|+b"]);
    expect(picture(partsToRows(parts("a\nb", "")))).toEqual(["-a|", "-b|"]);
  });
});

describe("collapseUnchanged", () => {
  const long = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);

  it("folds unchanged lines far from any change and keeps context around it", () => {
    const after = [...long];
    after[10] = "changed";
    const items = collapseUnchanged(partsToRows(parts(long.join("\n") + "\n", after.join("\n") + "\n")), 2);
    // 8 unchanged before the change (2 kept), 9 after (2 kept).
    expect(items.map((i) => (i.type === "skip" ? `skip ${i.count}@${i.leftStart}` : i.left?.text))).toEqual([
      "skip 8@1",
      "line 9",
      "line 10",
      "line 11",
      "line 12",
      "line 13",
      "skip 7@14",
    ]);
  });

  it("does not fold a run that would hide fewer than two lines", () => {
    const rows = partsToRows(parts("a\nb\nc\nd\n", "a\nb\nc\nD\n"));
    expect(collapseUnchanged(rows, 2).every((i) => i.type === "row")).toBe(true);
  });

  it("keeps every changed row", () => {
    const rows = partsToRows(parts(long.join("\n"), long.map((l) => l.toUpperCase()).join("\n")));
    expect(collapseUnchanged(rows).length).toBe(rows.length);
  });
});

describe("valueToText and fieldLabel", () => {
  it("shows lists one item a line and structures with sorted keys", () => {
    expect(valueToText(["postgres", "pgbouncer"])).toBe("postgres\npgbouncer");
    expect(valueToText(null)).toBe("");
    expect(valueToText("published")).toBe("published");
    expect(valueToText({ b: 1, a: [1, 2] })).toBe('{\n  "a": [\n    1,\n    2\n  ],\n  "b": 1\n}');
  });

  it("names fields for people", () => {
    expect(fieldLabel("body")).toBe("Body");
    expect(fieldLabel("teamId")).toBe("Owner team");
    expect(fieldLabel("reviewIntervalDays")).toBe("Review interval days");
  });
});

describe("fieldDiff", () => {
  it("counts added and removed lines of a text change", () => {
    const diff = fieldDiff({ field: "body", type: "text", parts: parts("a\nb\n", "a\nc\nd\n") });
    expect(diff).toMatchObject({ field: "body", label: "Body", added: 2, removed: 1 });
  });

  it("line-diffs a structured value change", () => {
    const diff = fieldDiff({ field: "tags", type: "value", before: ["a", "b"], after: ["a", "c"] });
    expect(picture(diff.items.filter((i): i is DiffRow => i.type === "row"))).toEqual(["=a|=a", "-b|+c"]);
  });

  it("shows an appended list item as the only change", () => {
    const diff = fieldDiff({ field: "tags", type: "value", before: ["a", "b"], after: ["a", "b", "c"] });
    expect(picture(diff.items.filter((i): i is DiffRow => i.type === "row"))).toEqual(["=a|=a", "=b|=b", "|+c"]);
    expect(diff).toMatchObject({ added: 1, removed: 0 });
  });

  it("does not mark a last line as changed when only its newline changed", () => {
    // jsdiff: "x\ny" -> "x\ny\nz" reports "y" removed and "y\nz\n" added.
    const rows = partsToRows(parts("x\ny", "x\ny\nz"));
    expect(picture(rows)).toEqual(["=x|=x", "=y|=y", "|+z"]);
  });

  it("treats a value that appeared as all added", () => {
    const diff = fieldDiff({ field: "sourceUrl", type: "value", before: null, after: "https://x.example" });
    expect(diff.added).toBe(1);
    expect(diff.removed).toBe(0);
  });
});
