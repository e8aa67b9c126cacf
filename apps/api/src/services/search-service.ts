// Search for people: the caller's read scope goes into the engine query, team slugs are resolved,
// and every search is remembered (redacted) so zero-result, weak-match and never-opened queries show
// up as knowledge gaps.
import { Invalid, NotFound, readScope, redactSecrets, canReadEntry, type EntryKind, type EntryStatus, type KnowledgeGapInsight } from "@hindsight/domain";
import { schema } from "@hindsight/db";
import { and, eq, inArray, or, sql } from "@hindsight/db/orm";
import { InvalidCursor, type Facets, type FacetName, type SearchEngine, type SearchFilters, type SearchHit, type SearchQuery, type SearchResult } from "@hindsight/search";
import type { ServiceContext } from "./context.js";
import { loadGuarded } from "./entry-service.js";
import { timeSearch } from "../plugins/metrics.js";
import { SearchLog, type SearchLogRow } from "./search-log.js";

const { teams, searchQueries } = schema;

export interface SearchInput {
  q: string;
  kinds?: EntryKind[];
  /** Team slugs or ids. */
  teams?: string[];
  services?: string[];
  tags?: string[];
  severities?: string[];
  statuses?: EntryStatus[];
  years?: number[];
  sort?: "relevance" | "newest";
  limit: number;
  cursor?: string | null;
}

export interface TeamRef {
  id: string;
  slug: string;
  name: string;
}

export interface SearchResponse extends Omit<SearchResult, "hits"> {
  hits: (SearchHit & { team: TeamRef | null })[];
  /** Identifies this search when reporting which hit was opened. */
  queryId: number | null;
}

/**
 * An email address in a search ("can't reach jane.doe@example.com's mailbox"): personal data, which the
 * search log does not keep, since every signed-in person reads its knowledge gaps.
 */
const EMAIL_ADDRESS = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function resolveTeams(ctx: ServiceContext, refs: string[]): Promise<string[]> {
  if (refs.length === 0) return [];
  const ids = refs.filter((r) => UUID.test(r));
  const slugs = refs.filter((r) => !UUID.test(r));
  const found = await ctx.db
    .select({ id: teams.id, slug: teams.slug })
    .from(teams)
    .where(or(ids.length ? inArray(teams.id, ids) : sql`false`, slugs.length ? inArray(teams.slug, slugs) : sql`false`));
  const unknown = refs.filter((r) => !found.some((t) => t.id === r || t.slug === r));
  if (unknown.length) throw new Invalid(`Unknown team ${unknown[0]}`, { team: [`no team ${unknown[0]}`] });
  return found.map((t) => t.id);
}

async function teamRefs(ctx: ServiceContext, ids: string[]): Promise<Map<string, TeamRef>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db.select({ id: teams.id, slug: teams.slug, name: teams.name }).from(teams).where(inArray(teams.id, ids));
  return new Map(rows.map((t) => [t.id, t]));
}

const FACET_OF_FILTER: Record<keyof SearchFilters, FacetName> = {
  kinds: "kind",
  teamIds: "team",
  services: "service",
  tags: "tag",
  severities: "severity",
  statuses: "status",
  years: "year",
};

/**
 * Facet counts as a sidebar of checkboxes needs them: a dimension that is filtered is counted with
 * every filter but its own, so ticking "Fix" still shows how many postmortems there are to add
 * (values within a dimension are OR-ed, dimensions AND-ed). One extra engine query per filtered
 * dimension; the scope still applies, so no count leaks.
 */
async function disjunctiveFacets(engine: SearchEngine, query: SearchQuery, facets: Facets): Promise<Facets> {
  const filters = query.filters ?? {};
  const active = (Object.keys(FACET_OF_FILTER) as (keyof SearchFilters)[]).filter((k) => (filters[k]?.length ?? 0) > 0);
  const counted = await Promise.all(
    active.map(async (key) => {
      const others = await engine.search({ ...query, filters: { ...filters, [key]: undefined }, limit: 1, cursor: null });
      return [FACET_OF_FILTER[key], others.facets[FACET_OF_FILTER[key]]] as const;
    }),
  );
  return { ...facets, ...Object.fromEntries(counted) };
}

export function normalizeQuery(q: string): string {
  return q.toLowerCase().replace(/\s+/g, " ").trim().slice(0, 500);
}

export async function searchEntries(ctx: ServiceContext, engine: SearchEngine, input: SearchInput): Promise<SearchResponse> {
  // Timed as a whole (engine query, disjunctive facets, the search log): what a person waits for.
  return timeSearch(ctx.metrics, engine.name, () => runSearch(ctx, engine, input));
}

async function runSearch(ctx: ServiceContext, engine: SearchEngine, input: SearchInput): Promise<SearchResponse> {
  let result: SearchResult;
  const query: SearchQuery = {
    q: input.q,
    scope: readScope(ctx.actor),
    filters: {
      kinds: input.kinds,
      teamIds: await resolveTeams(ctx, input.teams ?? []),
      services: input.services?.map((s) => s.toLowerCase()),
      tags: input.tags?.map((t) => t.toLowerCase()),
      severities: input.severities,
      statuses: input.statuses,
      years: input.years,
    },
    sort: input.sort ?? "relevance",
    limit: input.limit,
    cursor: input.cursor,
  };
  try {
    result = await engine.search(query);
  } catch (err) {
    if (err instanceof InvalidCursor) throw new Invalid(err.message, { cursor: [err.message] });
    throw err;
  }
  if (!input.cursor) result = { ...result, facets: await disjunctiveFacets(engine, query, result.facets) };
  const refs = await teamRefs(ctx, [
    ...new Set([...result.hits.flatMap((h) => (h.teamId ? [h.teamId] : [])), ...Object.keys(result.facets.team)]),
  ]);
  // Facets name teams by slug, as filters accept them.
  const teamFacet = Object.fromEntries(Object.entries(result.facets.team).map(([id, n]) => [refs.get(id)?.slug ?? id, n]));

  let queryId: number | null = null;
  const q = input.q.trim();
  if (q && !input.cursor) {
    // What people type can hold pasted secrets and email addresses: store it redacted, never with more
    // than needed.
    const safe = redactSecrets(q).text.replace(EMAIL_ADDRESS, "[email]");
    queryId = await logQuery(ctx, { q: safe.slice(0, 1000), normalized: normalizeQuery(safe), results: result.total, weak: result.weakMatch });
  }
  return {
    ...result,
    facets: { ...result.facets, team: teamFacet },
    hits: result.hits.map((h) => ({ ...h, team: h.teamId ? (refs.get(h.teamId) ?? null) : null })),
    queryId,
  };
}

/**
 * Remembers a search (see search-log.ts: refinements of the same person's previous search replace
 * it, rows are written off the request path). Without the app's log (scripts), written at once.
 */
async function logQuery(ctx: ServiceContext, row: SearchLogRow): Promise<number> {
  if (ctx.searchLog) return ctx.searchLog.record(ctx.actor.userId, row);
  const log = new SearchLog(ctx.db);
  const id = await log.record(ctx.actor.userId, row);
  await log.flush();
  return id;
}

/** Forgets searches older than `days` (the knowledge gaps only look back that far); returns how many. */
export async function pruneSearchLog(db: ServiceContext["db"], days: number): Promise<number> {
  const result = await db.execute(
    sql`with gone as (delete from ${searchQueries} where ${searchQueries.at} < now() - make_interval(days => ${days}) returning 1)
        select count(*)::int as n from gone`,
  );
  const [row] = (result as unknown as { rows: { n: number }[] }).rows;
  return Number(row?.n ?? 0);
}

/**
 * Records which hit of a search the caller opened (gaps are searches nobody opened). Only an entry the
 * caller may read can have been opened; anything else is not found, as everywhere else.
 */
export async function recordOpened(ctx: ServiceContext, queryId: number, entryId: string): Promise<void> {
  const found = await loadGuarded(ctx.db, entryId);
  if (!found || !canReadEntry(ctx.actor, found.guard)) throw new NotFound("Entry");
  ctx.searchLog?.opened(ctx.actor.userId, queryId);
  // The search may still be waiting to be written.
  await ctx.searchLog?.flush();
  await ctx.db
    .update(searchQueries)
    .set({ openedEntryId: entryId })
    .where(and(eq(searchQueries.id, queryId), eq(searchQueries.actorId, ctx.actor.userId)));
}

export async function relatedEntries(ctx: ServiceContext, engine: SearchEngine, entryId: string, limit: number) {
  const found = await loadGuarded(ctx.db, entryId);
  if (!found || !canReadEntry(ctx.actor, found.guard)) throw new NotFound("Entry");
  const hits = await engine.related(entryId, readScope(ctx.actor), limit);
  const refs = await teamRefs(ctx, hits.flatMap((h) => (h.teamId ? [h.teamId] : [])));
  return hits.map((h) => ({ ...h, team: h.teamId ? (refs.get(h.teamId) ?? null) : null }));
}

export type KnowledgeGap = KnowledgeGapInsight;

/**
 * Searches that found nothing, that only ever found weak matches (SearchResult.weakMatch), or whose
 * results nobody opened, most frequent first.
 */
export async function knowledgeGaps(ctx: ServiceContext, days: number, limit: number): Promise<KnowledgeGap[]> {
  // Include the searches of the last second, still waiting to be written.
  await ctx.searchLog?.flush();
  const rows = await ctx.db
    .select({
      query: searchQueries.normalized,
      searches: sql<number>`count(*)::int`,
      lastSearchedAt: sql<string>`max(${searchQueries.at})`,
      maxResults: sql<number>`max(${searchQueries.results})`,
      allWeak: sql<boolean>`bool_and(${searchQueries.weak})`,
      opened: sql<number>`count(${searchQueries.openedEntryId})::int`,
    })
    .from(searchQueries)
    .where(sql`${searchQueries.at} > now() - make_interval(days => ${days})`)
    .groupBy(searchQueries.normalized)
    .having(sql`max(${searchQueries.results}) = 0 or bool_and(${searchQueries.weak}) or count(${searchQueries.openedEntryId}) = 0`)
    .orderBy(sql`count(*) desc`, sql`max(${searchQueries.at}) desc`)
    .limit(limit);
  return rows.map((r) => ({
    query: r.query,
    searches: Number(r.searches),
    lastSearchedAt: new Date(r.lastSearchedAt),
    reason: Number(r.maxResults) === 0 ? "no_results" : r.allWeak ? "weak_match" : "never_opened",
  }));
}
