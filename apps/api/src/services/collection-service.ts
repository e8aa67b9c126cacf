// Collections: ordered sections of entries curated by a team, each person's progress through them,
// onboarding assignments ("my paths") and the curator's "who is where".
// Items pointing at entries a person may not read are left out for that person, through the same
// read policy as lists, and progress is always counted over the learner's own readable items by the
// one function `progressOf`, so a learner's bar and the curator's table cannot disagree.
import {
  canCreateForTeam,
  canReadEntry,
  canCurateCollection,
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  nextUnreadItem,
  ONBOARDING_WINDOW_DAYS,
  progressPercent,
  readScope,
  slugify,
  type Actor,
  type Collection,
  type CollectionProgress,
  type CollectionSummary,
  type CreateCollectionInput,
  type EntryStatus,
  type GuardedEntry,
  type Learner,
  type OnboardingAssignment,
  type OrgRole,
  type TeamRole,
  type UpdateCollectionInput,
  type Visibility,
} from "@hindsight/domain";
import { entryReadPredicate, schema, type DbOrTx, type Tx } from "@hindsight/db";
import { and, asc, count, eq, gt, inArray, sql } from "@hindsight/db/orm";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";

const { collections, collectionSections, collectionItems, collectionProgress, entries, entryGrants, teams, teamMemberships, users } = schema;

type CollectionRow = typeof collections.$inferSelect;
type TeamRef = { id: string; slug: string; name: string };

const summaryColumns = {
  collection: collections,
  team: { id: teams.id, slug: teams.slug, name: teams.name },
  itemCount: sql<number>`(select count(*)::int from ${collectionItems} ci join ${collectionSections} cs on cs.id = ci.section_id where cs.collection_id = ${sql.identifier("collections")}.${sql.identifier("id")})`,
};

function toSummary(ctx: ServiceContext, r: { collection: CollectionRow; team: TeamRef | null; itemCount: number }): CollectionSummary {
  return {
    ...r.collection,
    team: r.team?.id ? r.team : null,
    canCurate: canCurateCollection(ctx.actor, r.collection),
    itemCount: Number(r.itemCount),
  };
}

export async function listCollections(ctx: ServiceContext): Promise<CollectionSummary[]> {
  const rows = await ctx.db
    .select(summaryColumns)
    .from(collections)
    .leftJoin(teams, eq(teams.id, collections.teamId))
    .orderBy(asc(collections.title));
  return rows.map((r) => toSummary(ctx, r));
}

interface OrderedItem {
  id: string;
  sectionId: string;
  entryId: string;
  entrySlug: string;
  entryTitle: string;
  entryKind: string;
  note: string;
  position: number;
}

const itemColumns = {
  id: collectionItems.id,
  sectionId: collectionItems.sectionId,
  entryId: collectionItems.entryId,
  entrySlug: entries.slug,
  entryTitle: entries.title,
  entryKind: entries.kind,
  note: collectionItems.note,
  position: collectionItems.position,
};

/** A collection's items that `actor` may read, in reading order (section, then item position). */
async function readableItems(db: DbOrTx, collectionId: string, actor: Actor): Promise<OrderedItem[]> {
  return db
    .select(itemColumns)
    .from(collectionItems)
    .innerJoin(collectionSections, eq(collectionSections.id, collectionItems.sectionId))
    .innerJoin(entries, eq(entries.id, collectionItems.entryId))
    .where(and(eq(collectionSections.collectionId, collectionId), entryReadPredicate(db, readScope(actor))))
    .orderBy(asc(collectionSections.position), asc(collectionItems.position));
}

async function loadCollection(ctx: ServiceContext, db: DbOrTx, by: { id: string } | { slug: string }): Promise<Collection> {
  const [c] = await db
    .select({ collection: collections, team: { id: teams.id, slug: teams.slug, name: teams.name } })
    .from(collections)
    .leftJoin(teams, eq(teams.id, collections.teamId))
    .where("id" in by ? eq(collections.id, by.id) : eq(collections.slug, by.slug));
  if (!c) throw new NotFound("Collection");
  const sections = await db
    .select()
    .from(collectionSections)
    .where(eq(collectionSections.collectionId, c.collection.id))
    .orderBy(asc(collectionSections.position));
  const items = await readableItems(db, c.collection.id, ctx.actor);
  return {
    ...c.collection,
    team: c.team?.id ? c.team : null,
    canCurate: canCurateCollection(ctx.actor, c.collection),
    sections: sections.map((s) => ({
      id: s.id,
      title: s.title,
      position: s.position,
      items: items.filter((i) => i.sectionId === s.id).map(({ sectionId: _s, ...i }) => i),
    })),
  };
}

export function getCollection(ctx: ServiceContext, by: { id: string } | { slug: string }): Promise<Collection> {
  return loadCollection(ctx, ctx.db, by);
}

/** Every referenced entry must exist and be readable by the curator (no smuggling hidden entries in). */
async function checkEntries(tx: Tx, ctx: ServiceContext, sections: CreateCollectionInput["sections"]): Promise<void> {
  const ids = [...new Set(sections.flatMap((s) => s.items.map((i) => i.entryId)))];
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: entries.id })
    .from(entries)
    .where(and(inArray(entries.id, ids), entryReadPredicate(tx, readScope(ctx.actor))));
  const ok = new Set(found.map((f) => f.id));
  const missing = ids.filter((id) => !ok.has(id));
  if (missing.length) throw new Invalid(`Unknown entries: ${missing.join(", ")}`, { sections: [`unknown entry ${missing[0]}`] });
}

/**
 * Rewrites the ordered structure. Items are new rows afterwards, so progress is carried over by entry:
 * a curator reordering or renaming sections must not wipe every learner's progress.
 */
async function writeStructure(tx: Tx, collectionId: string, sections: CreateCollectionInput["sections"]): Promise<void> {
  const kept = await tx
    .select({ userId: collectionProgress.userId, entryId: collectionItems.entryId, completedAt: collectionProgress.completedAt })
    .from(collectionProgress)
    .innerJoin(collectionItems, eq(collectionItems.id, collectionProgress.itemId))
    .innerJoin(collectionSections, eq(collectionSections.id, collectionItems.sectionId))
    .where(eq(collectionSections.collectionId, collectionId));
  await tx.delete(collectionSections).where(eq(collectionSections.collectionId, collectionId));
  const itemByEntry = new Map<string, string>();
  for (const [sIdx, section] of sections.entries()) {
    const [s] = await tx
      .insert(collectionSections)
      .values({ collectionId, title: section.title, position: sIdx })
      .returning({ id: collectionSections.id });
    if (section.items.length) {
      const inserted = await tx
        .insert(collectionItems)
        .values(section.items.map((item, iIdx) => ({ sectionId: s!.id, entryId: item.entryId, note: item.note, position: iIdx })))
        .returning({ id: collectionItems.id, entryId: collectionItems.entryId });
      for (const i of inserted) if (!itemByEntry.has(i.entryId)) itemByEntry.set(i.entryId, i.id);
    }
  }
  const carried = kept.flatMap((p) => {
    const itemId = itemByEntry.get(p.entryId);
    return itemId ? [{ userId: p.userId, itemId, completedAt: p.completedAt }] : [];
  });
  if (carried.length) await tx.insert(collectionProgress).values(carried).onConflictDoNothing();
}

export async function createCollection(ctx: ServiceContext, input: CreateCollectionInput): Promise<Collection> {
  if (!canCreateForTeam(ctx.actor, input.teamId)) throw new Forbidden("You may only curate collections for your own teams");
  return ctx.db.transaction(async (tx) => {
    await checkEntries(tx, ctx, input.sections);
    const slug = input.slug ?? slugify(input.title);
    const now = new Date();
    const [row] = await tx
      .insert(collections)
      .values({
        slug,
        title: input.title,
        description: input.description,
        teamId: input.teamId,
        isOnboarding: input.isOnboarding,
        createdBy: ctx.actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new Conflict(`A collection with slug ${slug} already exists`, { fieldErrors: { slug: ["is taken"] } });
    await writeStructure(tx, row.id, input.sections);
    await audit(tx, ctx.actor, "collection.create", "collection", row.id, { slug });
    return loadCollection(ctx, tx, { id: row.id });
  });
}

async function lockCurated(tx: Tx, ctx: ServiceContext, id: string, expectedVersion?: number) {
  const [current] = await tx.select().from(collections).where(eq(collections.id, id)).for("update");
  if (!current) throw new NotFound("Collection");
  if (!canCurateCollection(ctx.actor, current)) throw new Forbidden("Only the owner team or an admin may change this collection");
  if (expectedVersion !== undefined && current.version !== expectedVersion) {
    throw new Conflict(`The collection is at version ${current.version}, not ${expectedVersion}`, { currentVersion: current.version });
  }
  return current;
}

export async function updateCollection(ctx: ServiceContext, input: UpdateCollectionInput): Promise<Collection> {
  return ctx.db.transaction(async (tx) => {
    const current = await lockCurated(tx, ctx, input.id, input.expectedVersion);
    await checkEntries(tx, ctx, input.sections);
    await tx
      .update(collections)
      .set({
        title: input.title,
        description: input.description,
        isOnboarding: input.isOnboarding,
        version: current.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(collections.id, current.id));
    await writeStructure(tx, current.id, input.sections);
    await audit(tx, ctx.actor, "collection.update", "collection", current.id, { version: current.version + 1 });
    return loadCollection(ctx, tx, { id: current.id });
  });
}

export async function deleteCollection(ctx: ServiceContext, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const current = await lockCurated(tx, ctx, id);
    await tx.delete(collections).where(eq(collections.id, current.id));
    await audit(tx, ctx.actor, "collection.delete", "collection", current.id, { slug: current.slug });
  });
}

/**
 * The one progress computation: `learner`'s done items among the items they may read. The learner's
 * own bar, "my onboarding" and the curator's table all come from here.
 */
export async function progressOf(db: DbOrTx, collectionId: string, learner: Actor): Promise<CollectionProgress> {
  const items = await readableItems(db, collectionId, learner);
  const ids = items.map((i) => i.id);
  const doneRows = ids.length
    ? await db
        .select({ itemId: collectionProgress.itemId, completedAt: collectionProgress.completedAt })
        .from(collectionProgress)
        .where(and(eq(collectionProgress.userId, learner.userId), inArray(collectionProgress.itemId, ids)))
    : [];
  return progressFrom(collectionId, items, doneRows);
}

/** Progress over the items a learner may read (in reading order) and the learner's done marks among them. */
function progressFrom(
  collectionId: string,
  items: readonly OrderedItem[],
  doneRows: readonly { itemId: string; completedAt: Date }[],
): CollectionProgress {
  const done = new Set(doneRows.map((d) => d.itemId));
  const next = nextUnreadItem(items, done);
  const last = doneRows.reduce<Date | null>((latest, d) => (!latest || d.completedAt > latest ? d.completedAt : latest), null);
  return {
    collectionId,
    totalItems: items.length,
    doneItems: done.size,
    percent: progressPercent(done.size, items.length),
    // Reading order, so the portal can show ticks without re-sorting.
    completedItemIds: items.filter((i) => done.has(i.id)).map((i) => i.id),
    nextItemId: next?.id ?? null,
    nextEntrySlug: next?.entrySlug ?? null,
    lastActivityAt: last,
  };
}

async function requireCollection(db: DbOrTx, collectionId: string): Promise<CollectionRow> {
  const [row] = await db.select().from(collections).where(eq(collections.id, collectionId));
  if (!row) throw new NotFound("Collection");
  return row;
}

export async function getProgress(ctx: ServiceContext, collectionId: string): Promise<CollectionProgress> {
  await requireCollection(ctx.db, collectionId);
  return progressOf(ctx.db, collectionId, ctx.actor);
}

export async function markItem(ctx: ServiceContext, collectionId: string, itemId: string, done: boolean): Promise<CollectionProgress> {
  await requireCollection(ctx.db, collectionId);
  const items = await readableItems(ctx.db, collectionId, ctx.actor);
  if (!items.some((i) => i.id === itemId)) throw new NotFound("Collection item");
  await ctx.db.transaction(async (tx) => {
    if (done) {
      await tx.insert(collectionProgress).values({ userId: ctx.actor.userId, itemId }).onConflictDoNothing();
    } else {
      await tx.delete(collectionProgress).where(and(eq(collectionProgress.userId, ctx.actor.userId), eq(collectionProgress.itemId, itemId)));
    }
    await audit(tx, ctx.actor, done ? "collection.item_done" : "collection.item_undone", "collection", collectionId, { itemId });
  });
  return progressOf(ctx.db, collectionId, ctx.actor);
}

/**
 * Recent members of a team: the people its onboarding paths are assigned to. Maintainers curate the
 * paths rather than follow them, so they are not assigned (they still show once they start one).
 */
function newMemberCondition() {
  return and(
    eq(teamMemberships.role, "member"),
    gt(teamMemberships.createdAt, sql`now() - make_interval(days => ${ONBOARDING_WINDOW_DAYS})`),
  );
}

/** Users who marked at least one item of the collection(s) read. */
function startedQuery(db: DbOrTx) {
  return db
    .selectDistinct({ userId: collectionProgress.userId, collectionId: collectionSections.collectionId })
    .from(collectionProgress)
    .innerJoin(collectionItems, eq(collectionItems.id, collectionProgress.itemId))
    .innerJoin(collectionSections, eq(collectionSections.id, collectionItems.sectionId));
}

/**
 * My onboarding paths: onboarding collections of teams I joined within ONBOARDING_WINDOW_DAYS
 * ("team"), plus any onboarding collection I have started on my own ("started").
 */
export async function myOnboarding(ctx: ServiceContext): Promise<OnboardingAssignment[]> {
  const assigned = await ctx.db
    .select({ id: collections.id })
    .from(collections)
    .innerJoin(teamMemberships, eq(teamMemberships.teamId, collections.teamId))
    .where(and(eq(collections.isOnboarding, true), eq(teamMemberships.userId, ctx.actor.userId), newMemberCondition()));
  const started = await startedQuery(ctx.db).where(eq(collectionProgress.userId, ctx.actor.userId));
  const reasons = new Map<string, "team" | "started">();
  for (const a of assigned) reasons.set(a.id, "team");
  for (const s of started) if (!reasons.has(s.collectionId)) reasons.set(s.collectionId, "started");
  if (reasons.size === 0) return [];
  const rows = await ctx.db
    .select(summaryColumns)
    .from(collections)
    .leftJoin(teams, eq(teams.id, collections.teamId))
    .where(and(inArray(collections.id, [...reasons.keys()]), eq(collections.isOnboarding, true)))
    .orderBy(asc(collections.title));
  const out: OnboardingAssignment[] = [];
  for (const r of rows) {
    out.push({ collection: toSummary(ctx, r), progress: await progressOf(ctx.db, r.collection.id, ctx.actor), reason: reasons.get(r.collection.id)! });
  }
  return out;
}

/** Who is where on a collection, for its curators: assigned new members and anyone who started it. */
export async function learners(ctx: ServiceContext, collectionId: string): Promise<Learner[]> {
  const c = await requireCollection(ctx.db, collectionId);
  if (!canCurateCollection(ctx.actor, c)) throw new Forbidden("Only the collection's curators may see its learners");
  const reasons = new Map<string, "team" | "started">();
  if (c.isOnboarding && c.teamId) {
    const members = await ctx.db
      .select({ userId: teamMemberships.userId })
      .from(teamMemberships)
      .where(and(eq(teamMemberships.teamId, c.teamId), newMemberCondition()));
    for (const m of members) reasons.set(m.userId, "team");
  }
  const started = await startedQuery(ctx.db).where(eq(collectionSections.collectionId, c.id));
  for (const s of started) if (!reasons.has(s.userId)) reasons.set(s.userId, "started");
  if (reasons.size === 0) return [];
  // A fixed number of queries however many learners there are (it was four per learner): the people
  // with their memberships, every item with what the read policy needs, and all their done marks.
  // Each learner's readable items are then picked by canReadEntry, the policy entryReadPredicate
  // (progressOf's filter) is the SQL face of, and counted by the same progressFrom.
  const people = await ctx.db
    .select({ id: users.id, handle: users.handle, name: users.name, orgRole: users.orgRole })
    .from(users)
    .where(inArray(users.id, [...reasons.keys()]))
    .orderBy(asc(users.name));
  if (people.length === 0) return [];
  const personIds = people.map((p) => p.id);
  const memberships = await ctx.db
    .select({ userId: teamMemberships.userId, teamId: teamMemberships.teamId, role: teamMemberships.role })
    .from(teamMemberships)
    .where(inArray(teamMemberships.userId, personIds));
  const items = await guardedItems(ctx.db, c.id);
  const itemIds = items.map((i) => i.id);
  const doneRows = itemIds.length
    ? await ctx.db
        .select({ userId: collectionProgress.userId, itemId: collectionProgress.itemId, completedAt: collectionProgress.completedAt })
        .from(collectionProgress)
        .where(and(inArray(collectionProgress.userId, personIds), inArray(collectionProgress.itemId, itemIds)))
    : [];
  return people.map((person) => {
    const actor: Actor = {
      userId: person.id,
      orgRole: person.orgRole as OrgRole,
      teams: new Map(memberships.filter((m) => m.userId === person.id).map((m) => [m.teamId, m.role as TeamRole])),
      via: "system",
    };
    const readable = items.filter((i) => canReadEntry(actor, i.guard)).map(({ guard: _g, ...item }) => item);
    const readableIds = new Set(readable.map((i) => i.id));
    const p = progressFrom(
      c.id,
      readable,
      doneRows.filter((d) => d.userId === person.id && readableIds.has(d.itemId)),
    );
    return {
      userId: person.id,
      handle: person.handle,
      name: person.name,
      totalItems: p.totalItems,
      doneItems: p.doneItems,
      percent: p.percent,
      nextItemId: p.nextItemId,
      lastActivityAt: p.lastActivityAt,
      reason: reasons.get(person.id)!,
    };
  });
}

/** Every item of a collection in reading order, with what the read policy needs to judge its entry for anyone. */
async function guardedItems(db: DbOrTx, collectionId: string): Promise<(OrderedItem & { guard: GuardedEntry })[]> {
  const rows = await db
    .select({
      ...itemColumns,
      authorId: entries.authorId,
      teamId: entries.teamId,
      visibility: entries.visibility,
      status: entries.status,
    })
    .from(collectionItems)
    .innerJoin(collectionSections, eq(collectionSections.id, collectionItems.sectionId))
    .innerJoin(entries, eq(entries.id, collectionItems.entryId))
    .where(eq(collectionSections.collectionId, collectionId))
    .orderBy(asc(collectionSections.position), asc(collectionItems.position));
  const entryIds = [...new Set(rows.map((r) => r.entryId))];
  const grants = entryIds.length ? await db.select().from(entryGrants).where(inArray(entryGrants.entryId, entryIds)) : [];
  return rows.map(({ authorId, teamId, visibility, status, ...item }) => {
    const own = grants.filter((g) => g.entryId === item.entryId);
    return {
      ...item,
      guard: {
        authorId,
        teamId,
        visibility: visibility as Visibility,
        status: status as EntryStatus,
        grants: {
          userIds: own.flatMap((g) => (g.userId ? [g.userId] : [])),
          teamIds: own.flatMap((g) => (g.teamId ? [g.teamId] : [])),
        },
      },
    };
  });
}

export async function countCollections(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: count() }).from(collections);
  return Number(r?.n ?? 0);
}
