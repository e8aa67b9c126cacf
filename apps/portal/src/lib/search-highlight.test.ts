import { describe, expect, it } from "vitest";
import { parseSnippet, tidyMarkdown } from "./search-highlight";

describe("parseSnippet", () => {
  it("turns <mark> markup into marked pieces and decodes the escaped text", () => {
    expect(parseSnippet("…the <mark>disk</mark> was &lt;full&gt; &amp; <mark>slow</mark>…")).toEqual([
      { text: "…the ", mark: false },
      { text: "disk", mark: true },
      { text: " was <full> & ", mark: false },
      { text: "slow", mark: true },
      { text: "…", mark: false },
    ]);
  });

  it("keeps any other markup as literal text, never as elements", () => {
    const parts = parseSnippet('<img src=x onerror=alert(1)> &lt;script&gt;alert(1)&lt;/script&gt; <b>bold</b>');
    expect(parts).toEqual([{ text: "<img src=x onerror=alert(1)> <script>alert(1)</script> <b>bold</b>", mark: false }]);
  });

  it("survives unbalanced or empty markers", () => {
    expect(parseSnippet("a</mark>b<mark>c")).toEqual([
      { text: "ab", mark: false },
      { text: "c", mark: true },
    ]);
    expect(parseSnippet("<mark></mark>")).toEqual([]);
    expect(parseSnippet("")).toEqual([]);
  });
});

describe("tidyMarkdown", () => {
  it.each([
    ["a ```yaml b ``` c", "a b c"],
    ["## Symptoms The job", " Symptoms The job"],
    ["**Done.** next", "Done. next"],
    ["#search-oncall and C# code", "#search-oncall and C# code"],
  ])("%s", (input, expected) => {
    expect(tidyMarkdown(input)).toBe(expected);
  });
});
