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
import lockfile from "proper-lockfile";
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
  close(): Promise<void>;
}

export type DatabaseOptions =
  | { driver: "postgres"; url: string; poolSize?: number }
  /** dataDir undefined = in memory (tests). */
  | { driver: "pglite"; dataDir?: string; onLockCompromised?: (err: Error) => void };

export class DataDirLocked extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another Hindsight process. ` +
        `Stop that process first, or set DATA_DIR to another directory. (PGlite allows one process per directory.)`,
    );
    this.name = "DataDirLocked";
  }
}

const LOCK_NAME = "hindsight.lock";

/** Takes the data directory's lock or throws DataDirLocked. The lock is refreshed while held, so a crashed process's lock goes stale. */
async function lockDataDir(dataDir: string, onCompromised: (err: Error) => void): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: path.join(dataDir, LOCK_NAME),
      stale: 15_000,
      update: 5_000,
      retries: 0,
      onCompromised,
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLocked(dataDir);
    throw err;
  }
}

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
      close: () => pool.end(),
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
    close: async () => {
      try {
        await client.close();
      } finally {
        await release?.();
      }
    },
  };
}

/** Lets drizzle's `sql` tag be used by callers without importing drizzle-orm themselves. */
export { sql };
