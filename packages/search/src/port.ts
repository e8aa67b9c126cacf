// The SearchEngine port: what the API needs from a search engine. The `postgres` engine (embedded,
// transactional with the data) and the `meilisearch` engine implement it; one contract suite runs
// against each. Visibility is part of every query (never filtered after the engine answered).
import type { EntryKind, EntryStatus, ReadScope, Visibility } from "@hindsight/domain";

/** What an engine indexes for one entry version. Built by `buildSearchDocument`. */
export interface SearchDocument {
  id: string;
  version: number;
  kind: EntryKind;
  slug: string;
  title: string;
  summary: string;
  body: string;
  /** Every text in the kind's structured fields, one per line. */
  fieldsText: string;
  tags: string[];
  services: string[];
  /** Error fingerprints (fixes). */
  fingerprints: string[];
  severity: string | null;
  sourceUrl: string | null;
  externalKey: string | null;
  teamId: string | null;
  authorId: string;
  visibility: Visibility;
  status: EntryStatus;
  grantUserIds: string[];
  grantTeamIds: string[];
  /** "This worked" minus "did not work" votes (fixes). */
  feedback: number;
  /** When a runbook falls due for review; null when it has no review interval. */
  reviewDueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SearchFilters {
  kinds?: EntryKind[];
  teamIds?: string[];
  services?: string[];
  tags?: string[];
  severities?: string[];
  statuses?: EntryStatus[];
  years?: number[];
}

export interface SearchQuery {
  /** The user's text: words, "quoted phrases", a pasted error line. Empty = browse. */
  q: string;
  /** The caller's read scope, applied inside the engine query. */
  scope: ReadScope;
  filters?: SearchFilters;
  sort?: "relevance" | "newest";
  limit: number;
  cursor?: string | null;
}

export interface SearchHit {
  id: string;
  kind: EntryKind;
  slug: string;
  title: string;
  /** Escaped text with only <mark>…</mark> added. */
  snippet: string;
  teamId: string | null;
  status: EntryStatus;
  severity: string | null;
  sourceUrl: string | null;
  externalKey: string | null;
  updatedAt: Date;
  score: number;
  /** True when the hit matched the pasted error's fingerprint. */
  fingerprintMatch: boolean;
}

export type FacetName = "kind" | "team" | "service" | "tag" | "severity" | "status" | "year";
export type Facets = Record<FacetName, Record<string, number>>;

export interface SearchResult {
  hits: SearchHit[];
  /** Matching entries the caller may read (engines may cap the count; see totalIsEstimate). */
  total: number;
  totalIsEstimate: boolean;
  facets: Facets;
  nextCursor: string | null;
  /** "error" when the query looked like an error or log line and was fingerprinted. */
  mode: "text" | "error";
  /**
   * Hits were found, but none answers the query clearly: the best only shares some of its words,
   * weakly. Surfaces say so beside the hits, and the search counts as a knowledge gap. Engines
   * without a measure of match strength never set it.
   */
  weakMatch: boolean;
}

export interface SearchEngine {
  readonly name: "postgres" | "meilisearch" | (string & {});
  /** Applies settings (and waits for them) before any document is sent. */
  ensureReady(): Promise<void>;
  /** Upserts documents; a document older (by version) than the indexed one is ignored. */
  index(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** Entries like the given one, that the scope may read, excluding itself. */
  related(id: string, scope: ReadScope, limit: number): Promise<SearchHit[]>;
  /** How many documents the engine holds (for reindex checks). */
  count(): Promise<number>;
  health(): Promise<{ ok: boolean; detail?: string }>;
}

export const EMPTY_FACETS = (): Facets => ({ kind: {}, team: {}, service: {}, tag: {}, severity: {}, status: {}, year: {} });
