// Keeps the search engine in step with every write. The embedded `postgres` engine is written in the
// same transaction as the entries (search is never behind the data); external engines get outbox
// rows instead, relayed after commit, so a write never waits for or fails because of them.
import type { Entry, EntryKind, EntryStatus, Visibility } from "@hindsight/domain";
import { schema, type DbOrTx, type Tx } from "@hindsight/db";
import { eq, inArray, sql } from "@hindsight/db/orm";
import { buildSearchDocument, type PostgresSearchEngine, type SearchDocument } from "@hindsight/search";

export interface SearchSync {
  /** Marks an entry as changed in this transaction. */
  touch(tx: Tx, entryId: string): Promise<void>;
  /** Runs `fn` in a transaction and brings the index up to date with it before commit. */
  transaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/** Builds search documents for entries straight from the tables, in one query. */
export async function loadSearchDocuments(db: DbOrTx, ids: string[]): Promise<SearchDocument[]> {
  if (ids.length === 0) return [];
  const { entries, entryGrants, fixFeedback, teams, users } = schema;
  const rows = await db
    .select({
      entry: entries,
      teamSlug: teams.slug,
      authorName: users.name,
      grantUserIds: sql<string[]>`coalesce((select array_agg(g.user_id) from ${entryGrants} g where g.entry_id = ${entries.id} and g.user_id is not null), '{}')`,
      grantTeamIds: sql<string[]>`coalesce((select array_agg(g.team_id) from ${entryGrants} g where g.entry_id = ${entries.id} and g.team_id is not null), '{}')`,
      feedback: sql<number>`coalesce((select sum(case when f.vote = 'worked' then 1 else -1 end) from ${fixFeedback} f where f.entry_id = ${entries.id}), 0)::int`,
    })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.authorId))
    .leftJoin(teams, eq(teams.id, entries.teamId))
    .where(inArray(entries.id, ids));
  return rows.map(({ entry, teamSlug, authorName, grantUserIds, grantTeamIds, feedback }) => {
    const e: Omit<Entry, "fieldsFit"> = {
      ...entry,
      kind: entry.kind as EntryKind,
      visibility: entry.visibility as Visibility,
      status: entry.status as EntryStatus,
      teamSlug,
      authorName,
      grants: { userIds: grantUserIds, teamIds: grantTeamIds },
    };
    return buildSearchDocument(e, { feedback: Number(feedback) });
  });
}

/** For the embedded engine: index touched entries inside the writing transaction. */
export function inTransactionSync(engine: PostgresSearchEngine): SearchSync {
  const pending = new WeakMap<Tx, Set<string>>();
  const flush = async (tx: Tx, ids: string[]) => engine.indexInTransaction(tx, await loadSearchDocuments(tx, ids));
  return {
    async touch(tx, entryId) {
      const batch = pending.get(tx);
      // Outside a batching transaction, index at once: correct by default, batched where it matters.
      if (batch) batch.add(entryId);
      else await flush(tx, [entryId]);
    },
    async transaction(db, fn) {
      const result = await db.transaction(async (tx) => {
        const batch = new Set<string>();
        pending.set(tx, batch);
        try {
          const value = await fn(tx);
          await flush(tx, [...batch]);
          return value;
        } finally {
          pending.delete(tx);
        }
      });
      // After commit, outside the write and without making it wait: keep the index's statistics and
      // visibility map fresh as it grows.
      void engine.maintain().catch(() => undefined);
      return result;
    },
  };
}

/** For external engines: an outbox row per change, in the writing transaction; the relay sends it. */
export function outboxSync(): SearchSync {
  return {
    async touch(tx, entryId) {
      const [row] = await tx.select({ version: schema.entries.version }).from(schema.entries).where(eq(schema.entries.id, entryId));
      if (row) await tx.insert(schema.searchOutbox).values({ entryId, entryVersion: row.version, op: "upsert" });
    },
    transaction: (db, fn) => db.transaction(fn),
  };
}
