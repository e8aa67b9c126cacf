// Starts the real Hindsight app in this process, as apps/api's test harness does: buildApp over a
// database the benchmark owns (PGlite in memory or in a temporary data directory, or a throwaway
// Postgres database created here and dropped afterwards, or a named one kept across runs), no seed,
// silent logs, a random admin token for bearer auth.
// The benchmark is a harness around the whole product, so it is the one package that imports the app.
import { buildApp, loadConfig } from "@hindsight/api";
import { createDatabase, sql, type Database } from "@hindsight/db";
import { PostgresSearchEngine, type SearchEngine } from "@hindsight/search";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { diskSizeSql, summariseDisk, type DiskUsage } from "./curve.js";
import { injectTransport, type Transport } from "./hindsight-client.js";

export type DbKind = "pglite" | "postgres";
/**
 * Where PGlite keeps its pages: in the process's memory (its default in tests), or in a data
 * directory as the embedded server does, which is what its memory and disk figures should describe.
 */
export type PgliteStorage = "memory" | "disk";

export const DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface ThrowawayDatabase {
  database: Database;
  /** Where it lives, for the report (never includes a password). */
  label: string;
  /** PGlite's data directory when it has one (removed by drop). */
  dataDir: string | null;
  drop(): Promise<void>;
}

/** Bytes of the files under `dir` (their apparent sizes), for PGlite's size on disk. */
export function directorySize(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += statSync(path.join(e.parentPath, e.name)).size;
  }
  return total;
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

/** A database name the benchmark may create and keep: a plain identifier, never quoted. */
function checkKeptDatabaseName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name (lower-case letters, digits, _): ${JSON.stringify(name)}`);
  return name;
}

/** Whether the server `adminUrl` points at has the database `name`; with `create`, creates it when missing. */
async function ensureDatabase(name: string, adminUrl: string, create: boolean): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [checkKeptDatabaseName(name)]);
    if (found.rowCount !== 0) return true;
    if (create) await admin.query(`create database ${name}`);
    return create;
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/**
 * How many entries the kept database `name` on the server `adminUrl` points at holds: 0 when it does
 * not exist yet or has no schema. They are the generator's first entries when every run that filled it
 * used the same `--seed`.
 */
export async function keptDatabaseEntries(name: string, adminUrl = DEFAULT_POSTGRES_URL): Promise<number> {
  if (!(await ensureDatabase(name, adminUrl, false))) return 0;
  const c = new pg.Client({ connectionString: withDatabase(adminUrl, name), connectionTimeoutMillis: 5_000 });
  await c.connect();
  try {
    const table = await c.query<{ t: string | null }>("select to_regclass('public.entries')::text as t");
    if (!table.rows[0]?.t) return 0;
    return Number((await c.query<{ n: string }>("select count(*) as n from entries")).rows[0]?.n ?? 0);
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The kept database `name` (created when missing), which `drop` closes and leaves in place. */
async function keptDatabase(name: string, adminUrl: string): Promise<ThrowawayDatabase> {
  try {
    await ensureDatabase(name, adminUrl, true);
  } catch (err) {
    throw new Error(`cannot open the kept database ${name} on ${describeUrl(adminUrl)}: ${(err as Error).message}`, { cause: err });
  }
  const url = withDatabase(adminUrl, name);
  const database = await createDatabase({ driver: "postgres", url, poolSize: 10 });
  return { database, label: `Postgres ${describeUrl(url)} (kept)`, dataDir: null, drop: () => database.close() };
}

/**
 * PGlite in memory or in a temporary data directory, or a fresh database on the Postgres server
 * `adminUrl` points at (dropped by `drop`), or with `keep`, that named Postgres database, kept.
 */
export async function createThrowawayDatabase(
  kind: DbKind,
  adminUrl = DEFAULT_POSTGRES_URL,
  pgliteStorage: PgliteStorage = "memory",
  keep?: string,
): Promise<ThrowawayDatabase> {
  if (keep) {
    if (kind !== "postgres") throw new Error("only a Postgres database can be kept");
    return keptDatabase(keep, adminUrl);
  }
  if (kind === "pglite" && pgliteStorage === "memory") {
    const database = await createDatabase({ driver: "pglite" });
    return { database, label: "PGlite (in memory)", dataDir: null, drop: () => database.close() };
  }
  if (kind === "pglite") {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "hindsight-bench-pglite-"));
    const remove = () => rmSync(dataDir, { recursive: true, force: true });
    let database: Database;
    try {
      database = await createDatabase({ driver: "pglite", dataDir });
    } catch (err) {
      remove();
      throw err;
    }
    let dropped = false;
    return {
      database,
      label: `PGlite (data directory ${dataDir})`,
      dataDir,
      drop: async () => {
        if (dropped) return;
        dropped = true;
        try {
          await database.close();
        } finally {
          remove();
        }
      },
    };
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
    dataDir: null,
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

/** The search index's and the entries' size on disk, and the whole database's (and data directory's). */
export async function measureDisk(db: ThrowawayDatabase): Promise<DiskUsage> {
  const result = (await db.database.db.execute(sql.raw(diskSizeSql()))) as unknown as { rows: Record<string, unknown>[] };
  return summariseDisk(result.rows, db.dataDir ? directorySize(db.dataDir) : null);
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

export async function startHindsight(
  kind: DbKind,
  options: { postgresUrl?: string; pgliteStorage?: PgliteStorage; keepDatabase?: string } = {},
): Promise<RunningHindsight> {
  const db = await createThrowawayDatabase(kind, options.postgresUrl, options.pgliteStorage, options.keepDatabase);
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
