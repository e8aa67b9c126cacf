// Backup and restore, round trip, on PGlite and Postgres: a workspace with the demo content plus a
// row in every other table is backed up, restored into a fresh database, and compared row for row,
// table by table (everything but the derived search tables, which are rebuilt and searched after).
// A non-empty database is refused unless forced; a damaged or foreign file is refused and restores
// nothing (one transaction).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { schema, type Database } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";
import { databaseTargets, type TestDatabase } from "@hindsight/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { createSession, loadActor } from "../identity/identity.js";
import { createToken } from "../identity/tokens.js";
import { ADMIN_TOKEN } from "../test/harness.js";
import { BACKUP_FORMAT, EXCLUDED_TABLES, readBackupHeader, restoreBackup, workspaceContents, writeBackup, type BackupHeader } from "./backup.js";
import { reindexDatabase } from "./reindex.js";

const targets = await databaseTargets();
const config = loadConfig({ HINDSIGHT_ADMIN_TOKEN: ADMIN_TOKEN, HINDSIGHT_SEED: "true", LOG_LEVEL: "silent", PORTAL_DIR: "/nonexistent" });

type Rows<T> = { rows: T[] };

/** Every row of a table as JSON text, sorted: two tables are equal when these are. */
async function tableDump(database: Database, table: string): Promise<string[]> {
  const r = (await database.db.execute(sql.raw(`select row_to_json(t)::text as j from "${table}" t`))) as unknown as Rows<{ j: string }>;
  return r.rows.map((x) => x.j).sort();
}

async function count(database: Database, table: string): Promise<number> {
  const r = (await database.db.execute(sql.raw(`select count(*)::int as n from "${table}"`))) as unknown as Rows<{ n: number }>;
  return Number(r.rows[0]!.n);
}

/** Rows in the tables the demo seed does not fill, written the way the product writes them where it is cheap. */
async function fillEveryTable(database: Database): Promise<void> {
  const d = database.db;
  const users = await d.select().from(schema.users);
  const teams = await d.select().from(schema.teams);
  const entries = await d.select().from(schema.entries);
  const [u1, u2] = users.filter((u) => u.handle !== "hindsight-admin");
  const [e1, e2] = entries;
  const actor = (await loadActor(d, u1!.id, "session"))!;
  await createToken(d, actor, "backup bot");
  await createSession(d, { userId: u1!.id, method: "password", maxAgeMs: 3_600_000 });
  await d.update(schema.users).set({ passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA", passwordChangedAt: new Date() }).where(sql`id = ${u1!.id}`);
  await d.insert(schema.entryReviewers).values({ entryId: e1!.id, userId: u2!.id, state: "changes_requested", decidedAt: new Date(), comment: "Please name the alert that fired." });
  await d.insert(schema.entryGrants).values({ entryId: e1!.id, teamId: teams[0]!.id });
  await d.insert(schema.fixFeedback).values({ entryId: e2!.id, userId: u1!.id, vote: "worked" });
  await d.insert(schema.entryViews).values({ entryId: e1!.id, userId: u2!.id, day: "2026-12-01" });
  const [integration] = await d
    .insert(schema.integrations)
    .values({ kind: "mattermost", name: "Ops chat", secret: "sha256:" + "ab".repeat(32), teamId: teams[0]!.id, createdBy: u1!.id })
    .returning();
  await d.insert(schema.webhookReplays).values({ integrationId: integration!.id, nonce: "req-1" });
  await d.insert(schema.chatLinks).values({ platform: "slack", workspaceId: "T1", externalUserId: "U1", userId: u1!.id });
  await d.insert(schema.userIdentities).values({ issuer: "https://idp.example.com", subject: "sub-1", userId: u2!.id, groups: ["eng", "ops"] });
  await d.insert(schema.subscriptions).values({ userId: u1!.id, target: "search", value: "redis timeout", filters: { kinds: ["fix"], tags: ["redis"] } });
  await d.insert(schema.digestRuns).values({ userId: u1!.id, frequency: "weekly", periodStart: new Date("2026-11-23T00:00:00Z"), periodEnd: new Date("2026-11-30T00:00:00Z"), entryCount: 2, sentAt: new Date() });
  await d.insert(schema.teamNotifications).values({ teamId: teams[0]!.id, kind: "cited_in_postmortem", entryId: e2!.id, sourceEntryId: e1!.id });
  const [item] = await d.select().from(schema.collectionItems).limit(1);
  await d.insert(schema.collectionProgress).values({ userId: u2!.id, itemId: item!.id });
  await d.insert(schema.signInFailures).values({ address: "198.51.100.9", userId: u1!.id });
}

describe.each(targets)("backup and restore on $name", (target) => {
  const note = target.skipReason ? ` (skipped: ${target.skipReason})` : "";
  const run = it.skipIf(target.skipReason);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-backup-"));
  const file = path.join(dir, "workspace.jsonl.gz");
  let src: TestDatabase | undefined;
  let dst: TestDatabase | undefined;
  let header: BackupHeader;

  beforeAll(async () => {
    if (target.skipReason) return;
    src = await target.create();
    // The demo workspace through the real app (entries with revisions, action items, collections,
    // teams, people, memberships, tags), then an edit (a second revision) and a search (the search log).
    const app = await buildApp(config, { database: src.database, startDigests: false });
    try {
      const list = await app.inject({ method: "GET", url: "/api/v1/search?q=checkout", headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(list.statusCode).toBe(200);
      const created = await app.inject({
        method: "POST",
        url: "/api/v1/entries",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        payload: { kind: "fix", title: "Backup round trip fix", body: "Restart the exporter", tags: ["backup", "exporter"], externalKey: "bk-1" },
      });
      expect(created.statusCode).toBe(201);
      const edited = await app.inject({
        method: "POST",
        url: "/api/v1/entries",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        payload: { kind: "fix", title: "Backup round trip fix", body: "Restart the exporter, then check the scrape", tags: ["backup", "exporter"], externalKey: "bk-1" },
      });
      expect(edited.statusCode).toBe(200);
    } finally {
      await app.close();
    }
    await fillEveryTable(src.database);
    dst = await target.create();
  }, 180_000);
  afterAll(async () => {
    await src?.drop();
    await dst?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  run(`restores every row of every table into a fresh database, and search works after${note}`, async () => {
    const backupStarted = Date.now();
    const written = await writeBackup(src!.database, file);
    const backupMs = Date.now() - backupStarted;
    header = await readBackupHeader(file);
    expect(header).toMatchObject({ format: BACKUP_FORMAT, version: 1, driver: target.name });
    expect(header.migrations.level).toMatch(/^\d{4}_/);
    const names = header.tables.map((t) => t.name);
    // Every table of the schema is either in the backup or left out on purpose.
    const all = ((await src!.database.db.execute(sql`select tablename from pg_tables where schemaname = 'public'`)) as unknown as Rows<{ tablename: string }>).rows.map((r) => r.tablename);
    expect([...names, ...Object.keys(EXCLUDED_TABLES)].sort()).toEqual([...all].sort());
    // Parents come before children.
    expect(names.indexOf("users")).toBeLessThan(names.indexOf("entries"));
    expect(names.indexOf("entries")).toBeLessThan(names.indexOf("entry_revisions"));
    expect(names.indexOf("collection_sections")).toBeLessThan(names.indexOf("collection_items"));
    // Every backed-up table has rows here, so the comparison below compares something in each.
    const empty = header.tables.filter((t) => t.rows === 0).map((t) => t.name);
    expect(empty).toEqual([]);
    expect(written.rows).toBe(header.tables.reduce((n, t) => n + t.rows, 0));
    // No session secrets or ID tokens travel in a backup.
    const text = gunzipSync(fs.readFileSync(file)).toString("utf8");
    const sessionHashes = ((await src!.database.db.execute(sql`select id_hash from sessions`)) as unknown as Rows<{ id_hash: string }>).rows;
    expect(sessionHashes.length).toBeGreaterThan(0);
    for (const s of sessionHashes) expect(text).not.toContain(s.id_hash);

    // The destination has run a server once (the built-in admin exists): that still counts as empty.
    const app = await buildApp({ ...config, seed: false }, { database: dst!.database, startDigests: false });
    await app.close();
    expect(await workspaceContents(dst!.database.db)).toEqual({});

    const restoreStarted = Date.now();
    const restored = await restoreBackup(dst!.database, file);
    const restoreMs = Date.now() - restoreStarted;
    expect(restored.rows).toBe(written.rows);
    // Figures for docs/reliability.md (Operations).
    console.log(`backup on ${target.name}: ${written.rows} rows of ${written.tables} tables, ${written.bytes} bytes gzipped, written in ${backupMs} ms, restored in ${restoreMs} ms`);
    for (const t of header.tables) {
      expect(await tableDump(dst!.database, t.name), `table ${t.name}`).toEqual(await tableDump(src!.database, t.name));
    }
    expect(await count(dst!.database, "sessions")).toBe(0);
    expect(await count(dst!.database, "sign_in_failures")).toBe(0);

    // Search is rebuilt from the restored entries and finds what the source finds.
    const reindexed = await reindexDatabase(config, dst!.database, { batchSize: 100, progress: false });
    expect(reindexed).toMatchObject({ ok: true, entries: await count(src!.database, "entries") });
    expect(await count(dst!.database, "search_docs")).toBe(await count(src!.database, "search_docs"));
    const restoredApp = await buildApp({ ...config, seed: false }, { database: dst!.database, startDigests: false });
    try {
      for (const q of ["checkout timeouts", "exporter scrape"]) {
        const res = await restoredApp.inject({ method: "GET", url: `/api/v1/search?q=${encodeURIComponent(q)}`, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
        expect(res.statusCode).toBe(200);
        const body = res.json() as { total: number; hits: { title: string }[] };
        expect(body.total, q).toBeGreaterThan(0);
        if (q === "exporter scrape") expect(body.hits[0]!.title).toBe("Backup round trip fix");
      }
      // Serial ids continue after the restored ones: a new audited write succeeds.
      const more = await restoredApp.inject({
        method: "POST",
        url: "/api/v1/entries",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        payload: { kind: "runbook", title: "Written after the restore", externalKey: "after-restore" },
      });
      expect(more.statusCode).toBe(201);
    } finally {
      await restoredApp.close();
    }
  }, 180_000);

  run(`refuses a database that holds data unless forced, and a damaged file restores nothing${note}`, async () => {
    // dst now holds the restored workspace plus one entry.
    const before = await count(dst!.database, "entries");
    await expect(restoreBackup(dst!.database, file)).rejects.toThrow(/not empty \(.*entries: \d+.*\)\. Restore into an empty database, or pass --force/);
    expect(await count(dst!.database, "entries")).toBe(before);

    // A file cut short (no end marker): refused in the transaction, nothing changes, even forced.
    const lines = gunzipSync(fs.readFileSync(file)).toString("utf8").trimEnd().split("\n");
    const cut = path.join(dir, "cut.jsonl.gz");
    fs.writeFileSync(cut, gzipSync(lines.slice(0, -1).join("\n") + "\n"));
    await expect(restoreBackup(dst!.database, cut, { force: true })).rejects.toThrow(/cut short/);
    expect(await count(dst!.database, "entries")).toBe(before);

    // Not a backup at all; a backup of another format version.
    const junk = path.join(dir, "junk.gz");
    fs.writeFileSync(junk, "plain text, not gzip");
    await expect(readBackupHeader(junk)).rejects.toThrow(/not a Hindsight backup/);
    const other = path.join(dir, "v99.jsonl.gz");
    fs.writeFileSync(other, gzipSync(`${JSON.stringify({ ...header, version: 99 })}\n`));
    await expect(readBackupHeader(other)).rejects.toThrow(/version 99 backup; this Hindsight reads version 1/);
    // A backup from another migration level.
    const older = path.join(dir, "older.jsonl.gz");
    fs.writeFileSync(older, gzipSync([JSON.stringify({ ...header, migrations: { level: "0005_old", applied: 6 } }), ...lines.slice(1)].join("\n") + "\n"));
    await expect(restoreBackup(dst!.database, older, { force: true })).rejects.toThrow(/made at migration 0005_old .* Restore with the Hindsight version that made the backup/);

    // Forced: everything is replaced by the backup (the entry written after the restore is gone).
    await restoreBackup(dst!.database, file, { force: true });
    for (const t of header.tables) {
      expect(await tableDump(dst!.database, t.name), `table ${t.name}`).toEqual(await tableDump(src!.database, t.name));
    }
    expect(await count(dst!.database, "search_docs")).toBe(0);
  }, 180_000);

  // The commands themselves, as an operator runs them (the built CLI on a PGlite data directory).
  // The command line is the same on either database; it runs once, on a PGlite data directory.
  if (target.name === "pglite")
    it.skipIf(!fs.existsSync(cliJs))(`hindsight-admin restore and backup work from the command line${fs.existsSync(cliJs) ? note : " (skipped: apps/api is not built)"}`, async () => {
    const dataDir = path.join(dir, "cli-data");
    const env = { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, LOG_LEVEL: "silent" };
    const restored = await runCli(["restore", file], env);
    expect(restored.code, restored.out).toBe(0);
    expect(restored.out).toMatch(/restored \d+ rows of \d+ tables from .* at migration \d{4}_/);
    expect(restored.out).toMatch(/reindexed (\d+) of \1 entries into postgres: counts match/);
    const out = path.join(dir, "from-cli.jsonl.gz");
    const backedUp = await runCli(["backup", out], env);
    expect(backedUp.code, backedUp.out).toBe(0);
    const h2 = await readBackupHeader(out);
    expect(h2.tables.map((t) => [t.name, t.rows])).toEqual(header.tables.map((t) => [t.name, t.rows]));
  }, 120_000);
});

const cliJs = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliJs, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (out += d.toString("utf8")));
    child.on("exit", (code) => resolve({ code, out }));
  });
}
