import { describe, expect, it } from "vitest";
import { decodeEntities, snippetParts } from "./search-snippet.js";

describe("snippetParts", () => {
  it("splits on exactly <mark> and </mark> (any case), decodes, and merges neighbours", () => {
    expect(snippetParts("x <MARK>a&amp;b</mark><mark>c</mark> &lt;i&gt; <i>y</i>")).toEqual([
      { text: "x ", mark: false },
      { text: "a&bc", mark: true },
      { text: " <i> <i>y</i>", mark: false },
    ]);
  });
});

describe("decodeEntities", () => {
  it.each([
    ["&quot;x&quot; &#39;y&#39;", `"x" 'y'`],
    ["&#x1F600;", "😀"],
    ["&amp;lt;", "&lt;"],
    ["&unknown; &#0; &#xFFFFFFF;", "&unknown; &#0; &#xFFFFFFF;"],
  ])("%s", (input, expected) => {
    expect(decodeEntities(input)).toBe(expected);
  });
});
