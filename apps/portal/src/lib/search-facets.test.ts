import { describe, expect, it } from "vitest";
import { buildFacetGroups, facetOptionName, visibleOptions, type FacetCounts } from "./search-facets";
import { EMPTY_SEARCH } from "./search-params";

const facets: FacetCounts = {
  kind: { runbook: 2, postmortem: 5, fix: 9 },
  team: { sre: 3, payments: 7 },
  service: { api: 1, db: 4 },
  tag: { b: 2, a: 2, c: 5 },
  severity: { SEV3: 1, "near-miss": 1, SEV1: 2 },
  year: { "2023": 4, "2025": 1, "2024": 9 },
};

const byKey = (groups: ReturnType<typeof buildFacetGroups>, key: string) => groups.find((g) => g.key === key)!;

describe("buildFacetGroups", () => {
  const groups = buildFacetGroups(facets, { ...EMPTY_SEARCH, teams: ["payments"], tags: ["gone"] }, new Map([["sre", "Site Reliability"]]));

  it("names the groups as the page shows them", () => {
    expect(groups.map((g) => g.legend)).toEqual(["Kind", "Team", "Service", "Tag", "Severity", "Year"]);
  });

  it("orders kinds as the domain does, severities by gravity, years newest first, the rest by count", () => {
    expect(byKey(groups, "kind").options.map((o) => o.label)).toEqual(["Postmortem", "Fix", "Runbook"]);
    expect(byKey(groups, "severity").options.map((o) => o.value)).toEqual(["SEV1", "SEV3", "near-miss"]);
    expect(byKey(groups, "year").options.map((o) => o.value)).toEqual(["2025", "2024", "2023"]);
    expect(byKey(groups, "service").options.map((o) => o.value)).toEqual(["db", "api"]);
  });

  it("labels teams by name and marks what is selected", () => {
    const team = byKey(groups, "team").options;
    expect(team.map((o) => [o.label, o.count, o.checked])).toEqual([
      ["payments", 7, true],
      ["Site Reliability", 3, false],
    ]);
  });

  it("keeps a selected value listed even when the results no longer contain it", () => {
    expect(byKey(groups, "tag").options).toContainEqual({ value: "gone", label: "gone", count: 0, checked: true });
  });

  it("copes with no facets yet", () => {
    expect(buildFacetGroups(undefined, EMPTY_SEARCH).every((g) => g.options.length === 0)).toBe(true);
  });
});

describe("facet options", () => {
  it('names a checkbox "<value> (<count>)"', () => {
    expect(facetOptionName({ label: "Fix", count: 9 })).toBe("Fix (9)");
  });

  it("shows the first few, plus any checked one further down", () => {
    const options = Array.from({ length: 10 }, (_, i) => ({ value: `v${i}`, label: `v${i}`, count: 10 - i, checked: i === 8 }));
    expect(visibleOptions(options, 3, false).map((o) => o.value)).toEqual(["v0", "v1", "v2", "v8"]);
    expect(visibleOptions(options, 3, true)).toHaveLength(10);
  });
});
