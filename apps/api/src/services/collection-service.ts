// Collections: ordered sections of entries curated by a team, and each person's progress through them.
// Items pointing at entries the caller may not read are left out, through the same read policy as lists.
import {
  canCreateForTeam,
  canCurateCollection,
  Conflict,
  Forbidden,
  Invalid,
  NotFound,
  readScope,
  slugify,
  type Collection,
  type CollectionProgress,
  type CollectionSummary,
  type CreateCollectionInput,
  type UpdateCollectionInput,
} from "@hindsight/domain";
import { entryReadPredicate, schema, type DbOrTx, type Tx } from "@hindsight/db";
import { and, asc, count, eq, inArray, sql } from "@hindsight/db/orm";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";

const { collections, collectionSections, collectionItems, collectionProgress, entries } = schema;

export async function listCollections(ctx: ServiceContext): Promise<CollectionSummary[]> {
  const rows = await ctx.db
    .select({
      collection: collections,
      itemCount: sql<number>`(select count(*)::int from ${collectionItems} ci join ${collectionSections} cs on cs.id = ci.section_id where cs.collection_id = ${sql.identifier("collections")}.${sql.identifier("id")})`,
    })
    .from(collections)
    .orderBy(asc(collections.title));
  return rows.map((r) => ({ ...r.collection, itemCount: Number(r.itemCount) }));
}

async function loadCollection(ctx: ServiceContext, db: DbOrTx, by: { id: string } | { slug: string }): Promise<Collection> {
  const [c] = await db
    .select()
    .from(collections)
    .where("id" in by ? eq(collections.id, by.id) : eq(collections.slug, by.slug));
  if (!c) throw new NotFound("Collection");
  const sections = await db
    .select()
    .from(collectionSections)
    .where(eq(collectionSections.collectionId, c.id))
    .orderBy(asc(collectionSections.position));
  const sectionIds = sections.map((s) => s.id);
  const items = sectionIds.length
    ? await db
        .select({
          id: collectionItems.id,
          sectionId: collectionItems.sectionId,
          entryId: collectionItems.entryId,
          note: collectionItems.note,
          position: collectionItems.position,
          entryTitle: entries.title,
          entryKind: entries.kind,
        })
        .from(collectionItems)
        .innerJoin(entries, eq(entries.id, collectionItems.entryId))
        .where(and(inArray(collectionItems.sectionId, sectionIds), entryReadPredicate(db, readScope(ctx.actor))))
        .orderBy(asc(collectionItems.position))
    : [];
  return {
    ...c,
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

async function writeStructure(tx: Tx, collectionId: string, sections: CreateCollectionInput["sections"]): Promise<void> {
  await tx.delete(collectionSections).where(eq(collectionSections.collectionId, collectionId));
  for (const [sIdx, section] of sections.entries()) {
    const [s] = await tx
      .insert(collectionSections)
      .values({ collectionId, title: section.title, position: sIdx })
      .returning({ id: collectionSections.id });
    if (section.items.length) {
      await tx
        .insert(collectionItems)
        .values(section.items.map((item, iIdx) => ({ sectionId: s!.id, entryId: item.entryId, note: item.note, position: iIdx })));
    }
  }
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

export async function getProgress(ctx: ServiceContext, collectionId: string): Promise<CollectionProgress> {
  const collection = await loadCollection(ctx, ctx.db, { id: collectionId });
  const itemIds = collection.sections.flatMap((s) => s.items.map((i) => i.id));
  const done = itemIds.length
    ? await ctx.db
        .select({ itemId: collectionProgress.itemId })
        .from(collectionProgress)
        .where(and(eq(collectionProgress.userId, ctx.actor.userId), inArray(collectionProgress.itemId, itemIds)))
    : [];
  return { collectionId, totalItems: itemIds.length, completedItemIds: done.map((d) => d.itemId) };
}

export async function markItem(ctx: ServiceContext, collectionId: string, itemId: string, done: boolean): Promise<CollectionProgress> {
  const collection = await loadCollection(ctx, ctx.db, { id: collectionId });
  if (!collection.sections.some((s) => s.items.some((i) => i.id === itemId))) throw new NotFound("Collection item");
  await ctx.db.transaction(async (tx) => {
    if (done) {
      await tx.insert(collectionProgress).values({ userId: ctx.actor.userId, itemId }).onConflictDoNothing();
    } else {
      await tx.delete(collectionProgress).where(and(eq(collectionProgress.userId, ctx.actor.userId), eq(collectionProgress.itemId, itemId)));
    }
    await audit(tx, ctx.actor, done ? "collection.item_done" : "collection.item_undone", "collection", collectionId, { itemId });
  });
  return getProgress(ctx, collectionId);
}

export async function countCollections(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: count() }).from(collections);
  return Number(r?.n ?? 0);
}
