// A port SearchQuery as Meilisearch search requests. Text mode is one request. Error mode (the text
// looks like a pasted error or log line) is two: the fixes carrying the error's fingerprint, which
// come first, and the text search over everything else. The fingerprint set is excluded from the
// text search, so the two never overlap: totals and facets add up and paging never repeats a hit.
// The cursor is opaque to callers; it holds the offset into each of the two result lists.
import {
  extractErrorSignatures,
  fingerprintError,
  Invalid,
  looksLikeError,
  normalizeErrorLine,
  type ReadScope,
} from "@hindsight/domain";
import type { MatchingStrategies, SearchParams } from "meilisearch";
import type { SearchQuery } from "../../port.js";
import { combinedFilterTree, eq, isIn, not, renderOptional, type FilterNode } from "./filter.js";
import { FACET_ATTRIBUTES, MAX_TOTAL_HITS } from "./settings.js";
import { CROP_MARKER, HIGHLIGHT_POST, HIGHLIGHT_PRE } from "./snippet.js";
import { isWordless, parseQuery } from "../../text/query.js";

/** Attributes a hit needs (never the whole body: snippets come cropped in `_formatted`). */
export const HIT_ATTRIBUTES = ["id", "kind", "slug", "title", "teamId", "status", "severity", "sourceUrl", "externalKey", "updatedAt"];
/** Snippet sources, in order of preference when several matched. */
export const SNIPPET_ATTRIBUTES = ["summary", "body", "fieldsText"] as const;
export const CROP_LENGTH = 30;
export const MAX_LIMIT = 100;
/** Fingerprints looked up per query (a pasted trace yields one per distinct error line). */
export const MAX_QUERY_FINGERPRINTS = 10;
/** Meilisearch only reads the first ten words of `q`; longer text only costs. */
const MAX_Q_CHARS = 1_000;

export interface MeiliCursor {
  /** Offset into the text results. */
  main: number;
  /** Offset into the fingerprint results (error mode). */
  fp: number;
}

export function encodeCursor(cursor: MeiliCursor): string {
  return Buffer.from(JSON.stringify({ m: cursor.main, f: cursor.fp })).toString("base64url");
}

const validOffset = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n >= 0 && n <= MAX_TOTAL_HITS;

export function decodeCursor(cursor: string | null | undefined): MeiliCursor {
  if (!cursor) return { main: 0, fp: 0 };
  try {
    const { m, f } = JSON.parse(Buffer.from(cursor, "base64url").toString()) as { m?: unknown; f?: unknown };
    if (validOffset(m) && validOffset(f)) return { main: m, fp: f };
  } catch {
    // fall through to the error below
  }
  throw new Invalid("cursor is not a cursor returned by this search", { cursor: ["is not a cursor returned by this search"] });
}

/**
 * Fingerprints to look up for pasted error text: the text as one line, and each error line a
 * trace or log excerpt holds (the lines a fix's own fingerprints were taken from).
 */
export function errorFingerprints(q: string): string[] {
  const out = new Set<string>();
  const trimmed = q.trim();
  if (!trimmed.includes("\n")) out.add(fingerprintError(trimmed));
  for (const line of extractErrorSignatures(q, { max: MAX_QUERY_FINGERPRINTS })) out.add(fingerprintError(line));
  if (out.size === 0) out.add(fingerprintError(trimmed));
  return [...out].slice(0, MAX_QUERY_FINGERPRINTS);
}

/**
 * The words of pasted error text worth matching: its normal form (timestamps, ids, hosts and
 * numbers gone) without placeholders and quotes, because Meilisearch reads only ten words and an
 * unbalanced quote in a log line would turn the rest into a phrase.
 */
export function errorQueryText(q: string): string {
  const words = normalizeErrorLine(q.replace(/\r?\n/g, " "))
    .replace(/<[a-z-]+>/g, " ")
    .replace(/["“”]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return words || q.trim();
}

/** A search request as this engine sends it: the filter is always one rendered string. */
export type MeiliSearchRequest = Omit<SearchParams, "filter"> & { q: string; limit: number; offset: number; filter?: string };

export interface MeiliSearchPlan {
  mode: "text" | "error";
  limit: number;
  cursor: MeiliCursor;
  fingerprints: string[];
  /** The text search (in error mode: everything without the fingerprints). */
  main: MeiliSearchRequest;
  /** Error mode: the entries carrying one of the fingerprints. */
  fingerprint: MeiliSearchRequest | null;
  /**
   * Words none of which can be searched (stop words only, a single letter, a token longer than a
   * term): nothing is found and Meilisearch is not asked, as the embedded engine finds nothing.
   */
  nothing: boolean;
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(MAX_LIMIT, Math.trunc(Number.isFinite(limit) ? limit : MAX_LIMIT)));
}

function request(q: string, filter: FilterNode | null, offset: number, limit: number, sort: string[] | undefined, matchingStrategy: MatchingStrategies): MeiliSearchRequest {
  const req: MeiliSearchRequest = {
    q,
    offset,
    // Meilisearch serves nothing past maxTotalHits; asking for it would only return an empty page.
    limit: Math.max(0, Math.min(limit, MAX_TOTAL_HITS - offset)),
    attributesToRetrieve: [...HIT_ATTRIBUTES],
    attributesToCrop: [...SNIPPET_ATTRIBUTES],
    cropLength: CROP_LENGTH,
    cropMarker: CROP_MARKER,
    attributesToHighlight: [...SNIPPET_ATTRIBUTES],
    highlightPreTag: HIGHLIGHT_PRE,
    highlightPostTag: HIGHLIGHT_POST,
    facets: Object.values(FACET_ATTRIBUTES),
    showRankingScore: true,
    matchingStrategy,
  };
  const rendered = renderOptional(filter);
  if (rendered !== undefined) req.filter = rendered;
  if (sort) req.sort = sort;
  return req;
}

const NEWEST = ["updatedAt:desc"];

/**
 * The Meilisearch requests for a port query. Words are matched with Meilisearch's "last" strategy
 * (all words first, then fewer); "newest" with words asks for all of them, since a date order
 * mixing in half matches would bury the real ones. No letter or digit at all ("", "*") means
 * browsing, newest first; words none of which can be searched find nothing (`nothing`).
 */
export function planMeiliSearch(query: SearchQuery): MeiliSearchPlan {
  const limit = clampLimit(query.limit);
  const cursor = decodeCursor(query.cursor);
  const typed = query.q.trim().slice(0, MAX_Q_CHARS);
  const browse = isWordless(typed);
  const text = browse ? "" : typed;
  const mode = !browse && looksLikeError(text) ? "error" : "text";
  const sort = browse || query.sort === "newest" ? NEWEST : undefined;

  if (mode === "text") {
    const strategy: MatchingStrategies = query.sort === "newest" && !browse ? "all" : "last";
    const main = request(text, combinedFilterTree(query.scope, query.filters), cursor.main, limit, sort, strategy);
    return { mode, limit, cursor, fingerprints: [], main, fingerprint: null, nothing: !browse && parseQuery(text).terms.length === 0 };
  }

  const fingerprints = errorFingerprints(text);
  const fpFilter = isIn("fingerprints", fingerprints);
  const main = request(errorQueryText(text), combinedFilterTree(query.scope, query.filters, not(fpFilter)), cursor.main, limit, sort, "last");
  // No words: every entry with the fingerprint, ordered by the boost (fixes people said worked first).
  const fingerprint = request("", combinedFilterTree(query.scope, query.filters, fpFilter), cursor.fp, limit, sort, "last");
  return { mode, limit, cursor, fingerprints, main, fingerprint, nothing: false };
}

/** The main Meilisearch request for a query (the text search); see planMeiliSearch for error mode. */
export function toMeiliSearchParams(query: SearchQuery): MeiliSearchRequest {
  return planMeiliSearch(query).main;
}

/** Words of an entry that describe it, for "related": title first, then tags and services. */
export function relatedQueryText(source: { title: string; tags?: string[]; services?: string[] }): string {
  return [source.title, ...(source.tags ?? []), ...(source.services ?? [])].join(" ").replace(/["“”]/g, " ").replace(/\s+/g, " ").trim().slice(0, MAX_Q_CHARS);
}

/** The request for entries like `sourceId`, readable by `scope`, without the entry itself. */
export function relatedRequest(sourceId: string, text: string, scope: ReadScope, limit: number): MeiliSearchRequest {
  const req = request(text, combinedFilterTree(scope, undefined, not(eq("id", sourceId))), 0, clampLimit(limit), undefined, "frequency");
  delete req.facets;
  return req;
}

/** The filter that finds one entry only if the scope may read it. */
export function readableEntryFilter(id: string, scope: ReadScope): string {
  return renderOptional(combinedFilterTree(scope, undefined, eq("id", id))) as string;
}
