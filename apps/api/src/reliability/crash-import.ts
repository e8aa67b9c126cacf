// The crash-safety run shared by crash-pglite.test.ts and crash-postgres.test.ts (two files so vitest
// runs them side by side): 10,000 entries are imported through REST in batches while a controller
// SIGKILLs the real server process at moments drawn from a seeded PRNG; after each kill the server is
// started again on the same data (PGlite data directory, or the same Postgres database) and the import
// goes on. Proves: every acknowledged batch is there with the content sent; a batch in flight at a
// kill is all there or all absent (one transaction); a re-sent batch adds nothing twice; the embedded
// search index equals the entries table; and every restart came up on its own (no lock to delete, no
// repair). Prints the figures.
import type { Database } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";
import { ANALYZER_VERSION } from "@hindsight/search";
import { expect } from "vitest";
import { prng, spawnServer, startServerProcess, type ServerProcess } from "./server-process.js";

export const SEED = 20_261_206;
export const BATCHES = 40;
export const PER_BATCH = 250;
/** Kills during the import (at random moments of a batch in flight), plus one while a restart boots. */
export const IMPORT_KILLS = 5;
const TOKEN = "crash-test-admin-token";

const WORDS = (
  "disk latency queue broker replica failover timeout retry backoff cache eviction shard leader election " +
  "certificate rotation dns resolver deploy rollback canary alert pager runbook kernel memory pressure " +
  "throttle quota index vacuum migration lock deadlock connection pool saturation gateway upstream"
).split(" ");

export interface SentEntry {
  kind: "fix";
  title: string;
  summary: string;
  body: string;
  tags: string[];
  source: string;
  externalKey: string;
}

/** The import, generated from the seed: batch b is source `crash-b`, its entries externalKey e0..e99. */
export function generate(seed: number): SentEntry[][] {
  const rnd = prng(seed);
  const word = () => WORDS[Math.floor(rnd() * WORDS.length)]!;
  const words = (n: number) => Array.from({ length: n }, word).join(" ");
  return Array.from({ length: BATCHES }, (_, b) =>
    Array.from({ length: PER_BATCH }, (_, i) => ({
      kind: "fix" as const,
      title: `Crash import ${b}.${i}: ${words(3)}`,
      summary: words(6),
      body: `${words(12)}\n\n${words(10)}`,
      tags: [...new Set([word(), word()])].sort(),
      source: `crash-${b}`,
      externalKey: `e${i}`,
    })),
  );
}

export interface Figures {
  kills: number;
  bootKills: number;
  restarts: number;
  inDoubt: number;
  inDoubtCommitted: number;
  batchesAcked: number;
  batchesFound: number;
  entries: number;
  seconds: number;
  bootSeconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function countOfBatch(server: ServerProcess, b: number): Promise<number> {
  const res = await fetch(`${server.baseUrl}/api/v1/entries?source=crash-${b}&limit=500`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: unknown[] }).items.length;
}

/**
 * Runs the import against servers started with `env`, killing them on the seeded schedule. Returns the
 * figures; the caller inspects the database afterwards.
 */
export async function importUnderKills(env: Record<string, string>, batches: SentEntry[][], seed: number): Promise<{ figures: Figures; acked: Set<number> }> {
  const started = Date.now();
  const rnd = prng(seed ^ 0x5eed);
  // The next batch at which a kill is armed: a few batches after the last restart, so all the kills
  // fit in the import; one kill per server.
  const nextKillAfter = (b: number) => b + 1 + Math.floor(rnd() * 4);
  let nextKill = nextKillAfter(1);
  let armedOn: ServerProcess | null = null;
  const figures: Figures = { kills: 0, bootKills: 0, restarts: 0, inDoubt: 0, inDoubtCommitted: 0, batchesAcked: 0, batchesFound: 0, entries: 0, seconds: 0, bootSeconds: 0 };
  const acked = new Set<number>();
  const batchMs: number[] = [];
  const killed = new WeakSet<ServerProcess>();
  let bootMs = 0;
  const env2 = { ...env, HINDSIGHT_ADMIN_TOKEN: TOKEN };

  let t1 = Date.now();
  let server = await startServerProcess(env2, 120_000);
  let lastBootMs = Date.now() - t1;

  try {
    for (let b = 0; b < BATCHES; ) {
      let timer: NodeJS.Timeout | undefined;
      if (b >= nextKill && figures.kills < IMPORT_KILLS && armedOn !== server) {
        armedOn = server;
        const avg = batchMs.length ? batchMs.reduce((x, y) => x + y, 0) / batchMs.length : 500;
        const victim = server;
        timer = setTimeout(() => {
          // A second armed kill may land before the first one's exit is seen: count each server once.
          if (victim.alive() && !killed.has(victim)) {
            killed.add(victim);
            figures.kills++;
            victim.child.kill("SIGKILL");
          }
        }, Math.floor(rnd() * avg * 1.3));
      }
      const t0 = Date.now();
      let status = 0;
      let result: { created?: number; unchanged?: number } = {};
      try {
        const res = await fetch(`${server.baseUrl}/api/v1/entries`, {
          method: "POST",
          headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
          body: JSON.stringify({ entries: batches[b] }),
        });
        status = res.status;
        result = (await res.json()) as typeof result;
      } catch {
        status = 0; // the connection died with the server
      }
      if (status >= 200 && status < 300) {
        // A re-sent batch that had committed before the kill comes back unchanged, never doubled.
        expect((result.created ?? 0) + (result.unchanged ?? 0), `batch ${b}: ${JSON.stringify(result)}`).toBe(PER_BATCH);
        acked.add(b);
        batchMs.push(Date.now() - t0);
        // A kill armed for this batch may still be pending: it then lands in the next one or between them.
        b++;
        continue;
      }
      expect(status, `batch ${b} was refused: ${JSON.stringify(result)}\n${server.output()}`).toBe(0);
      clearTimeout(timer);
      // Only a kill ends a request without an answer; a live server that dropped one is a failure.
      const gone = await Promise.race([server.exited.then(() => true), sleep(10_000).then(() => false)]);
      expect(gone, `batch ${b} got no answer from a server that was not killed:\n${server.output()}`).toBe(true);
      if (figures.kills === 3 && figures.bootKills === 0) {
        // Kill one restart while it boots (recovery, migrations, index check), at a random moment.
        const booting = await spawnServer(env2);
        await sleep(Math.floor(rnd() * lastBootMs * 0.9));
        if (booting.alive()) {
          figures.bootKills++;
          await booting.kill();
        }
        await booting.exited;
      }
      t1 = Date.now();
      server = await startServerProcess(env2, 120_000);
      lastBootMs = Date.now() - t1;
      bootMs += lastBootMs;
      figures.restarts++;
      nextKill = nextKillAfter(b);
      // The batch in flight at the kill is all there or all absent.
      figures.inDoubt++;
      const found = await countOfBatch(server, b);
      expect([0, PER_BATCH], `batch ${b} half there after a kill: ${found} of ${PER_BATCH}`).toContain(found);
      if (found === PER_BATCH) figures.inDoubtCommitted++;
      // ...and the importer sends it again (the loop does not advance).
    }
  } finally {
    // The last act is a kill too: the inspection opens the data as the next restart would.
    await server.kill();
  }
  figures.batchesAcked = acked.size;
  figures.seconds = Math.round((Date.now() - started) / 1000);
  figures.bootSeconds = Math.round(bootMs / 1000);
  return { figures, acked };
}

type Rows<T> = { rows: T[] };
async function query<T>(database: Database, q: ReturnType<typeof sql>): Promise<T[]> {
  return ((await database.db.execute(q)) as unknown as Rows<T>).rows;
}

/** Checks the database after the run against what was sent; fills in the found figures. */
export async function inspect(database: Database, batches: SentEntry[][], acked: Set<number>, figures: Figures): Promise<void> {
  const stored = await query<{ source: string; external_key: string; title: string; summary: string; body: string; tags: string[]; version: number }>(
    database,
    sql`select source, external_key, title, summary, body, tags, version from entries where source like 'crash-%'`,
  );
  const byKey = new Map(stored.map((r) => [`${r.source}/${r.external_key}`, r]));
  expect(byKey.size).toBe(stored.length);
  let complete = 0;
  for (const b of acked) {
    let present = 0;
    for (const sent of batches[b]!) {
      const row = byKey.get(`${sent.source}/${sent.externalKey}`);
      if (!row) continue;
      present++;
      expect({ title: row.title, summary: row.summary, body: row.body, tags: [...row.tags].sort(), version: row.version }).toEqual({
        title: sent.title,
        summary: sent.summary,
        body: sent.body,
        tags: sent.tags,
        version: 1,
      });
    }
    expect(present, `acknowledged batch ${b}`).toBe(PER_BATCH);
    complete++;
  }
  figures.batchesFound = complete;
  figures.entries = stored.length;
  expect(stored.length).toBe(BATCHES * PER_BATCH);

  // One revision per entry: a batch sent again after a kill added no second save.
  const [revs] = await query<{ revisions: number; entries: number; max_version: number }>(
    database,
    sql`select count(*)::int as revisions, count(distinct r.entry_id)::int as entries, max(r.version)::int as max_version
        from entry_revisions r join entries e on e.id = r.entry_id where e.source like 'crash-%'`,
  );
  expect(revs).toEqual({ revisions: BATCHES * PER_BATCH, entries: BATCHES * PER_BATCH, max_version: 1 });

  // The embedded search index equals the database: the same (id, version) set, current analyzer,
  // statistics that count it, postings for every entry and document frequencies that match them.
  const checksum = (rows: { n: number; h: string }[]) => rows[0];
  const data = checksum(
    await query<{ n: number; h: string }>(database, sql`select count(*)::int as n, md5(coalesce(string_agg(id::text || ':' || version, ',' order by id), '')) as h from entries`),
  );
  const index = checksum(
    await query<{ n: number; h: string }>(
      database,
      sql`select count(*)::int as n, md5(coalesce(string_agg(entry_id::text || ':' || version, ',' order by entry_id), '')) as h from search_docs`,
    ),
  );
  expect(index).toEqual(data);
  const [health] = await query<{ old_analyzer: number; doc_count: number; posted: number; df_mismatch: number }>(
    database,
    sql`select (select count(*)::int from search_docs where analyzer < ${ANALYZER_VERSION}) as old_analyzer,
               (select doc_count from search_stats where id = 1) as doc_count,
               (select count(distinct entry_id)::int from search_postings) as posted,
               (select count(*)::int from (select term, count(*) as n from search_postings group by term) p
                  full join search_terms t using (term) where coalesce(p.n, 0) <> coalesce(t.df, 0)) as df_mismatch`,
  );
  expect({ ...health, doc_count: Number(health!.doc_count) }).toEqual({ old_analyzer: 0, doc_count: data!.n, posted: data!.n, df_mismatch: 0 });
}

export function report(target: string, f: Figures): void {
  console.log(
    `crash[${target}] seed=${SEED}: ${f.kills} kills mid-import + ${f.bootKills} during a boot, ${f.restarts} restarts (all without repair); ` +
      `batches acknowledged ${f.batchesAcked}/${BATCHES}, found complete ${f.batchesFound}; ` +
      `in flight at a kill ${f.inDoubt} (${f.inDoubtCommitted} committed, ${f.inDoubt - f.inDoubtCommitted} rolled back, none half there); ` +
      `entries ${f.entries}; index = database; ${f.seconds}s (${f.bootSeconds}s of it restarting)`,
  );
}


/** Every planned kill happened and every one was followed by a restart that came up on its own. */
export function expectEveryKillSurvived(f: Figures): void {
  expect(f.kills).toBe(IMPORT_KILLS);
  expect(f.bootKills).toBe(1);
  expect(f.restarts).toBe(f.kills);
  expect(f.batchesFound).toBe(BATCHES);
}
