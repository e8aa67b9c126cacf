// Dashboard figures: learnings published per month, action items by team, most reused fixes, stale
// runbooks, knowledge gaps and postmortem readership across teams (with the entry views behind it).
// Every figure counts only entries the caller may read (the db read predicate), so a dashboard never
// reveals what a search would hide. Existing services are reused for the figures they already own.
import {
  canReadEntry,
  lastMonths,
  NotFound,
  rate,
  readScope,
  WIDELY_READ_TEAMS,
  type ActionItemsByTeam,
  type EntryKind,
  type KnowledgeGapInsight,
  type PostmortemReadership,
  type PublishedPerMonth,
  type ReusedFix,
  type StaleRunbookInsight,
} from "@hindsight/domain";
import { entryReadPredicate, schema, type DbOrTx } from "@hindsight/db";
import { and, desc, eq, inArray, isNotNull, sql } from "@hindsight/db/orm";
import { actionItemStats } from "./action-item-service.js";
import type { ServiceContext } from "./context.js";
import { loadGuarded } from "./entry-service.js";
import { staleRunbooks } from "./runbook-service.js";
import { knowledgeGaps } from "./search-service.js";

const { actionItems, entries, entryViews, fixFeedback, teamMemberships, teams } = schema;

type Team = { id: string; name: string } | null;

async function teamNames(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ id: teams.id, name: teams.name }).from(teams);
  return new Map(rows.map((t) => [t.id, t.name]));
}

function teamRef(names: Map<string, string>, id: string | null): Team {
  return id ? { id, name: names.get(id) ?? "Unknown team" } : null;
}

export const MONTHS_SHOWN = 12;

/** Entries published in the last MONTHS_SHOWN calendar months (UTC), per month, kind and owner team. */
export async function publishedPerMonth(ctx: ServiceContext, now = new Date()): Promise<PublishedPerMonth> {
  const months = lastMonths(now, MONTHS_SHOWN);
  const from = new Date(`${months[0]}-01T00:00:00Z`);
  const month = sql<string>`to_char(${entries.publishedAt} at time zone 'UTC', 'YYYY-MM')`;
  const rows = await ctx.db
    .select({ month, kind: entries.kind, teamId: entries.teamId, count: sql<number>`count(*)::int` })
    .from(entries)
    .where(
      and(
        entryReadPredicate(ctx.db, readScope(ctx.actor)),
        inArray(entries.status, ["published", "archived"]),
        isNotNull(entries.publishedAt),
        sql`${entries.publishedAt} >= ${from.toISOString()}::timestamptz`,
      ),
    )
    .groupBy(month, entries.kind, entries.teamId)
    .orderBy(month, entries.kind);
  const names = await teamNames(ctx.db);
  return {
    months,
    rows: rows
      .filter((r) => months.includes(r.month))
      .map((r) => ({ month: r.month, kind: r.kind as EntryKind, team: teamRef(names, r.teamId), count: Number(r.count) })),
  };
}

/** Closure rate and overdue items per team (an item's own team, else its entry's owner team). */
export async function actionItemsByTeam(ctx: ServiceContext): Promise<ActionItemsByTeam> {
  const stats = await actionItemStats(ctx);
  const names = await teamNames(ctx.db);
  return {
    total: stats.total,
    closed: stats.closed,
    overdue: stats.overdue,
    closureRate: stats.closureRate,
    teams: stats.byTeam.map((t) => ({
      team: teamRef(names, t.teamId),
      total: t.total,
      closed: t.closed,
      overdue: t.overdue,
      closureRate: rate(t.closed, t.total),
    })),
  };
}

/**
 * Fixes ranked by recorded reuse: "this worked" votes, entries derived from the fix, and action items
 * the fix closed. Derived entries and closed items count only when the caller may read them.
 */
export async function mostReusedFixes(ctx: ServiceContext, limit = 10): Promise<ReusedFix[]> {
  const scope = readScope(ctx.actor);
  const worked = await ctx.db
    .select({ id: fixFeedback.entryId, n: sql<number>`count(*)::int` })
    .from(fixFeedback)
    .where(eq(fixFeedback.vote, "worked"))
    .groupBy(fixFeedback.entryId);
  const source = sql<string>`${entries.fields}->'derivedFrom'->>'entryId'`;
  const derived = await ctx.db
    .select({ id: source, n: sql<number>`count(*)::int` })
    .from(entries)
    .where(and(entryReadPredicate(ctx.db, scope), sql`${source} is not null`))
    .groupBy(source);
  const closed = await ctx.db
    .select({ id: actionItems.closedByEntryId, n: sql<number>`count(*)::int` })
    .from(actionItems)
    .innerJoin(entries, eq(entries.id, actionItems.entryId))
    .where(and(entryReadPredicate(ctx.db, scope), isNotNull(actionItems.closedByEntryId)))
    .groupBy(actionItems.closedByEntryId);
  const tally = (rows: { id: string | null; n: number }[]) => new Map(rows.flatMap((r) => (r.id ? [[r.id, Number(r.n)] as const] : [])));
  const w = tally(worked);
  const d = tally(derived);
  const c = tally(closed);
  const candidates = [...new Set([...w.keys(), ...d.keys(), ...c.keys()])];
  if (candidates.length === 0) return [];
  const fixes = await ctx.db
    .select({ id: entries.id, slug: entries.slug, title: entries.title, teamId: entries.teamId })
    .from(entries)
    .where(and(entryReadPredicate(ctx.db, scope), eq(entries.kind, "fix"), inArray(entries.status, ["published", "archived"]), inArray(entries.id, candidates)));
  const names = await teamNames(ctx.db);
  return fixes
    .map((f) => {
      const worked = w.get(f.id) ?? 0;
      const derivedN = d.get(f.id) ?? 0;
      const closedN = c.get(f.id) ?? 0;
      return { id: f.id, slug: f.slug, title: f.title, team: teamRef(names, f.teamId), worked, derived: derivedN, closedActionItems: closedN, reuses: worked + derivedN + closedN };
    })
    .filter((f) => f.reuses > 0)
    .sort((a, b) => b.reuses - a.reuses || b.worked - a.worked || a.title.localeCompare(b.title))
    .slice(0, limit);
}

export async function staleRunbookInsights(ctx: ServiceContext, limit = 50): Promise<StaleRunbookInsight[]> {
  const rows = await staleRunbooks(ctx);
  const names = await teamNames(ctx.db);
  return rows.slice(0, limit).map((r) => ({ id: r.id, slug: r.slug, title: r.title, team: teamRef(names, r.teamId), reviewDueAt: r.reviewDueAt }));
}

export const GAP_DAYS = 90;

export function knowledgeGapInsights(ctx: ServiceContext, limit = 20): Promise<KnowledgeGapInsight[]> {
  return knowledgeGaps(ctx, GAP_DAYS, limit);
}

/** The UTC calendar day of `at`: views are counted once per person, entry and day. */
export function viewDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Records that the caller read an entry; a repeat on the same day is a no-op. */
export async function recordView(ctx: ServiceContext, entryId: string, at = new Date()): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const found = await loadGuarded(tx, entryId);
    // Same answer for "missing" and "hidden", as everywhere else.
    if (!found || !canReadEntry(ctx.actor, found.guard)) throw new NotFound("Entry");
    await tx.insert(entryViews).values({ entryId, userId: ctx.actor.userId, day: viewDay(at), viewedAt: at }).onConflictDoNothing();
  });
}

/**
 * For each published postmortem the caller may read: how many distinct teams other than its owner
 * team have a member who viewed it (teams resolved from current memberships), and the share of
 * postmortems read by at least WIDELY_READ_TEAMS other teams.
 */
export async function postmortemReadership(ctx: ServiceContext, limit = 15): Promise<PostmortemReadership> {
  const otherTeams = sql<number>`count(distinct ${teamMemberships.teamId}) filter (where ${teamMemberships.teamId} is distinct from ${entries.teamId})`;
  const perPostmortem = ctx.db
    .select({
      id: entries.id,
      slug: entries.slug,
      title: entries.title,
      teamId: entries.teamId,
      publishedAt: entries.publishedAt,
      otherTeams: sql<number>`(${otherTeams})::int`.as("other_teams"),
      readers: sql<number>`count(distinct ${entryViews.userId})::int`.as("readers"),
    })
    .from(entries)
    .leftJoin(entryViews, eq(entryViews.entryId, entries.id))
    .leftJoin(teamMemberships, eq(teamMemberships.userId, entryViews.userId))
    .where(and(entryReadPredicate(ctx.db, readScope(ctx.actor)), eq(entries.kind, "postmortem"), eq(entries.status, "published")))
    .groupBy(entries.id, entries.slug, entries.title, entries.teamId, entries.publishedAt)
    .as("pm");
  const [totals] = await ctx.db
    .select({
      total: sql<number>`count(*)::int`,
      widelyRead: sql<number>`(count(*) filter (where ${perPostmortem.otherTeams} >= ${WIDELY_READ_TEAMS}))::int`,
    })
    .from(perPostmortem);
  const top = await ctx.db
    .select()
    .from(perPostmortem)
    .orderBy(desc(perPostmortem.otherTeams), desc(perPostmortem.readers), sql`${perPostmortem.publishedAt} desc nulls last`, perPostmortem.id)
    .limit(limit);
  const names = await teamNames(ctx.db);
  const total = Number(totals?.total ?? 0);
  const widelyRead = Number(totals?.widelyRead ?? 0);
  return {
    total,
    widelyRead,
    widelyReadRatio: rate(widelyRead, total),
    postmortems: top.map((p) => ({
      id: p.id,
      slug: p.slug,
      title: p.title,
      team: teamRef(names, p.teamId),
      otherTeams: Number(p.otherTeams),
      readers: Number(p.readers),
    })),
  };
}
