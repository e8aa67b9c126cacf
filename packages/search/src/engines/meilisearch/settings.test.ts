import { describe, expect, it } from "vitest";
import type { SearchDocument } from "../../port.js";
import { toMeiliDocument } from "./document.js";
import { HIT_ATTRIBUTES, SNIPPET_ATTRIBUTES } from "./query.js";
import { SEARCH_SYNONYM_GROUPS } from "@hindsight/domain";
import { FACET_ATTRIBUTES, meiliSettings, meiliSynonyms } from "./settings.js";

const settings = meiliSettings();

describe("meiliSettings", () => {
  it("searches fields in weight order, identifier parts last", () => {
    expect(settings.searchableAttributes).toEqual(["title", "tags", "services", "externalKey", "summary", "fieldsText", "body", "identifierParts"]);
  });

  it("filters on the facets and the visibility facts", () => {
    expect(settings.filterableAttributes).toEqual([
      "kind",
      "teamId",
      "services",
      "tags",
      "severity",
      "status",
      "year",
      "visibility",
      "authorId",
      "grantUserIds",
      "grantTeamIds",
      "fingerprints",
      "id",
    ]);
    for (const attribute of Object.values(FACET_ATTRIBUTES)) expect(settings.filterableAttributes).toContain(attribute);
  });

  it("sorts by time and ranks with sort first, relevance, then the boost", () => {
    expect(settings.sortableAttributes).toEqual(["updatedAt", "createdAt"]);
    expect(settings.rankingRules).toEqual(["sort", "words", "typo", "proximity", "attribute", "exactness", "boost:desc"]);
  });

  it("states Meilisearch's default typo tolerance", () => {
    expect(settings.typoTolerance).toEqual({ enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } });
  });

  it("caps total hits and shows what hits and snippets need, never the access-control fields", () => {
    expect(settings.pagination).toEqual({ maxTotalHits: 5000 });
    for (const a of [...HIT_ATTRIBUTES, ...SNIPPET_ATTRIBUTES, "version"]) expect(settings.displayedAttributes).toContain(a);
    for (const a of ["authorId", "grantUserIds", "grantTeamIds", "visibility", "fingerprints", "boost", "identifierParts"]) {
      expect(settings.displayedAttributes).not.toContain(a);
    }
  });

  it("names only attributes the stored document has", () => {
    const at = new Date(0);
    const doc = toMeiliDocument({
      id: "x", version: 1, kind: "fix", slug: "s", title: "t", summary: "", body: "", fieldsText: "", tags: [], services: [],
      fingerprints: [], severity: null, sourceUrl: null, externalKey: null, teamId: null, authorId: "a", visibility: "org",
      status: "published", grantUserIds: [], grantTeamIds: [], feedback: 0, reviewDueAt: null, createdAt: at, updatedAt: at,
    } satisfies SearchDocument);
    const keys = Object.keys(doc);
    const named = [
      ...(settings.searchableAttributes ?? []),
      ...(settings.filterableAttributes ?? []).map(String),
      ...(settings.sortableAttributes ?? []),
      ...(settings.displayedAttributes ?? []),
      "boost",
    ];
    for (const a of named) expect(keys).toContain(a);
  });
});

describe("meiliSynonyms", () => {
  const synonyms = meiliSynonyms();

  it.each([
    ["k8s", "kubernetes"],
    ["kubernetes", "k8s"],
    ["db", "database"],
    ["pg", "postgres"],
    ["postgresql", "pg"],
    ["oom", "out of memory"],
    ["out of memory", "oom"],
  ])("%s finds %s", (from, to) => {
    expect(synonyms[from]).toContain(to);
  });

  it("maps every member of a group to all the others, never to itself", () => {
    for (const group of SEARCH_SYNONYM_GROUPS) {
      for (const term of group) {
        expect(synonyms[term]?.slice().sort()).toEqual(group.filter((t) => t !== term).slice().sort());
      }
    }
  });

  it("expands status classes one way only", () => {
    expect(synonyms["5xx"]).toEqual(expect.arrayContaining(["502", "503"]));
    // A status finds its name ("bad gateway"), never the class or its siblings.
    expect(synonyms["502"]).toEqual(["bad gateway"]);
    expect(synonyms["503"]).toEqual(["service unavailable"]);
  });

  it("stays modest", () => {
    expect(Object.keys(synonyms).length).toBeLessThan(200);
  });
});
