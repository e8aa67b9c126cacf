// Index settings of the meilisearch engine: what is searched (in weight order), filtered, sorted and
// shown, the ranking rules, typo tolerance, and a modest set of operations synonyms. Applied by
// `ensureReady` before any document is sent, so documents are never indexed under other settings.
import type { Settings } from "meilisearch";
import type { FacetName } from "../../port.js";
import type { MeiliFilterField } from "./filter.js";

/** Searchable attributes, most important first (the `attribute` ranking rule follows this order). */
export const SEARCHABLE_ATTRIBUTES = [
  "title",
  "tags",
  "services",
  "externalKey",
  "summary",
  "fieldsText",
  "body",
  // Derived text (identifier parts) ranks below every field the words came from.
  "identifierParts",
] as const;

export const FILTERABLE_ATTRIBUTES = [
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
] as const satisfies readonly MeiliFilterField[];

export const SORTABLE_ATTRIBUTES = ["updatedAt", "createdAt"] as const;

/**
 * What a search or document fetch may return. Access-control fields (author, grants, visibility)
 * and ranking internals are not displayed: they are filtered on, never shown. `body`, `summary`
 * and `fieldsText` must be displayed to be cropped into snippets; searches never retrieve them whole.
 */
export const DISPLAYED_ATTRIBUTES = [
  "id",
  "version",
  "kind",
  "slug",
  "title",
  "summary",
  "body",
  "fieldsText",
  "tags",
  "services",
  "teamId",
  "status",
  "severity",
  "sourceUrl",
  "externalKey",
  "updatedAt",
] as const;

/**
 * `sort` comes first so that "newest" really lists newest first; without a `sort` search parameter
 * the rule does nothing and relevance (words … exactness) decides, then the stored boost.
 */
export const RANKING_RULES = ["sort", "words", "typo", "proximity", "attribute", "exactness", "boost:desc"] as const;

/** Meilisearch caps offset + limit (and estimatedTotalHits) at this. */
export const MAX_TOTAL_HITS = 5_000;

/** Port facet names -> document attributes. */
export const FACET_ATTRIBUTES: Record<FacetName, MeiliFilterField> = {
  kind: "kind",
  team: "teamId",
  service: "services",
  tag: "tags",
  severity: "severity",
  status: "status",
  year: "year",
};

/**
 * Groups of interchangeable terms (every term finds the others), for vocabulary engineers use
 * both ways. Kept short and general: team- or stack-specific words belong in entries' tags.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["k8s", "kubernetes", "kube"],
  ["db", "database"],
  ["pg", "postgres", "postgresql"],
  ["oom", "out of memory", "oomkilled"],
  ["tls", "ssl"],
  ["cert", "certificate"],
  ["config", "configuration"],
  ["auth", "authentication"],
  ["lb", "load balancer"],
  ["prod", "production"],
  ["env", "environment"],
  ["deploy", "deployment"],
  ["rollback", "roll back"],
  ["timeout", "timed out"],
  ["postmortem", "post mortem"],
];

/** One-way expansions: a class name finds its members, not the other way round (502 must not find 503). */
export const ONE_WAY_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  "5xx": ["500", "502", "503", "504"],
  "4xx": ["400", "401", "403", "404", "429"],
};

export function meiliSynonyms(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (from: string, to: readonly string[]) => {
    const list = (out[from] ??= []);
    for (const t of to) if (t !== from && !list.includes(t)) list.push(t);
  };
  for (const group of SYNONYM_GROUPS) for (const term of group) add(term, group);
  for (const [from, to] of Object.entries(ONE_WAY_SYNONYMS)) add(from, to);
  return out;
}

export function meiliSettings(): Settings {
  return {
    searchableAttributes: [...SEARCHABLE_ATTRIBUTES],
    filterableAttributes: [...FILTERABLE_ATTRIBUTES],
    sortableAttributes: [...SORTABLE_ATTRIBUTES],
    displayedAttributes: [...DISPLAYED_ATTRIBUTES],
    rankingRules: [...RANKING_RULES],
    // Meilisearch's defaults, stated so that a changed default upstream does not change our ranking.
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    synonyms: meiliSynonyms(),
    // The most frequent tags and services first, so a long tail does not push them out of the facet.
    faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "count" } },
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}
