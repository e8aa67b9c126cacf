import { describe, expect, it } from "vitest";
import {
  clearFilters,
  EMPTY_SEARCH,
  hasFilters,
  isActiveSearch,
  parseSearchParams,
  publishLink,
  replacesHistory,
  toggleFacet,
  toSearchInput,
  toSearchParams,
  type SearchState,
} from "./search-params";

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe("parseSearchParams", () => {
  it("reads words, repeated facet values and sort", () => {
    expect(parse("q=disk+full&kind=fix&kind=runbook&team=payments&service=db&tag=disk&severity=SEV1&year=2024&sort=newest")).toEqual({
      q: "disk full",
      kinds: ["fix", "runbook"],
      teams: ["payments"],
      services: ["db"],
      tags: ["disk"],
      severities: ["SEV1"],
      years: [2024],
      sort: "newest",
    });
  });

  it("gives the empty search for an empty URL", () => {
    expect(parse("")).toEqual(EMPTY_SEARCH);
  });

  it.each([
    ["unknown kind", "kind=essay", { kinds: [] }],
    ["non-year", "year=20x4&year=1800&year=2023", { years: [2023] }],
    ["unknown sort", "sort=oldest", { sort: "relevance" }],
    ["duplicates", "tag=a&tag=a&tag=b", { tags: ["a", "b"] }],
    ["blank values", "team=&team=%20", { teams: [] }],
    ["too-long values", `service=${"x".repeat(61)}`, { services: [] }],
  ])("drops what a hand-edited URL gets wrong: %s", (_name, query, expected) => {
    expect(parse(query)).toMatchObject(expected);
  });

  it("keeps within the API's limits so the request is never rejected", () => {
    const many = Array.from({ length: 30 }, (_, i) => `tag=t${i}`).join("&");
    expect(parse(many).tags).toHaveLength(20);
    expect(parse(`q=${"a".repeat(3000)}`).q).toHaveLength(2000);
  });
});

describe("toSearchParams", () => {
  it("round-trips through the URL", () => {
    const state: SearchState = {
      q: "error: ECONNRESET & retry",
      kinds: ["postmortem"],
      teams: ["sre", "payments"],
      services: ["api"],
      tags: ["network"],
      severities: ["near-miss"],
      years: [2025, 2024],
      sort: "newest",
    };
    expect(parseSearchParams(new URLSearchParams(toSearchParams(state).toString()))).toEqual(state);
  });

  it("leaves defaults out and orders keys canonically", () => {
    expect(toSearchParams(EMPTY_SEARCH).toString()).toBe("");
    expect(toSearchParams({ ...EMPTY_SEARCH, q: "   " }).toString()).toBe("");
    expect(toSearchParams({ ...EMPTY_SEARCH, tags: ["x"], kinds: ["fix"], q: "oom" }).toString()).toBe("q=oom&kind=fix&tag=x");
  });
});

describe("facets", () => {
  it("toggles a value on and off", () => {
    const on = toggleFacet(EMPTY_SEARCH, "year", "2024");
    expect(on.years).toEqual([2024]);
    expect(toggleFacet(on, "year", "2024").years).toEqual([]);
    expect(toggleFacet(EMPTY_SEARCH, "kind", "gameday").kinds).toEqual(["gameday"]);
    expect(toggleFacet(EMPTY_SEARCH, "kind", "nonsense").kinds).toEqual([]);
  });

  it("clears filters but keeps words and sort", () => {
    const state = { ...EMPTY_SEARCH, q: "dns", sort: "newest" as const, tags: ["a"], teams: ["b"] };
    expect(hasFilters(state)).toBe(true);
    expect(clearFilters(state)).toEqual({ ...EMPTY_SEARCH, q: "dns", sort: "newest" });
    expect(hasFilters(clearFilters(state))).toBe(false);
  });

  it("counts a filter alone as a search", () => {
    expect(isActiveSearch(EMPTY_SEARCH)).toBe(false);
    expect(isActiveSearch({ ...EMPTY_SEARCH, q: "  " })).toBe(false);
    expect(isActiveSearch({ ...EMPTY_SEARCH, kinds: ["fix"] })).toBe(true);
  });
});

describe("toSearchInput", () => {
  it("trims words and leaves empty lists out, so equal searches share a cache key", () => {
    expect(toSearchInput({ ...EMPTY_SEARCH, q: " oom " }, 20)).toEqual({ q: "oom", sort: "relevance", limit: 20 });
    expect(toSearchInput({ ...EMPTY_SEARCH, teams: ["sre"], years: [2024] }, 8)).toEqual({
      q: "",
      sort: "relevance",
      limit: 8,
      teams: ["sre"],
      years: [2024],
    });
  });
});

describe("replacesHistory", () => {
  const s = (q: string, extra: Partial<SearchState> = {}): SearchState => ({ ...EMPTY_SEARCH, q, ...extra });
  it.each([
    ["refining the words", s("dis"), s("disk"), true],
    ["starting a search", s(""), s("disk"), false],
    ["clearing the search", s("disk"), s(""), false],
    ["changing a filter", s("disk"), s("disk", { kinds: ["fix"] }), false],
    ["changing the sort", s("disk"), s("disk", { sort: "newest" }), false],
    ["typing with a filter kept", s("dis", { tags: ["a"] }), s("disk", { tags: ["a"] }), true],
  ])("%s", (_name, previous, next, expected) => {
    expect(replacesHistory(previous, next)).toBe(expected);
  });
});

describe("publishLink", () => {
  it("prefills a fix draft with the query, encoded", () => {
    expect(publishLink(" disk full & /var ")).toBe("/new/fix?title=disk%20full%20%26%20%2Fvar");
  });
});
