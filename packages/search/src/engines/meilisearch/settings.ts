// Index settings of the meilisearch engine: what is searched (in weight order), filtered, sorted and
// shown, the ranking rules, typo tolerance, and a modest set of operations synonyms. Applied by
// `ensureReady` before any document is sent, so documents are never indexed under other settings.
import { searchSynonymMap } from "@hindsight/domain";
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

/** The domain's curated synonyms (every search engine uses the same table), in Meilisearch's shape. */
export function meiliSynonyms(): Record<string, string[]> {
  return searchSynonymMap();
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
