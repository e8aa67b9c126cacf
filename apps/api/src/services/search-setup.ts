// Picks the search engine from configuration and how writes reach it.
import type { Database } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";
import { ANALYZER_VERSION, MeiliSearchEngine, PostgresSearchEngine, type SearchEngine } from "@hindsight/search";
import type { Config } from "../config.js";
import { OutboxRelay } from "./outbox-relay.js";
import { inTransactionSync, loadSearchDocuments, outboxSync, type SearchSync } from "./search-sync.js";

export interface SearchSetup {
  engine: SearchEngine;
  sync: SearchSync;
  /** Set for external engines: feeds them from the outbox. */
  relay: OutboxRelay | null;
}

/**
 * @param external an engine to use instead of the configured external one (tests use an in-process
 * double behind the port); it is fed through the outbox like any external engine.
 */
export async function createSearch(
  config: Config,
  database: Database,
  external?: SearchEngine,
  onRelayError?: (err: unknown) => void,
): Promise<SearchSetup> {
  if (external) return { engine: external, sync: outboxSync(), relay: new OutboxRelay(database.db, external, { onError: onRelayError }) };
  if (config.search.engine === "postgres") {
    const engine = new PostgresSearchEngine(database.db);
    return { engine, sync: inTransactionSync(engine), relay: null };
  }
  const engine = new MeiliSearchEngine({ url: config.search.url, apiKey: config.search.masterKey ?? undefined });
  return { engine, sync: outboxSync(), relay: new OutboxRelay(database.db, engine, { onError: onRelayError }) };
}

/**
 * Entries written before the embedded index existed, by an older version, or indexed by an older
 * analyzer (ANALYZER_VERSION) are indexed at boot,
 * in batches; with nothing missing this is one cheap query. Replicas starting together take turns
 * (the search-index lock, shared with `hindsight-admin reindex`): the later ones find nothing missing
 * instead of indexing every document again.
 */
export async function backfillEmbeddedIndex(database: Database, engine: PostgresSearchEngine, batch = 500): Promise<number> {
  const run = await database.withLock("searchIndex", async () => {
    let done = 0;
    for (;;) {
      const missing = (await database.db.execute(
        sql`select e.id from entries e left join search_docs d on d.entry_id = e.id
            where d.entry_id is null or d.version < e.version or d.analyzer < ${ANALYZER_VERSION} limit ${batch}`,
      )) as unknown as { rows: { id: string }[] };
      if (missing.rows.length === 0) return done;
      await database.db.transaction(async (tx) => engine.indexInTransaction(tx, await loadSearchDocuments(tx, missing.rows.map((r) => r.id))));
      done += missing.rows.length;
    }
  });
  return run.ran ? run.value : 0;
}
