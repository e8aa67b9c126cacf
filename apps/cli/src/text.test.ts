import { describe, expect, it } from "vitest";
import { entryUrl, plainSnippet } from "./text.js";

describe("plainSnippet", () => {
  it.each([
    ["…raise the <mark>pool</mark> size…", "…raise the pool size…"],
    ["a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; &#x2014; e", "a <b> & \"c\" 'd' — e"],
    ["line one\n\n  line <mark>two</mark>", "line one line two"],
    ["&unknown; stays", "&unknown; stays"],
  ])("%j -> %j", (input, expected) => {
    expect(plainSnippet(input)).toBe(expected);
  });
});

describe("entryUrl", () => {
  it("links the portal page of a slug", () => {
    expect(entryUrl("http://kb.example/base", "pool-exhausted")).toBe("http://kb.example/base/entries/pool-exhausted");
  });
});
