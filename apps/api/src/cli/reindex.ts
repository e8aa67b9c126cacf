// `hindsight-admin reindex`: rebuilds the configured search engine from the database, with a progress
// bar and a final count check. Uses the same configuration (and PGlite lock) as the server, so stop
// the server first when running on the embedded default; on Postgres it waits for a replica's
// start-up backfill and holds replicas' backfills off while it runs (advisory lock).
import { createDatabase, runMigrations, schema, type Database } from "@hindsight/db";
import { asc, count, gt, sql } from "@hindsight/db/orm";
import { PostgresSearchEngine, type SearchEngine } from "@hindsight/search";
import { SingleBar, Presets } from "cli-progress";
import type { Config } from "../config.js";
import { createSearch } from "../services/search-setup.js";
import { loadSearchDocuments } from "../services/search-sync.js";

export interface ReindexResult {
  entries: number;
  indexed: number;
  engineCount: number;
  ok: boolean;
}

export async function reindex(config: Config, opts: { batchSize: number; progress: boolean }): Promise<ReindexResult> {
  const database = await createDatabase(config.database);
  try {
    await runMigrations(database);
    return await reindexDatabase(config, database, opts);
  } finally {
    await database.close();
  }
}

/** Rebuilds the search engine from an open, migrated database (restore uses it on its own handle). */
export async function reindexDatabase(config: Config, database: Database, opts: { batchSize: number; progress: boolean }): Promise<ReindexResult> {
  const { engine } = await createSearch(config, database);
  await engine.ensureReady();
  // One rebuild at a time, and never beside a replica's start-up backfill (the same lock): a
  // truncate in the middle of another process's indexing would leave the index short.
  const run = await database.withLock("searchIndex", () => rebuild(engine, database, opts));
  if (!run.ran) throw new Error("the search-index lock was not taken");
  return run.value;
}

async function rebuild(engine: SearchEngine, database: Database, opts: { batchSize: number; progress: boolean }): Promise<ReindexResult> {
  const db = database.db;
  const [{ n: total } = { n: 0 }] = await db.select({ n: count() }).from(schema.entries);
  const bar = opts.progress ? new SingleBar({ format: "reindex {bar} {value}/{total} entries | {eta_formatted} left" }, Presets.shades_classic) : null;
  bar?.start(Number(total), 0);

  if (engine instanceof PostgresSearchEngine) {
    // Start from empty so nothing stale survives (documents of deleted entries, old statistics).
    await db.execute(sql`truncate search_postings, search_docs, search_terms`);
    await db.execute(sql`update search_stats set doc_count = 0, total_length = 0 where id = 1`);
  }
  let indexed = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const ids = await db
      .select({ id: schema.entries.id })
      .from(schema.entries)
      .where(gt(schema.entries.id, after))
      .orderBy(asc(schema.entries.id))
      .limit(opts.batchSize);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!.id;
    if (engine instanceof PostgresSearchEngine) {
      await db.transaction(async (tx) => engine.indexInTransaction(tx, await loadSearchDocuments(tx, ids.map((r) => r.id))));
    } else {
      await engine.index(await loadSearchDocuments(db, ids.map((r) => r.id)));
    }
    indexed += ids.length;
    bar?.update(indexed);
  }
  bar?.stop();
  const engineCount = await engine.count();
  return { entries: Number(total), indexed, engineCount, ok: engineCount === Number(total) };
}
