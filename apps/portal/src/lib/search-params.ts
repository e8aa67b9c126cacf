// The search page's state as it lives in the URL (?q=&kind=&team=&service=&tag=&severity=&year=&sort=),
// so a search can be shared and Back steps through searches. Pure functions, no React: the page reads
// the URL with `parseSearchParams`, writes it with `toSearchParams`, and asks the API with
// `toSearchInput`. Anything a hand-edited URL gets wrong is dropped rather than sent to be rejected.
import { newEntryPath } from "@hindsight/domain";
import type { EntryKind } from "@hindsight/domain";
import { isEntryKind } from "./search-kinds";
import type { SearchQueryInput } from "./trpc";

export type SearchSort = "relevance" | "newest";

export interface SearchState {
  q: string;
  kinds: EntryKind[];
  /** Team slugs, as the API's team facet names them. */
  teams: string[];
  services: string[];
  tags: string[];
  severities: string[];
  years: number[];
  sort: SearchSort;
}

export type FacetKey = "kind" | "team" | "service" | "tag" | "severity" | "year";

export const FACET_KEYS: readonly FacetKey[] = ["kind", "team", "service", "tag", "severity", "year"];

export const EMPTY_SEARCH: SearchState = {
  q: "",
  kinds: [],
  teams: [],
  services: [],
  tags: [],
  severities: [],
  years: [],
  sort: "relevance",
};

// The API's own limits (routers/search.ts): more values or longer ones would fail the whole request.
const MAX_Q = 2_000;
const LIMITS: Record<FacetKey, { count: number; length: number }> = {
  kind: { count: 5, length: 20 },
  team: { count: 20, length: 120 },
  service: { count: 20, length: 60 },
  tag: { count: 20, length: 60 },
  severity: { count: 5, length: 20 },
  year: { count: 20, length: 4 },
};

function values(params: URLSearchParams, key: FacetKey, keep: (value: string) => boolean = () => true): string[] {
  const seen = new Set<string>();
  for (const raw of params.getAll(key)) {
    const value = raw.trim();
    if (value && value.length <= LIMITS[key].length && keep(value)) seen.add(value);
  }
  return [...seen].slice(0, LIMITS[key].count);
}

const isYear = (value: string) => /^\d{4}$/.test(value) && Number(value) >= 1970 && Number(value) <= 2100;

export function parseSearchParams(params: URLSearchParams): SearchState {
  return {
    q: (params.get("q") ?? "").slice(0, MAX_Q),
    kinds: values(params, "kind", isEntryKind).filter(isEntryKind),
    teams: values(params, "team"),
    services: values(params, "service"),
    tags: values(params, "tag"),
    severities: values(params, "severity"),
    years: values(params, "year", isYear).map(Number),
    sort: params.get("sort") === "newest" ? "newest" : "relevance",
  };
}

/** The canonical URL form: fixed key order, defaults left out, so equal searches give equal URLs. */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const q = state.q.trim() ? state.q : "";
  if (q) params.set("q", q);
  for (const key of FACET_KEYS) for (const value of facetValues(state, key)) params.append(key, value);
  if (state.sort !== "relevance") params.set("sort", state.sort);
  return params;
}

/** The selected values of one facet, as strings (the form checkboxes and the URL use). */
export function facetValues(state: SearchState, key: FacetKey): string[] {
  switch (key) {
    case "kind":
      return state.kinds;
    case "team":
      return state.teams;
    case "service":
      return state.services;
    case "tag":
      return state.tags;
    case "severity":
      return state.severities;
    case "year":
      return state.years.map(String);
  }
}

function withFacet(state: SearchState, key: FacetKey, next: string[]): SearchState {
  switch (key) {
    case "kind":
      return { ...state, kinds: next.filter(isEntryKind) };
    case "team":
      return { ...state, teams: next };
    case "service":
      return { ...state, services: next };
    case "tag":
      return { ...state, tags: next };
    case "severity":
      return { ...state, severities: next };
    case "year":
      return { ...state, years: next.filter(isYear).map(Number) };
  }
}

/** Checks or unchecks one facet value. */
export function toggleFacet(state: SearchState, key: FacetKey, value: string): SearchState {
  const current = facetValues(state, key);
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return withFacet(state, key, next.slice(0, LIMITS[key].count));
}

export function clearFilters(state: SearchState): SearchState {
  return { ...EMPTY_SEARCH, q: state.q, sort: state.sort };
}

export function hasFilters(state: SearchState): boolean {
  return FACET_KEYS.some((key) => facetValues(state, key).length > 0);
}

/** True when there is anything to ask the API: words or at least one filter. */
export function isActiveSearch(state: SearchState): boolean {
  return state.q.trim() !== "" || hasFilters(state);
}

/** The `search.query` input. Empty lists are left out so equal searches share one cache key. */
export function toSearchInput(state: SearchState, limit: number): SearchQueryInput {
  const input: SearchQueryInput = { q: state.q.trim(), sort: state.sort, limit };
  if (state.kinds.length) input.kinds = state.kinds;
  if (state.teams.length) input.teams = state.teams;
  if (state.services.length) input.services = state.services;
  if (state.tags.length) input.tags = state.tags;
  if (state.severities.length) input.severities = state.severities;
  if (state.years.length) input.years = state.years;
  return input;
}

/**
 * Whether moving from one search to the next should replace the history entry rather than add one.
 * Refining the words of a search (typing) replaces, so Back does not replay every keystroke; starting a
 * search, clearing it, or changing filters or sort adds an entry, so Back undoes it.
 */
export function replacesHistory(previous: SearchState, next: SearchState): boolean {
  const prevQ = previous.q.trim();
  const nextQ = next.q.trim();
  if (!prevQ || !nextQ) return false;
  return toSearchParams({ ...previous, q: "" }).toString() === toSearchParams({ ...next, q: "" }).toString();
}

/** The editor link offered when nothing matched: a fix draft titled with what was searched. */
export function publishLink(q: string): string {
  return newEntryPath("fix", q);
}
