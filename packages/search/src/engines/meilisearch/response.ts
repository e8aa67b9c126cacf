// Meilisearch responses as a port SearchResult: hits with safe snippets, facets under the port's
// names, totals, and the next cursor; in error mode the fingerprint hits merged in front.
import type { EntryKind, EntryStatus } from "@hindsight/domain";
import { EMPTY_FACETS, type FacetName, type Facets, type SearchHit, type SearchResult } from "../../port.js";
import { encodeCursor, SNIPPET_ATTRIBUTES, type MeiliSearchPlan } from "./query.js";
import { FACET_ATTRIBUTES, MAX_TOTAL_HITS } from "./settings.js";
import { hasHighlight, oneLine, safeHighlight } from "./snippet.js";

/** The fields of a Meilisearch hit this engine reads (what HIT_ATTRIBUTES retrieves, plus extras). */
export interface MeiliHit {
  id: string;
  kind: EntryKind;
  slug: string;
  title: string;
  teamId?: string | null;
  status: EntryStatus;
  severity?: string | null;
  sourceUrl?: string | null;
  externalKey?: string | null;
  updatedAt: number;
  _formatted?: Record<string, unknown>;
  _rankingScore?: number;
}

/** The parts of a Meilisearch search response this engine reads. */
export interface MeiliResponse {
  hits: MeiliHit[];
  estimatedTotalHits?: number;
  facetDistribution?: Record<string, Record<string, number>>;
}

/**
 * The snippet of a hit: the first snippet source with a highlighted match (summary, body, then
 * structured fields), else the summary, else the start of the body. Always escaped; only
 * `<mark>`/`</mark>` are markup.
 */
export function snippetOf(hit: Pick<MeiliHit, "_formatted">): string {
  const texts = SNIPPET_ATTRIBUTES.map((a) => hit._formatted?.[a]).map((v) => (typeof v === "string" ? oneLine(v) : ""));
  const chosen = texts.find(hasHighlight) ?? texts.find((t) => t !== "") ?? "";
  return safeHighlight(chosen);
}

export function toSearchHit(hit: MeiliHit, fingerprintMatch: boolean): SearchHit {
  return {
    id: hit.id,
    kind: hit.kind,
    slug: hit.slug,
    title: hit.title,
    snippet: snippetOf(hit),
    teamId: hit.teamId ?? null,
    status: hit.status,
    severity: hit.severity ?? null,
    sourceUrl: hit.sourceUrl ?? null,
    externalKey: hit.externalKey ?? null,
    updatedAt: new Date(hit.updatedAt),
    score: hit._rankingScore ?? 0,
    fingerprintMatch,
  };
}

/** Port facets from Meilisearch facetDistributions (summed: the two error-mode result sets are disjoint). */
export function toFacets(...distributions: (Record<string, Record<string, number>> | undefined)[]): Facets {
  const facets = EMPTY_FACETS();
  for (const [name, attribute] of Object.entries(FACET_ATTRIBUTES) as [FacetName, string][]) {
    for (const dist of distributions) {
      for (const [value, n] of Object.entries(dist?.[attribute] ?? {})) {
        if (n > 0) facets[name][value] = (facets[name][value] ?? 0) + n;
      }
    }
  }
  return facets;
}

/** How many hits one result list holds in all, and whether that count is exact. */
export function listTotal(res: MeiliResponse, offset: number, requested: number): { total: number; exact: boolean } {
  const n = res.hits.length;
  // A short page proves where the list ends; an empty page past the start proves nothing.
  if (n < requested && (n > 0 || offset === 0)) return { total: offset + n, exact: true };
  return { total: Math.max(res.estimatedTotalHits ?? 0, offset + n), exact: false };
}

export interface MergedPage<T> {
  hits: T[];
  /** How many of each list the page used (to advance the cursor). */
  usedFirst: number;
  usedSecond: number;
}

/**
 * One page from two ranked lists: all of `first` that fits, then `second`, at most `limit`, each
 * id once (a later duplicate is dropped but still counts as used, so paging moves past it).
 */
export function mergeHits<T extends { id: string }>(first: readonly T[], second: readonly T[], limit: number): MergedPage<T> {
  const hits: T[] = [];
  const seen = new Set<string>();
  let usedFirst = 0;
  let usedSecond = 0;
  for (const h of first) {
    if (hits.length >= limit) break;
    usedFirst++;
    if (!seen.has(h.id)) {
      seen.add(h.id);
      hits.push(h);
    }
  }
  for (const h of second) {
    if (hits.length >= limit) break;
    usedSecond++;
    if (!seen.has(h.id)) {
      seen.add(h.id);
      hits.push(h);
    }
  }
  return { hits, usedFirst, usedSecond };
}

function hasMore(res: MeiliResponse, offset: number, used: number, total: number): boolean {
  const next = offset + used;
  if (next >= MAX_TOTAL_HITS) return false;
  return used < res.hits.length || next < total;
}

/**
 * The SearchResult for a plan and its responses (`fingerprint` only in error mode). In error mode
 * the fingerprint hits come first, then the text hits; totals and facets are the sums of both.
 */
export function fromMeiliResponse(plan: MeiliSearchPlan, main: MeiliResponse, fingerprint: MeiliResponse | null = null): SearchResult {
  const fp = fingerprint ?? { hits: [] };
  const fpTotal = fingerprint && plan.fingerprint ? listTotal(fp, plan.cursor.fp, plan.fingerprint.limit) : { total: 0, exact: true };
  const mainTotal = listTotal(main, plan.cursor.main, plan.main.limit);
  const page = mergeHits(
    fp.hits.map((h) => toSearchHit(h, true)),
    main.hits.map((h) => toSearchHit(h, false)),
    plan.limit,
  );
  const more =
    (fingerprint !== null && hasMore(fp, plan.cursor.fp, page.usedFirst, fpTotal.total)) ||
    hasMore(main, plan.cursor.main, page.usedSecond, mainTotal.total);
  return {
    hits: page.hits,
    total: fpTotal.total + mainTotal.total,
    totalIsEstimate: !fpTotal.exact || !mainTotal.exact,
    facets: toFacets(main.facetDistribution, fingerprint?.facetDistribution),
    nextCursor: more ? encodeCursor({ main: plan.cursor.main + page.usedSecond, fp: plan.cursor.fp + page.usedFirst }) : null,
    mode: plan.mode,
    // Meilisearch's ranking scores are relative to each query's own matches, not a strength that
    // could be held to a bar: it never calls a match weak.
    weakMatch: false,
  };
}
