import { describe, expect, it } from "vitest";
import { entryPath, entrySlugFromUrl, newEntryPath } from "./portal-paths.js";

describe("entryPath", () => {
  it("addresses an entry and its edit and history pages", () => {
    expect(entryPath("checkout-timeouts")).toBe("/entries/checkout-timeouts");
    expect(entryPath("checkout-timeouts", "edit")).toBe("/entries/checkout-timeouts/edit");
    expect(entryPath("checkout-timeouts", "history")).toBe("/entries/checkout-timeouts/history");
  });

  it("encodes what is not a plain slug", () => {
    expect(entryPath("a/b?c")).toBe("/entries/a%2Fb%3Fc");
  });
});

describe("newEntryPath", () => {
  it("opens the editor of a kind, with a title when one is given", () => {
    expect(newEntryPath("runbook")).toBe("/new/runbook");
    expect(newEntryPath("fix", "  kafka lag & rebalances ")).toBe("/new/fix?title=kafka%20lag%20%26%20rebalances");
    expect(newEntryPath("fix", "   ")).toBe("/new/fix");
  });
});

describe("entrySlugFromUrl", () => {
  it.each([
    ["https://h.example.com/entries/disk-full", "disk-full"],
    ["https://h.example.com/entries/disk-full/history", "disk-full"],
    ["https://h.example.com/entries/disk-full?tab=x#top", "disk-full"],
    ["https://h.example.com/entries/caf%C3%A9", "café"],
    ["https://other.example.com/entries/disk-full", null],
    ["http://h.example.com/entries/disk-full", null],
    ["https://h.example.com/entries/", null],
    ["https://h.example.com/entries/a/b", null],
    ["https://h.example.com/new/fix", null],
    ["not a url", null],
  ])("%s -> %s", (url, slug) => {
    expect(entrySlugFromUrl(url, "https://h.example.com")).toBe(slug);
  });
});
