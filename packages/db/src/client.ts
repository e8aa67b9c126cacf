// One factory for the database: embedded PGlite in a data directory by default, node-postgres when
// a DATABASE_URL is given. Both are driven through the same drizzle API, so callers never branch.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import { sql, type ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.js";
import * as schema from "./schema.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Functions that may run inside or outside a transaction take this. */
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  driver: "pglite" | "postgres";
  /** Resolves when the database answers a trivial query; throws otherwise. */
  ping(): Promise<void>;
  /** Runs SQL that may contain several statements (PGlite needs `exec` for that). */
  exec(sqlText: string): Promise<void>;
  /**
   * Runs fn while holding the named lock, so one process at a time does it. On Postgres a session
   * advisory lock on a connection of its own (fn uses the pool as usual); wait=false returns
   * { ran: false } at once when another process holds it. On PGlite one process owns the data
   * directory, so fn simply runs.
   */
  withLock<T>(name: LockName, fn: () => Promise<T>, options?: { wait?: boolean }): Promise<Locked<T>>;
  /** Closes the connections; calling it again returns the same promise (never "closed twice"). */
  close(): Promise<void>;
}

/** `close` once: later calls share the first call's outcome. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

export type DatabaseOptions =
  | { driver: "postgres"; url: string; poolSize?: number }
  /** dataDir undefined = in memory (tests). */
  | { driver: "pglite"; dataDir?: string; onLockCompromised?: (err: Error) => void };

export { DataDirLocked } from "./data-dir-lock.js";

/**
 * Work that one process at a time may do across the replicas sharing a database (migrations, index
 * backfills, retention). Each has its own Postgres advisory-lock key; the numbers only need to be
 * distinct within Hindsight ("HS" in the high bytes).
 */
export const LOCKS = {
  migrations: 0x4853_0001,
  searchIndex: 0x4853_0002,
  retention: 0x4853_0003,
} as const;
export type LockName = keyof typeof LOCKS;

/** What withLock did: ran fn (and what it returned), or found the lock taken and did not wait. */
export type Locked<T> = { ran: true; value: T } | { ran: false };

export async function createDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.driver === "postgres") {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on("error", () => undefined);
    const db = drizzleNodePg({ client: pool, schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      driver: "postgres",
      ping: async () => {
        await pool.query("select 1");
      },
      exec: async (text) => {
        await pool.query(text);
      },
      withLock: async (name, fn, lockOptions) => {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          const key = LOCKS[name];
          if (lockOptions?.wait === false) {
            const r = await client.query<{ ok: boolean }>("select pg_try_advisory_lock($1) as ok", [key]);
            if (!r.rows[0]?.ok) return { ran: false };
          } else {
            await client.query("select pg_advisory_lock($1)", [key]);
          }
          try {
            return { ran: true, value: await fn() };
          } finally {
            await client.query("select pg_advisory_unlock($1)", [key]).catch((err: Error) => {
              // A connection that cannot unlock is closed instead, which releases the lock.
              broken = err;
            });
          }
        } finally {
          client.release(broken);
        }
      },
      close: once(() => pool.end()),
    };
  }

  let release: (() => Promise<void>) | undefined;
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.resolve(options.dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
    release = await lockDataDir(
      dataDir,
      options.onLockCompromised ??
        ((err) => {
          throw err;
        }),
    );
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ? path.join(dataDir, "pgdata") : undefined, {
      extensions: { pg_trgm, unaccent },
    });
  } catch (err) {
    await release?.();
    throw err;
  }
  const db = drizzlePglite({ client, schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    ping: async () => {
      await client.query("select 1");
    },
    exec: async (text) => {
      await client.exec(text);
    },
    withLock: async (_name, fn) => ({ ran: true, value: await fn() }),
    close: once(async () => {
      try {
        await client.close();
      } finally {
        await release?.();
      }
    }),
  };
}

/** Lets drizzle's `sql` tag be used by callers without importing drizzle-orm themselves. */
export { sql };
