// Test support: every data-layer test runs against in-memory PGlite and a throwaway Postgres database.
// Without Postgres a laptop run skips the Postgres half (saying why); with CI=true that is a failure.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "./client.js";
import { runMigrations } from "./migrate.js";

export interface TestDatabase {
  database: Database;
  /** Postgres only: the database's URL, for a second connection pool (another replica). */
  url?: string;
  drop(): Promise<void>;
}

export interface DatabaseTarget {
  name: "pglite" | "postgres";
  /** Why this target cannot run here, or null when it can. */
  skipReason: string | null;
  create(): Promise<TestDatabase>;
}

const adminUrl = () => process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (err) {
    return `Postgres is not reachable at ${new URL(adminUrl()).host} (${(err as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Why Postgres-backed tests cannot run here, or null when they can. With CI=true a missing Postgres is
 * an error (`what` names the tests that need it), never a skip.
 */
export async function postgresSkipReason(what = "the data-layer tests"): Promise<string | null> {
  const reason = await probePostgres();
  if (reason && process.env.CI === "true") throw new Error(`${reason}. CI=true requires Postgres for ${what}.`);
  return reason ? `${reason}; set TEST_DATABASE_URL or start Postgres to run these tests` : null;
}

async function onAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** An empty throwaway Postgres database, not migrated (for processes under test that migrate it themselves). */
export async function scratchPostgresDatabase(prefix = "hindsight_test"): Promise<ScratchDatabase> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await onAdmin((admin) => admin.query(`create database ${name}`));
  return {
    url: withDatabase(adminUrl(), name),
    drop: async () => {
      await onAdmin((admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

export async function databaseTargets(): Promise<DatabaseTarget[]> {
  const skipReason = await postgresSkipReason();
  return [
    {
      name: "pglite",
      skipReason: null,
      create: async () => {
        const database = await createDatabase({ driver: "pglite" });
        await runMigrations(database);
        return { database, drop: () => database.close() };
      },
    },
    {
      name: "postgres",
      skipReason,
      create: async () => {
        const scratch = await scratchPostgresDatabase();
        const database = await createDatabase({ driver: "postgres", url: scratch.url, poolSize: 4 });
        await runMigrations(database);
        return {
          database,
          url: scratch.url,
          // The database goes even when closing its pool fails (a test that broke the connection).
          drop: async () => {
            try {
              await database.close();
            } finally {
              await scratch.drop();
            }
          },
        };
      },
    },
  ];
}
