// Starts the real Hindsight app in this process, as apps/api's test harness does: buildApp over a
// database the benchmark owns (in-memory PGlite, or a throwaway Postgres database created here and
// dropped afterwards), no seed, silent logs, a random admin token for bearer auth.
// The benchmark is a harness around the whole product, so it is the one package that imports the app.
import { buildApp, loadConfig } from "@hindsight/api";
import { createDatabase, type Database } from "@hindsight/db";
import { PostgresSearchEngine, type SearchEngine } from "@hindsight/search";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { injectTransport, type Transport } from "./hindsight-client.js";

export type DbKind = "pglite" | "postgres";

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface ThrowawayDatabase {
  database: Database;
  /** Where it lives, for the report (never includes a password). */
  label: string;
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function describeUrl(url: string): string {
  const u = new URL(url);
  return `${u.host}${u.pathname}`;
}

/** In-memory PGlite, or a fresh database on the Postgres server `adminUrl` points at (dropped by `drop`). */
export async function createThrowawayDatabase(kind: DbKind, adminUrl = DEFAULT_POSTGRES_URL): Promise<ThrowawayDatabase> {
  if (kind === "pglite") {
    const database = await createDatabase({ driver: "pglite" });
    return { database, label: "PGlite (in memory)", drop: () => database.close() };
  }
  const name = `hindsight_bench_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
    await admin.query(`create database ${name}`);
  } catch (err) {
    throw new Error(`cannot create a throwaway database on ${describeUrl(adminUrl)}: ${(err as Error).message}`, { cause: err });
  } finally {
    await admin.end().catch(() => undefined);
  }
  const url = withDatabase(adminUrl, name);
  const database = await createDatabase({ driver: "postgres", url, poolSize: 10 });
  let dropped = false;
  return {
    database,
    label: `Postgres ${describeUrl(url)}`,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await database.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

type App = Awaited<ReturnType<typeof buildApp>>;

export interface RunningHindsight {
  app: App;
  db: ThrowawayDatabase;
  token: string;
  /** In-process requests through app.inject (no socket). */
  inject: Transport;
  /**
   * The engine the app searches with, to time it without HTTP, auth and query logging: the embedded
   * `postgres` engine is stateless over the database, so an instance over the same database answers
   * exactly as the app's does.
   */
  engine: SearchEngine;
  /** Listens on 127.0.0.1 on a free port; returns the base URL. */
  listen(): Promise<string>;
  close(): Promise<void>;
}

export async function startHindsight(kind: DbKind, options: { postgresUrl?: string } = {}): Promise<RunningHindsight> {
  const db = await createThrowawayDatabase(kind, options.postgresUrl);
  const token = `bench-${randomBytes(16).toString("hex")}`;
  let app: App;
  try {
    const config = loadConfig({
      HINDSIGHT_ADMIN_TOKEN: token,
      HINDSIGHT_SEED: "false",
      LOG_LEVEL: "silent",
      PORTAL_DIR: "/nonexistent-portal",
      SEARCH_ENGINE: "postgres",
      // One token drives the whole load: the per-token and per-person limits would measure 429s, not search.
      HINDSIGHT_RATE_LIMIT_TOKEN: "off",
      HINDSIGHT_RATE_LIMIT_SEARCH: "off",
    });
    app = await buildApp(config, { database: db.database });
  } catch (err) {
    await db.drop().catch(() => undefined);
    throw err;
  }
  let closing: Promise<void> | null = null;
  return {
    app,
    db,
    token,
    inject: injectTransport(app, token),
    engine: new PostgresSearchEngine(db.database.db),
    listen: async () => {
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      if (!address || typeof address === "string") throw new Error(`unexpected listen address ${String(address)}`);
      return `http://127.0.0.1:${address.port}`;
    },
    // Every caller gets the same close. Requests still in flight (Ctrl-C mid-import) hold keep-alive
    // connections open for Fastify's keepAliveTimeout (72 s), so they are cut after a short grace.
    close: () =>
      (closing ??= (async () => {
        const force = setTimeout(() => app.server.closeAllConnections(), 2_000);
        try {
          await app.close();
        } finally {
          clearTimeout(force);
          await db.drop();
        }
      })()),
  };
}
