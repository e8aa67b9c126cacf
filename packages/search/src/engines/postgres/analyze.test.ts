import { describe, expect, it } from "vitest";
import { exactTitleTerm, exactTitleTerms } from "./analyze.js";

describe("exactTitleTerm", () => {
  it.each([
    ["Node Filesystem Space Filling Up", "=nodefilesystemspacefillingup"],
    ["NodeFilesystemSpaceFillingUp", "=nodefilesystemspacefillingup"],
    ["node_filesystem_space-filling.up", "=nodefilesystemspacefillingup"],
    ["Café crème outage", "=cafecremeoutage"],
    ["TargetDown", "=targetdown"],
  ])("%s -> %s", (text, term) => {
    expect(exactTitleTerm(text)).toBe(term);
  });

  it("gives short texts (and very long ones) no exact-title term", () => {
    expect(exactTitleTerm("Outage")).toBeNull();
    expect(exactTitleTerm("db  down")).toBeNull();
    expect(exactTitleTerm("x".repeat(121))).toBeNull();
  });
});

describe("exactTitleTerms: the titles a query names", () => {
  it("names the whole query, and each CamelCase name in it", () => {
    expect(exactTitleTerms("Zorb Cache Down", false)).toEqual(["=zorbcachedown"]);
    expect(exactTitleTerms("[FIRING:1] ZorbCacheDown critical: ZorbCache has disappeared", false)).toEqual([
      "=firing1zorbcachedowncriticalzorbcachehasdisappeared",
      "=zorbcachedown",
      "=zorbcache",
    ]);
    expect(exactTitleTerms("zorbcacheLagHigh: lag is 2s", false)).toContain("=zorbcachelaghigh");
  });

  it("names each word of a question that is no English word, as an alert name typed in lower case", () => {
    expect(exactTitleTerms("zorbcachelaghigh firing on the eu cluster", false)).toEqual(["=zorbcachelaghighfiringontheeucluster", "=zorbcachelaghigh"]);
    expect(exactTitleTerms("zorb-cache-lag-high again", false)).toContain("=zorbcachelaghigh");
    // English words of eight letters or more are words, not titles.
    expect(exactTitleTerms("certificate disappeared", false)).toEqual(["=certificatedisappeared"]);
  });

  it("does not name a pasted line whole, nor plain or short words", () => {
    expect(exactTitleTerms("ZorbCacheDown: dial tcp 10.0.0.1:80: connection refused", true)).toEqual(["=zorbcachedown"]);
    expect(exactTitleTerms("zorbcache lag high everywhere", true)).toEqual([]);
    expect(exactTitleTerms("see KubeUp now", true)).toEqual([]);
  });
});
