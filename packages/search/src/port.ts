// The SearchEngine port: what the API needs from a search engine. The `postgres` (embedded) and
// `meilisearch` engines implement it; one contract suite will run against each.
import type { EntryKind, EntryStatus, ReadScope, Visibility } from "@hindsight/domain";

/** What an engine indexes for one entry version. */
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
  updatedAt: Date;
}

export interface SearchQuery {
  q: string;
  /** The caller's read scope, applied inside the engine query. */
  scope: ReadScope;
  kinds?: EntryKind[];
  teamIds?: string[];
  limit: number;
  cursor?: string | null;
}

export interface SearchHit {
  id: string;
  kind: EntryKind;
  title: string;
  /** Escaped text with only <mark> added. */
  snippet: string;
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  nextCursor: string | null;
}

export interface SearchEngine {
  readonly name: string;
  index(docs: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  health(): Promise<{ ok: boolean; detail?: string }>;
}
