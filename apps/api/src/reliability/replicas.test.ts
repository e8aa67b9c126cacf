// Two API processes on one Postgres, the scale-out shape (stateless replicas behind a load balancer):
// two buildApp instances, each with its own connection pool, on the same throwaway database.
// Proves: they can start together on a new database (migrations take turns) and start-up re-indexing
// writes each document once (counted by a trigger on search_docs); a session started on one is valid
// on the other and ends on both when signed out on either; an API token works on both and its
// revocation too; the outbox relays of both deliver each event exactly once; retention runs in one
// process at a time. Postgres only: on PGlite one process owns the data directory.
import fs from "node:fs";
import path from "node:path";
import { createDatabase, migrationsFolder, type Database } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";
import type { SearchDocument } from "@hindsight/search";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig, type Config } from "../config.js";
import { runRetention } from "../services/retention.js";
import { FakeEngine } from "../test/fake-engine.js";
import { postgresSkipReason, scratchPostgresDatabase as scratchDatabase, type ScratchDatabase } from "@hindsight/db/testing";

const skip = await postgresSkipReason("the reliability tests");
const note = skip ? ` (skipped: ${skip})` : "";
const TOKEN = "replicas-admin-token";

function configFor(url: string): Config {
  return loadConfig({
    DATABASE_URL: url,
    HINDSIGHT_ADMIN_TOKEN: TOKEN,
    HINDSIGHT_SEED: "false",
    HINDSIGHT_DIGESTS: "false",
    LOG_LEVEL: "silent",
    PORTAL_DIR: "/nonexistent-portal",
  });
}

type Rows<T> = { rows: T[] };
async function one<T>(database: Database, q: ReturnType<typeof sql>): Promise<T> {
  return ((await database.db.execute(q)) as unknown as Rows<T>).rows[0]!;
}

async function restPost(app: FastifyInstance, url: string, body: unknown) {
  const res = await app.inject({ method: "POST", url, headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" }, payload: JSON.stringify(body) });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

const entriesFor = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => ({ kind: "fix", title: `${prefix} ${i}: replica failover`, body: `shard ${i} leader election`, externalKey: `${prefix}-${i}` }));

/** tRPC over app.inject, keeping the session cookie a sign-in sets. */
async function call(app: FastifyInstance, procedure: string, input: unknown, cookie?: string, query = false) {
  // The portal's same-origin header (plugins/csrf.ts), which every cookie-session write must carry.
  const headers: Record<string, string> = { "x-hindsight-csrf": "1", ...(cookie ? { cookie } : {}) };
  const res = query
    ? await app.inject({ method: "GET", url: `/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, headers })
    : input === undefined
      ? // A mutation without input goes the way the portal's batching client sends it.
        await app.inject({ method: "POST", url: `/trpc/${procedure}?batch=1`, headers: { ...headers, "content-type": "application/json" }, payload: "{}" })
      : await app.inject({ method: "POST", url: `/trpc/${procedure}`, headers: { ...headers, "content-type": "application/json" }, payload: JSON.stringify(input) });
  const set = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("hs_session=") && !c.startsWith("hs_session=;"));
  const json = res.json() as unknown;
  const body = (Array.isArray(json) ? json[0] : json) as { result?: { data: unknown }; error?: { message: string } };
  return { status: res.statusCode, data: body.result?.data as Record<string, unknown> | null | undefined, cookie: set ? set.split(";")[0]! : null };
}

describe.skipIf(skip !== null)("two API processes on one Postgres: start-up", () => {
  let scratch: ScratchDatabase;
  beforeAll(async () => {
    scratch = await scratchDatabase("hindsight_replicas");
  });
  afterAll(async () => {
    await scratch?.drop();
  });

  it(`start together on a new database, and re-index each document once when they start together again${note}`, async () => {
    const config = configFor(scratch.url);
    // A new database: both apply migrations at once (they take turns under an advisory lock).
    const [a, b] = await Promise.all([buildApp(config), buildApp(config)]);
    const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    const inspect = await createDatabase({ driver: "postgres", url: scratch.url, poolSize: 2 });
    try {
      const applied = await one<{ n: number }>(inspect, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied.n).toBe(journal.entries.length);

      const N = 600;
      for (let i = 0; i < N; i += 300) {
        const res = await restPost(i % 600 === 0 ? a : b, "/api/v1/entries", { entries: entriesFor(`doc${i}`, 300) });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      await Promise.all([a.close(), b.close()]);

      // As after an upgrade that needs the index rebuilt: nothing indexed. A trigger counts every write
      // of a search document, whichever process makes it.
      await inspect.exec(`
        truncate search_postings, search_docs, search_terms;
        update search_stats set doc_count = 0, total_length = 0 where id = 1;
        create table index_writes (entry_id uuid not null);
        create function count_index_write() returns trigger language plpgsql as
          'begin insert into index_writes values (new.entry_id); return new; end';
        create trigger count_index_write after insert or update on search_docs for each row execute function count_index_write();`);
      const [a2, b2] = await Promise.all([buildApp(config), buildApp(config)]);
      try {
        const writes = await one<{ writes: number; docs: number }>(inspect, sql`select count(*)::int as writes, count(distinct entry_id)::int as docs from index_writes`);
        expect(writes).toEqual({ writes: N, docs: N });
        const indexed = await one<{ n: number }>(inspect, sql`select count(*)::int as n from search_docs`);
        expect(indexed.n).toBe(N);
        console.log(`replicas: two concurrent start-ups re-indexed ${N} entries with ${writes.writes} index writes (each document once)`);
        const found = await b2.inject({ method: "GET", url: "/api/v1/search?q=leader%20election", headers: { authorization: `Bearer ${TOKEN}` } });
        expect(found.statusCode).toBe(200);
        expect((found.json() as { total: number }).total).toBeGreaterThan(0);
      } finally {
        await Promise.all([a2.close(), b2.close()]);
      }
    } finally {
      await inspect.close();
    }
  }, 120_000);
});

/** A stand-in for one shared Meilisearch: counts every document each relay sends, by id and version. */
class CountingEngine extends FakeEngine {
  readonly deliveries = new Map<string, number>();
  override async index(docs: SearchDocument[]): Promise<void> {
    await super.index(docs);
    for (const d of docs) this.deliveries.set(`${d.id}@${d.version}`, (this.deliveries.get(`${d.id}@${d.version}`) ?? 0) + 1);
  }
}

describe.skipIf(skip !== null)("two API processes on one Postgres: shared state", () => {
  let scratch: ScratchDatabase;
  let a: FastifyInstance;
  let b: FastifyInstance;
  let inspect: Database;
  const engine = new CountingEngine();
  beforeAll(async () => {
    scratch = await scratchDatabase("hindsight_replicas");
    const config = configFor(scratch.url);
    // Both feed the same external engine through the outbox; the tests drive the relays by hand.
    [a, b] = await Promise.all([buildApp(config, { searchEngine: engine, startRelay: false }), buildApp(config, { searchEngine: engine, startRelay: false })]);
    inspect = await createDatabase({ driver: "postgres", url: scratch.url, poolSize: 2 });
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close(), inspect?.close()]);
    await scratch?.drop();
  });

  it(`a session started on one replica is valid on the other, and signing out on either ends it${note}`, async () => {
    const signedUp = await call(a, "auth.signUp", { handle: "replica-rita", name: "Rita Replica", password: "correct horse battery staple" });
    expect(signedUp.status).toBe(200);
    const signedIn = await call(a, "auth.signIn", { login: "replica-rita", password: "correct horse battery staple" });
    expect(signedIn.status).toBe(200);
    const cookie = signedIn.cookie!;
    expect(cookie).toBeTruthy();
    expect((await call(b, "me.get", undefined, cookie, true)).data?.handle).toBe("replica-rita");
    expect((await call(a, "me.get", undefined, cookie, true)).data?.handle).toBe("replica-rita");

    // An API token made on one works on both; revoked on the other, it works on neither.
    const made = await call(a, "me.createToken", { name: "replica bot" }, cookie);
    expect(made.status).toBe(200);
    const token = made.data!.token as string;
    const list = (app: FastifyInstance) => app.inject({ method: "GET", url: "/api/v1/entries", headers: { authorization: `Bearer ${token}` } });
    expect((await list(a)).statusCode).toBe(200);
    expect((await list(b)).statusCode).toBe(200);
    expect((await call(b, "me.revokeToken", { id: (made.data!.info as { id: string }).id }, cookie)).status).toBe(200);
    expect((await list(a)).statusCode).toBe(401);
    expect((await list(b)).statusCode).toBe(401);

    expect((await call(b, "auth.signOut", undefined, cookie)).status).toBe(200);
    expect((await call(a, "me.get", undefined, cookie, true)).data).toBeNull();
    expect((await call(b, "me.get", undefined, cookie, true)).data).toBeNull();
    expect((await call(a, "me.tokens", undefined, cookie, true)).status).toBe(401);
  });

  it(`the outbox relays of both replicas deliver each event exactly once${note}`, async () => {
    const N = 1_000;
    const relays = [a.searchRelay!, b.searchRelay!];
    let writing = true;
    // Each relay polls like its timer would, while both replicas write.
    const loop = async (i: number) => {
      const relay = relays[i]!;
      const done = { events: 0, passes: 0 };
      for (;;) {
        const pass = await relay.runOnce();
        expect(pass.failed).toBe(0);
        done.events += pass.events;
        if (pass.events > 0) done.passes++;
        else if (!writing) return done;
        else await new Promise((r) => setTimeout(r, 10));
      }
    };
    const relayRuns = [loop(0), loop(1)];
    const writes = [];
    for (let i = 0; i < N; i += 100) writes.push(restPost(i % 200 === 0 ? a : b, "/api/v1/entries", { entries: entriesFor(`relay${i}`, 100) }));
    for (const w of await Promise.all(writes)) expect(w.status, JSON.stringify(w.body)).toBe(200);
    writing = false;
    const [ra, rb] = await Promise.all(relayRuns);
    // One last look after both stopped: nothing may be left behind.
    const left = await one<{ pending: number; parked: number; total: number }>(
      inspect,
      sql`select count(*) filter (where processed_at is null)::int as pending, count(*) filter (where parked_at is not null)::int as parked, count(*)::int as total from search_outbox`,
    );
    expect(left).toEqual({ pending: 0, parked: 0, total: N });
    // Every event was handled by exactly one pass of one relay, and every entry arrived once.
    expect(ra!.events + rb!.events).toBe(N);
    expect(engine.received.size).toBe(N);
    expect([...engine.received.values()].every((n) => n === 1)).toBe(true);
    expect([...engine.deliveries.values()].every((n) => n === 1)).toBe(true);
    console.log(
      `replicas: ${N} outbox events, relay A handled ${ra!.events} in ${ra!.passes} passes, relay B ${rb!.events} in ${rb!.passes}; ` +
        `${engine.received.size} entries delivered, each exactly once`,
    );
  }, 120_000);

  it(`retention runs in one process at a time${note}`, async () => {
    const opts = { searchLogDays: 180, sessionIdleMs: 7 * 24 * 3_600_000 };
    const addOld = (n: number) =>
      inspect.exec(`insert into search_queries (at, q, normalized, results) select now() - interval '400 days', 'old', 'old', 0 from generate_series(1, ${n})`);
    const old = async () => (await one<{ n: number }>(inspect, sql`select count(*)::int as n from search_queries where q = 'old'`)).n;
    await addOld(5);
    const other = await createDatabase({ driver: "postgres", url: scratch.url, poolSize: 2 });
    try {
      // While another replica holds the retention lock, this one skips its round and deletes nothing.
      const held = await inspect.withLock("retention", async () => {
        const r = await runRetention(other, opts);
        return { run: r, old: await old() };
      });
      expect(held).toEqual({ ran: true, value: { run: { ran: false, searchesForgotten: 0 }, old: 5 } });
      // Free again: it runs.
      expect(await runRetention(other, opts)).toEqual({ ran: true, searchesForgotten: 5 });
      // Two replicas at once: whoever ran, each old search was forgotten once and nothing failed.
      await addOld(5);
      const both = await Promise.all([runRetention(inspect, opts), runRetention(other, opts)]);
      expect(both.some((r) => r.ran)).toBe(true);
      expect(both.reduce((n, r) => n + r.searchesForgotten, 0)).toBe(5);
      expect(await old()).toBe(0);
      console.log(`replicas: retention with the lock held elsewhere skipped; run together: ${both.filter((r) => r.ran).length} of 2 ran`);
    } finally {
      await other.close();
    }
  });
});
