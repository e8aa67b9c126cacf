import { describe, expect, it, vi } from "vitest";
import { isCommonWord, isEnglishWord, isEverydayWord, isName, isProductName } from "./names.js";

describe("isName: which query words name a thing rather than say something in English", () => {
  it.each([
    ["pulumi", "a word no list has"],
    ["sidekiq", "a word no list has"],
    ["vitess", "a word no common word is one typo from"],
  ])("%s is a name: %s", (w) => {
    expect(isName(w)).toBe(true);
  });

  it.each([
    ["an English word", "vanished"],
    ["an inflection", "rebooting"],
    ["a misspelling one letter off", "deploymnet"],
    ["a common word missing a letter", "brokn"],
    ["a long word with two typos", "crtficate"],
    ["a misspelling with two letters swapped", "recieve"],
    ["English words run together", "heapdump"],
    ["three English words run together", "logfilewatcher"],
    ["a host tool, how a failure was seen", "smartctl"],
    ["another", "chronyd"],
  ])("%s is not a name (%s)", (_class, w) => {
    expect(isName(w)).toBe(false);
  });

  it.each([
    ["too short to tell", "qzx"],
    ["with digits", "http2c"],
    ["long enough for two typos", "grafanalabs"],
    ["not lower-case letters", "Pulumi"],
  ])("a word %s is never a name (%s)", (_class, w) => {
    expect(isName(w)).toBe(false);
  });
});

describe("isProductName: products from the domain's technology table", () => {
  it.each([
    ["karpenter", "one typo from an English word"],
    ["cloudtrail", "English words run together"],
    ["gke", "three letters"],
    ["letsencrypt", "long enough for two typos"],
    ["cert-manager", "hyphenated, as people type it"],
  ])("%s is a product's name (%s), and so a name", (w) => {
    expect(isProductName(w)).toBe(true);
    if (/^[a-z]+$/.test(w)) expect(isName(w)).toBe(true);
  });

  it.each([
    ["a product that is also a common English word", "vault"],
    ["another", "spring"],
    ["a word that is no product", "carpenter"],
    ["a programming language, which a question names as context", "javascript"],
    ["too short to be one", "go"],
  ])("%s is not (%s)", (_class, w) => {
    expect(isProductName(w)).toBe(false);
  });
});

describe("isEnglishWord: the English word list, inflections included", () => {
  it.each(["hole", "lapsed", "rebooting"])("%s is English", (w) => expect(isEnglishWord(w)).toBe(true));
  it.each(["redy", "spce", "kubelet"])("%s is not", (w) => expect(isEnglishWord(w)).toBe(false));
});

describe("isEverydayWord: the commonest English words, which tell little about what a question asks", () => {
  it.each(["room", "book", "space", "days", "account", "dropped"])("%s is an everyday word", (w) => {
    expect(isEverydayWord(w)).toBe(true);
  });

  it.each([
    ["a technical word", "kubelet"],
    ["a plain but less common word", "certificate"],
    ["a word no dictionary has", "conntrack"],
    ["a word of another case", "Room"],
  ])("%s is not (%s)", (_class, w) => {
    expect(isEverydayWord(w)).toBe(false);
  });
});

describe("isCommonWord: common English words, which a search does not read as typos of other words", () => {
  it.each(["paternity", "yearly", "parking", "handshakes"])("%s is a common word", (w) => expect(isCommonWord(w)).toBe(true));
  // Rare English words ("kaim") and misspellings ("reddy") may still be typos.
  it.each(["kaim", "reddy", "latncy", "kubelet"])("%s is not", (w) => expect(isCommonWord(w)).toBe(false));
});

describe("loadWordLists: the warm-up a server runs before it takes requests", () => {
  it("puts the word lists in memory, so the first question with an unknown word reads no file", async () => {
    vi.resetModules();
    const fresh = await import("./names.js");
    expect(fresh.wordListsLoaded()).toBe(false);
    fresh.loadWordLists();
    expect(fresh.wordListsLoaded()).toBe(true);
    expect(fresh.isName("pulumi")).toBe(true);
  });
});
