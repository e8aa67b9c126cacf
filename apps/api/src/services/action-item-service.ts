// Action items: rows of their own, written from a postmortem's or game day's `fields.actionItems` on
// save, tracked across every entry (filters, closure rate, overdue per team), closable by a fix.
// Reads go through the entry read policy: you see the items of entries you may read.
import {
  canReadEntry,
  canWriteEntry,
  Forbidden,
  Invalid,
  isAdmin,
  KIND_LABELS,
  kindBasics,
  kindsWhere,
  NotFound,
  readScope,
  type ActionItemInput,
  type ActionItemStatus,
  type EntryKind,
} from "@hindsight/domain";
import { entryReadPredicate, schema, type DbOrTx, type Tx } from "@hindsight/db";
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from "@hindsight/db/orm";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";
import { loadGuarded, type EntryRow } from "./entry-rows.js";

const { actionItems, entries, teams, users } = schema;

/** The kinds that may close an action item, as their descriptors say. */
const CLOSING_KINDS = kindsWhere((k) => k.closesActionItems);
const CLOSED: ActionItemStatus[] = ["done", "wont_do"];

export interface ActionItem {
  id: string;
  entryId: string;
  entryTitle: string;
  entrySlug: string;
  entryKind: EntryKind;
  position: number;
  title: string;
  owner: string | null;
  ownerUserId: string | null;
  teamId: string | null;
  teamSlug: string | null;
  dueDate: string | null;
  status: ActionItemStatus;
  overdue: boolean;
  closedByEntryId: string | null;
  /** The closing fix or runbook, when the reader may see it (so the portal can link it without another fetch). */
  closedBy: { id: string; slug: string; title: string; kind: EntryKind } | null;
  closedAt: Date | null;
  updatedAt: Date;
  /** Whether `updateActionItem` would accept a change from this reader. */
  canUpdate: boolean;
}

async function resolveOwner(tx: DbOrTx, owner: string | undefined): Promise<string | null> {
  if (!owner) return null;
  const handle = owner.replace(/^@/, "").toLowerCase();
  const [u] = await tx
    .select({ id: users.id })
    .from(users)
    .where(or(eq(users.handle, handle), sql`lower(${users.name}) = ${owner.toLowerCase()}`))
    .limit(1);
  return u?.id ?? null;
}

const titleKey = (title: string) => title.trim().toLowerCase().replace(/\s+/g, " ");

/**
 * Makes the action-item rows of an entry (already loaded and guarded by the caller) match its
 * `fields.actionItems`, and returns the fields with the items' ids, as they are stored. Fields of a
 * kind that carries no action items, or without `actionItems`, come back as they are (the same object).
 */
export async function syncActionItems(
  tx: Tx,
  entry: Pick<EntryRow, "id" | "kind">,
  fields: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  // Only kinds whose descriptor carries action items track them; given none, the rows stay as they are.
  const items = kindBasics(entry.kind)?.carriesActionItems ? (fields.actionItems as ActionItemInput[] | undefined) : undefined;
  if (!items) return fields;
  return { ...fields, actionItems: await syncItemRows(tx, entry.id, items) };
}

/**
 * Makes the rows of one entry match `items` (matched by id, else by title; new ones inserted,
 * missing ones deleted) and returns the items with their ids. An item without a status keeps its row's.
 */
async function syncItemRows(tx: Tx, entryId: string, items: ActionItemInput[]): Promise<ActionItemInput[]> {
  const existing = await tx.select().from(actionItems).where(eq(actionItems.entryId, entryId));
  const byId = new Map(existing.map((r) => [r.id, r]));
  const teamSlugs = [...new Set(items.flatMap((i) => (i.team ? [i.team] : [])))];
  const teamRows = teamSlugs.length ? await tx.select({ id: teams.id, slug: teams.slug }).from(teams).where(inArray(teams.slug, teamSlugs)) : [];
  const teamIds = new Map(teamRows.map((t) => [t.slug, t.id]));
  const kept = new Set<string>();
  const out: ActionItemInput[] = [];
  const now = new Date();
  // Which tracked row each item continues: its own id when this entry has it; otherwise (markdown
  // from a repository carries no ids, a restored backup carries another server's) the first row of
  // the same title not claimed by an id, so re-publishing keeps the status people set in the portal.
  const claimed = new Set(items.flatMap((i) => (i.id && byId.has(i.id) ? [i.id] : [])));
  const byTitle = new Map<string, (typeof existing)[number][]>();
  for (const row of [...existing].sort((a, b) => a.position - b.position)) {
    if (claimed.has(row.id)) continue;
    const key = titleKey(row.title);
    byTitle.set(key, [...(byTitle.get(key) ?? []), row]);
  }
  for (const [position, item] of items.entries()) {
    if (item.team && !teamIds.has(item.team)) {
      throw new Invalid(`Unknown team ${item.team}`, { [`fields.actionItems.${position}.team`]: [`no team ${item.team}`] });
    }
    const own = item.id ? byId.get(item.id) : undefined;
    const prior = own && !kept.has(own.id) ? own : byTitle.get(titleKey(item.title))?.shift();
    const status = item.status ?? (prior?.status as ActionItemStatus | undefined) ?? "open";
    const values = {
      entryId,
      position,
      title: item.title,
      owner: item.owner ?? null,
      ownerUserId: await resolveOwner(tx, item.owner),
      teamId: item.team ? teamIds.get(item.team)! : null,
      dueDate: item.dueDate ?? null,
      status,
      closedByEntryId: item.closedByEntryId ?? null,
      closedAt: CLOSED.includes(status) ? (prior?.closedAt ?? now) : null,
      updatedAt: now,
    };
    let id: string;
    if (prior) {
      await tx.update(actionItems).set(values).where(eq(actionItems.id, prior.id));
      id = prior.id;
    } else {
      const [row] = await tx.insert(actionItems).values({ ...values, createdAt: now }).returning({ id: actionItems.id });
      id = row!.id;
    }
    kept.add(id);
    out.push({ ...item, id, status });
  }
  const gone = existing.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (gone.length) await tx.delete(actionItems).where(inArray(actionItems.id, gone));
  return out;
}

/** The live state of an entry's action items, in the shape of `fields.actionItems`. */
export async function actionItemsAsFields(db: DbOrTx, entryId: string): Promise<ActionItemInput[]> {
  const rows = await db
    .select({ item: actionItems, teamSlug: teams.slug })
    .from(actionItems)
    .leftJoin(teams, eq(teams.id, actionItems.teamId))
    .where(eq(actionItems.entryId, entryId))
    .orderBy(asc(actionItems.position));
  return rows.map(({ item, teamSlug }) => ({
    id: item.id,
    title: item.title,
    ...(item.owner ? { owner: item.owner } : {}),
    ...(teamSlug ? { team: teamSlug } : {}),
    ...(item.dueDate ? { dueDate: item.dueDate } : {}),
    status: item.status as ActionItemStatus,
    ...(item.closedByEntryId ? { closedByEntryId: item.closedByEntryId } : {}),
  }));
}

export interface ActionItemFilter {
  ownerUserId?: string;
  /** Matches the owner as written, or the owner's handle. */
  owner?: string;
  teamId?: string;
  status?: ActionItemStatus[];
  overdue?: boolean;
  entryId?: string;
  limit: number;
}

/** Past its due date (by the database's calendar) and not closed. */
function overdueCondition(): SQL {
  return sql`(${actionItems.dueDate} < current_date and ${actionItems.status} in ('open','in_progress'))`;
}

export async function listActionItems(ctx: ServiceContext, f: ActionItemFilter): Promise<ActionItem[]> {
  const conditions: (SQL | undefined)[] = [entryReadPredicate(ctx.db, readScope(ctx.actor))];
  if (f.ownerUserId) conditions.push(eq(actionItems.ownerUserId, f.ownerUserId));
  if (f.owner) {
    const owner = f.owner.replace(/^@/, "").toLowerCase();
    conditions.push(or(sql`lower(${actionItems.owner}) = ${owner}`, sql`lower(${actionItems.owner}) = ${`@${owner}`}`, eq(users.handle, owner)));
  }
  // An item belongs to its own team, or else to its entry's owner team.
  if (f.teamId) conditions.push(or(eq(actionItems.teamId, f.teamId), and(isNull(actionItems.teamId), eq(entries.teamId, f.teamId))));
  if (f.status?.length) conditions.push(inArray(actionItems.status, f.status));
  if (f.overdue === true) conditions.push(overdueCondition());
  if (f.overdue === false) conditions.push(sql`not ${overdueCondition()}`);
  if (f.entryId) conditions.push(eq(actionItems.entryId, f.entryId));
  const rows = await ctx.db
    .select({
      item: actionItems,
      entryTitle: entries.title,
      entrySlug: entries.slug,
      entryKind: entries.kind,
      teamSlug: teams.slug,
      entryAuthorId: entries.authorId,
      entryTeamId: entries.teamId,
      overdue: sql<boolean>`${overdueCondition()}`,
    })
    .from(actionItems)
    .innerJoin(entries, eq(entries.id, actionItems.entryId))
    .leftJoin(users, eq(users.id, actionItems.ownerUserId))
    .leftJoin(teams, eq(teams.id, sql`coalesce(${actionItems.teamId}, ${entries.teamId})`))
    .where(and(...conditions))
    .orderBy(sql`${actionItems.dueDate} asc nulls last`, asc(actionItems.createdAt), asc(actionItems.id))
    .limit(f.limit);
  const closers = await readableEntries(ctx, [...new Set(rows.flatMap((r) => (r.item.closedByEntryId ? [r.item.closedByEntryId] : [])))]);
  const actor = ctx.actor;
  return rows.map(({ item, entryTitle, entrySlug, entryKind, teamSlug, entryAuthorId, entryTeamId, overdue }) => ({
    id: item.id,
    entryId: item.entryId,
    entryTitle,
    entrySlug,
    entryKind: entryKind as EntryKind,
    position: item.position,
    title: item.title,
    owner: item.owner,
    ownerUserId: item.ownerUserId,
    teamId: item.teamId,
    teamSlug,
    dueDate: item.dueDate,
    status: item.status as ActionItemStatus,
    overdue: Boolean(overdue),
    closedByEntryId: item.closedByEntryId,
    closedBy: (item.closedByEntryId && closers.get(item.closedByEntryId)) || null,
    closedAt: item.closedAt,
    updatedAt: item.updatedAt,
    // The row passed the read predicate, so `canWriteEntry` reduces to admin, author or owner-team
    // member; the item's own owner may track it too (the same rule as `updateActionItem`).
    canUpdate:
      item.ownerUserId === actor.userId ||
      isAdmin(actor) ||
      entryAuthorId === actor.userId ||
      (entryTeamId !== null && actor.teams.has(entryTeamId)),
  }));
}

/** Title, slug and kind of the given entries that the reader may see, by id. */
async function readableEntries(ctx: ServiceContext, ids: string[]): Promise<Map<string, NonNullable<ActionItem["closedBy"]>>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db
    .select({ id: entries.id, slug: entries.slug, title: entries.title, kind: entries.kind })
    .from(entries)
    .where(and(inArray(entries.id, ids), entryReadPredicate(ctx.db, readScope(ctx.actor))));
  return new Map(rows.map((r) => [r.id, { ...r, kind: r.kind as EntryKind }]));
}

export interface ActionItemStats {
  total: number;
  closed: number;
  closureRate: number;
  overdue: number;
  byTeam: { teamId: string | null; teamSlug: string | null; total: number; closed: number; overdue: number }[];
}

export async function actionItemStats(ctx: ServiceContext): Promise<ActionItemStats> {
  const rows = await ctx.db
    .select({
      teamId: sql<string | null>`coalesce(${actionItems.teamId}, ${entries.teamId})`,
      teamSlug: teams.slug,
      total: sql<number>`count(*)::int`,
      closed: sql<number>`(count(*) filter (where ${actionItems.status} in ('done','wont_do')))::int`,
      overdue: sql<number>`(count(*) filter (where ${overdueCondition()}))::int`,
    })
    .from(actionItems)
    .innerJoin(entries, eq(entries.id, actionItems.entryId))
    .leftJoin(teams, eq(teams.id, sql`coalesce(${actionItems.teamId}, ${entries.teamId})`))
    .where(entryReadPredicate(ctx.db, readScope(ctx.actor)))
    .groupBy(sql`coalesce(${actionItems.teamId}, ${entries.teamId})`, teams.slug)
    .orderBy(sql`${teams.slug} asc nulls last`);
  const byTeam = rows.map((r) => ({ ...r, total: Number(r.total), closed: Number(r.closed), overdue: Number(r.overdue) }));
  const total = byTeam.reduce((n, r) => n + r.total, 0);
  const closed = byTeam.reduce((n, r) => n + r.closed, 0);
  return { total, closed, closureRate: total ? closed / total : 0, overdue: byTeam.reduce((n, r) => n + r.overdue, 0), byTeam };
}

export interface ActionItemChange {
  id: string;
  status?: ActionItemStatus;
  owner?: string | null;
  dueDate?: string | null;
  /** A fix or runbook that closed the item; setting it marks the item done. */
  closedByEntryId?: string | null;
}

/**
 * Tracks an item's progress. Allowed to whoever may write the parent entry, and to the item's owner.
 * Linking a closing entry requires being able to read that entry.
 */
export async function updateActionItem(ctx: ServiceContext, change: ActionItemChange): Promise<ActionItem> {
  await ctx.db.transaction(async (tx) => {
    const [item] = await tx.select().from(actionItems).where(eq(actionItems.id, change.id)).for("update");
    if (!item) throw new NotFound("Action item");
    const parent = await loadGuarded(tx, item.entryId);
    if (!parent || !canReadEntry(ctx.actor, parent.guard)) throw new NotFound("Action item");
    const isOwner = item.ownerUserId === ctx.actor.userId;
    if (!isOwner && !canWriteEntry(ctx.actor, parent.guard)) throw new Forbidden("Only the item's owner or the entry's writers may change it");
    if (change.closedByEntryId) {
      const closer = await loadGuarded(tx, change.closedByEntryId);
      if (!closer || !canReadEntry(ctx.actor, closer.guard)) {
        throw new Invalid("Unknown closing entry", { closedByEntryId: ["no entry with this id"] });
      }
      if (!kindBasics(closer.row.kind)?.closesActionItems) {
        const closers = CLOSING_KINDS.map((k) => `a ${KIND_LABELS[k].toLowerCase()}`).join(" or ");
        throw new Invalid(`Only ${closers} can close an action item`, { closedByEntryId: [`must be ${closers}`] });
      }
    }
    const status: ActionItemStatus =
      change.status ?? (change.closedByEntryId ? "done" : (item.status as ActionItemStatus));
    const now = new Date();
    await tx
      .update(actionItems)
      .set({
        status,
        ...(change.owner !== undefined ? { owner: change.owner, ownerUserId: await resolveOwner(tx, change.owner ?? undefined) } : {}),
        ...(change.dueDate !== undefined ? { dueDate: change.dueDate } : {}),
        ...(change.closedByEntryId !== undefined ? { closedByEntryId: change.closedByEntryId } : {}),
        closedAt: CLOSED.includes(status) ? (item.closedAt ?? now) : null,
        updatedAt: now,
      })
      .where(eq(actionItems.id, item.id));
    await audit(tx, ctx.actor, "action_item.update", "action_item", item.id, {
      entryId: item.entryId,
      from: item.status,
      to: status,
      ...(change.closedByEntryId ? { closedByEntryId: change.closedByEntryId } : {}),
    });
  });
  const [row] = await ctx.db.select({ entryId: actionItems.entryId }).from(actionItems).where(eq(actionItems.id, change.id));
  const items = await listActionItems(ctx, { entryId: row!.entryId, limit: 500 });
  return items.find((i) => i.id === change.id)!;
}

/** Open items whose due date has passed, for reminders and dashboards. */
export function overdueItems(ctx: ServiceContext, limit = 100): Promise<ActionItem[]> {
  return listActionItems(ctx, { overdue: true, limit });
}
