import { describe, expect, it } from "vitest";
import { ONE_WAY_SEARCH_SYNONYMS, SEARCH_SYNONYM_GROUPS, searchSynonymMap, searchSynonyms } from "./search-synonyms.js";

describe("search synonyms", () => {
  it("are lower-case words or phrases, each in one group only", () => {
    const seen = new Map<string, number>();
    SEARCH_SYNONYM_GROUPS.forEach((group, i) => {
      expect(group.length, group.join(",")).toBeGreaterThanOrEqual(2);
      for (const t of group) {
        expect(t, t).toMatch(/^[a-z0-9]+(?: [a-z0-9]+)*$/);
        expect(seen.get(t), `${t} is in groups ${seen.get(t)} and ${i}`).toBeUndefined();
        seen.set(t, i);
      }
    });
  });

  it("go both ways within a group, never to the term itself", () => {
    expect(searchSynonyms("k8s")).toContain("kubernetes");
    expect(searchSynonyms("Kubernetes")).toContain("k8s");
    expect(searchSynonyms("HPA")).toEqual(expect.arrayContaining(["autoscaler", "autoscaling"]));
    expect(searchSynonyms("out of memory")).toEqual(expect.arrayContaining(["oom", "oomkilled"]));
    for (const group of SEARCH_SYNONYM_GROUPS)
      for (const t of group) expect([...searchSynonyms(t)].sort()).toEqual(group.filter((o) => o !== t).sort());
  });

  it("expand status classes one way only", () => {
    expect(searchSynonyms("5xx")).toEqual(expect.arrayContaining(["502", "503"]));
    expect(searchSynonyms("502")).not.toEqual(expect.arrayContaining(["5xx"]));
    expect(searchSynonyms("502").filter((t) => /^\d+$/.test(t))).toEqual([]);
    expect(Object.keys(ONE_WAY_SEARCH_SYNONYMS).every((k) => searchSynonymMap()[k]?.length)).toBe(true);
  });

  it("leave other words alone", () => {
    expect(searchSynonyms("pager")).toEqual([]);
    expect(searchSynonyms("")).toEqual([]);
  });
});
