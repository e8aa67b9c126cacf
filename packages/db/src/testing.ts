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

export async function databaseTargets(): Promise<DatabaseTarget[]> {
  let skipReason = await probePostgres();
  if (skipReason && process.env.CI === "true") {
    throw new Error(`${skipReason}. CI=true requires Postgres for the data-layer tests.`);
  }
  if (skipReason) skipReason += "; set TEST_DATABASE_URL or start Postgres to run these tests";
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
        const name = `hindsight_test_${process.pid}_${randomBytes(4).toString("hex")}`;
        const admin = new pg.Client({ connectionString: adminUrl() });
        await admin.connect();
        try {
          await admin.query(`create database ${name}`);
        } finally {
          await admin.end();
        }
        const url = withDatabase(adminUrl(), name);
        const database = await createDatabase({ driver: "postgres", url, poolSize: 4 });
        await runMigrations(database);
        return {
          database,
          url,
          drop: async () => {
            await database.close();
            const c = new pg.Client({ connectionString: adminUrl() });
            await c.connect();
            try {
              await c.query(`drop database if exists ${name} with (force)`);
            } finally {
              await c.end();
            }
          },
        };
      },
    },
  ];
}
