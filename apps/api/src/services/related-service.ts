// Runbooks and fixes related to a postmortem by the services they share, and the notices their
// owner teams get when a new postmortem cites them ("your runbook was cited in a new postmortem").
// Relations are computed at read time (through the read policy); notices are written in the
// transaction that publishes the postmortem.
import { Forbidden, isAdmin, readScope, type EntryKind, type TeamNotification } from "@hindsight/domain";
import { entryReadPredicate, schema, type DbOrTx, type Tx } from "@hindsight/db";
import { and, desc, eq, inArray, isNull, ne, sql } from "@hindsight/db/orm";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";

const { entries, teams, teamNotifications } = schema;

/** The kinds a postmortem cites by shared service. */
export const CITABLE_KINDS: EntryKind[] = ["runbook", "fix"];

export interface ServiceRelated {
  id: string;
  kind: EntryKind;
  slug: string;
  title: string;
  teamSlug: string | null;
  teamName: string | null;
  /** The services it shares with the entry. */
  sharedServices: string[];
}

/**
 * For a postmortem: the published runbooks and fixes sharing one of its services. For a runbook or
 * fix: the published postmortems that cite it that way. Only entries the caller may read.
 */
export async function serviceRelated(ctx: ServiceContext, entry: { id: string; kind: EntryKind; services: string[] }, limit = 10): Promise<ServiceRelated[]> {
  if (entry.services.length === 0) return [];
  const kinds: EntryKind[] | null = entry.kind === "postmortem" ? CITABLE_KINDS : CITABLE_KINDS.includes(entry.kind) ? ["postmortem"] : null;
  if (!kinds) return [];
  const rows = await ctx.db
    .select({
      id: entries.id,
      kind: entries.kind,
      slug: entries.slug,
      title: entries.title,
      services: entries.services,
      teamSlug: teams.slug,
      teamName: teams.name,
    })
    .from(entries)
    .leftJoin(teams, eq(teams.id, entries.teamId))
    .where(
      and(
        entryReadPredicate(ctx.db, readScope(ctx.actor)),
        inArray(entries.kind, kinds),
        eq(entries.status, "published"),
        ne(entries.id, entry.id),
        sql`${entries.services} && ${sql.param(entry.services)}::text[]`,
      ),
    )
    .orderBy(desc(entries.publishedAt), desc(entries.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as EntryKind,
    slug: r.slug,
    title: r.title,
    teamSlug: r.teamSlug,
    teamName: r.teamName,
    sharedServices: r.services.filter((s) => entry.services.includes(s)),
  }));
}

/**
 * When a postmortem is published: a notice to the owner team of every published runbook and fix
 * sharing one of its services. Runs inside the publishing transaction; a re-publish (restore) adds
 * nothing new (one notice per team, entry and postmortem). Returns how many notices were new.
 */
export async function notifyCitedTeams(tx: Tx, postmortem: { id: string; kind: string; status: string; services: string[] }): Promise<number> {
  if (postmortem.kind !== "postmortem" || postmortem.status !== "published" || postmortem.services.length === 0) return 0;
  const cited = await tx
    .select({ id: entries.id, teamId: entries.teamId })
    .from(entries)
    .where(
      and(
        inArray(entries.kind, CITABLE_KINDS),
        eq(entries.status, "published"),
        ne(entries.id, postmortem.id),
        sql`${entries.teamId} is not null`,
        sql`${entries.services} && ${sql.param(postmortem.services)}::text[]`,
      ),
    );
  if (cited.length === 0) return 0;
  const inserted = await tx
    .insert(teamNotifications)
    .values(cited.map((c) => ({ teamId: c.teamId!, kind: "cited_in_postmortem" as const, entryId: c.id, sourceEntryId: postmortem.id })))
    .onConflictDoNothing()
    .returning({ id: teamNotifications.id });
  return inserted.length;
}

/**
 * `notifyCitedTeams` for many entries at once (bulk imports): one statement for the whole batch
 * instead of a query per postmortem. Same rule, same notices; returns how many were new.
 */
export async function notifyCitedTeamsMany(tx: Tx, rows: readonly { id: string; kind: string; status: string; services: string[] }[]): Promise<number> {
  const postmortems = rows.filter((p) => p.kind === "postmortem" && p.status === "published" && p.services.length > 0);
  if (postmortems.length === 0) return 0;
  const cited = await tx.execute<{ id: string }>(sql`
    insert into ${teamNotifications} (team_id, kind, entry_id, source_entry_id)
    select c.team_id, 'cited_in_postmortem', c.id, p.id
    from jsonb_to_recordset(${JSON.stringify(postmortems.map((p) => ({ id: p.id, services: p.services })))}::jsonb) as p(id uuid, services text[])
    join ${entries} c on c.kind = any(${sql.param(CITABLE_KINDS)}::text[]) and c.status = 'published' and c.id <> p.id
      and c.team_id is not null and c.services && p.services
    on conflict do nothing
    returning id`);
  return (cited as unknown as { rows: unknown[] }).rows.length;
}

function assertCanSeeTeamInbox(ctx: ServiceContext, teamId: string): void {
  if (!isAdmin(ctx.actor) && !ctx.actor.teams.has(teamId)) throw new Forbidden("Only the team's members see its notifications");
}

/** A readable-entries subquery, for filtering rows that point at two entries. */
function readableIds(db: DbOrTx, ctx: ServiceContext) {
  return db.select({ id: entries.id }).from(entries).where(entryReadPredicate(db, readScope(ctx.actor)));
}

/**
 * A team's notices, newest first, for its members. A notice is shown only when the reader may read
 * both entries: a restricted postmortem citing the team's runbook stays invisible to them.
 */
export async function listTeamNotifications(ctx: ServiceContext, teamId: string, opts: { unreadOnly?: boolean; limit?: number } = {}): Promise<TeamNotification[]> {
  assertCanSeeTeamInbox(ctx, teamId);
  const rows = await ctx.db
    .select()
    .from(teamNotifications)
    .where(
      and(
        eq(teamNotifications.teamId, teamId),
        opts.unreadOnly ? isNull(teamNotifications.readAt) : undefined,
        inArray(teamNotifications.entryId, readableIds(ctx.db, ctx)),
        inArray(teamNotifications.sourceEntryId, readableIds(ctx.db, ctx)),
      ),
    )
    .orderBy(desc(teamNotifications.createdAt), desc(teamNotifications.id))
    .limit(opts.limit ?? 50);
  const ids = [...new Set(rows.flatMap((r) => [r.entryId, r.sourceEntryId]))];
  const linked = ids.length
    ? await ctx.db.select({ id: entries.id, kind: entries.kind, slug: entries.slug, title: entries.title }).from(entries).where(inArray(entries.id, ids))
    : [];
  const byId = new Map(linked.map((e) => [e.id, { ...e, kind: e.kind as EntryKind }]));
  return rows.flatMap((r) => {
    const entry = byId.get(r.entryId);
    const source = byId.get(r.sourceEntryId);
    return entry && source ? [{ id: r.id, kind: r.kind, entry, source, createdAt: r.createdAt, readAt: r.readAt }] : [];
  });
}

/** Marks the team's notices read (for every member: it is the team's inbox). Returns how many. */
export async function markTeamNotificationsRead(ctx: ServiceContext, teamId: string): Promise<number> {
  assertCanSeeTeamInbox(ctx, teamId);
  return ctx.db.transaction(async (tx) => {
    const rows = await tx
      .update(teamNotifications)
      .set({ readAt: sql`now()` })
      .where(
        and(
          eq(teamNotifications.teamId, teamId),
          isNull(teamNotifications.readAt),
          // Only what this reader was shown; a notice they may not see stays unread for those who may.
          inArray(teamNotifications.entryId, readableIds(tx, ctx)),
          inArray(teamNotifications.sourceEntryId, readableIds(tx, ctx)),
        ),
      )
      .returning({ id: teamNotifications.id });
    if (rows.length) await audit(tx, ctx.actor, "team.notifications_read", "team", teamId, { count: rows.length });
    return rows.length;
  });
}
