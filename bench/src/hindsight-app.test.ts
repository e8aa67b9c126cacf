// The benchmark's requests against the real app (built @hindsight/api): the corpus import lands
// whole on PGlite and Postgres, throwaway Postgres databases are dropped, and once the search
// route exists its hits map back to corpus ids.
import { existsSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpus, type CorpusDoc } from "./corpus.js";
import { DEFAULT_POSTGRES_URL, measureDisk, startHindsight, type DbKind, type RunningHindsight } from "./hindsight-app.js";
import { hindsightEngine, importCorpus, postEntries } from "./hindsight-client.js";
import { generateEntries } from "./generator.js";
import { corpusSkipReason, FIXTURE_DOCS } from "./test/fixtures.js";
import { buildVocabulary } from "./vocabulary.js";

const adminUrl = process.env.TEST_DATABASE_URL ?? DEFAULT_POSTGRES_URL;

async function postgresSkipReason(): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    return null;
  } catch (err) {
    if (process.env.CI === "true") throw new Error(`Postgres is not reachable at ${new URL(adminUrl).host}; CI=true requires it`, { cause: err });
    return `Postgres is not reachable at ${new URL(adminUrl).host} (${(err as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const targets: { db: DbKind; skip: string | null }[] = [
  { db: "pglite", skip: null },
  { db: "postgres", skip: await postgresSkipReason() },
];

const docs: CorpusDoc[] = corpusSkipReason ? FIXTURE_DOCS : loadCorpus().docs;

describe.each(targets)("the benchmark against the real app on $db", ({ db, skip }) => {
  let h: RunningHindsight | undefined;
  beforeAll(async () => {
    if (!skip) h = await startHindsight(db, { postgresUrl: adminUrl });
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });
  const run = it.skipIf(skip);
  const note = skip ? ` (skipped: ${skip})` : "";

  run(`imports the corpus through POST /api/v1/import/markdown, every document once${note}`, async () => {
    const report = await importCorpus(h!.inject, docs);
    expect(report.created).toBe(docs.length);
    // Importing again changes nothing: externalKey identifies each document.
    const again = await importCorpus(h!.inject, docs);
    expect(again.created).toBe(0);
  });

  run(`bulk-imports generated entries through POST /api/v1/entries${note}`, async () => {
    const entries = generateEntries(0, 200, buildVocabulary(docs), { seed: "test" });
    const report = await postEntries(h!.inject, entries);
    expect(report.created).toBe(200);
    // bench:load reads and updates these afterwards: one result per entry, in the order sent.
    expect(report.results.map((r) => r.externalKey)).toEqual(entries.map((e) => e.externalKey));
    expect(report.results.every((r) => /^[0-9a-f-]{36}$/.test(r.id))).toBe(true);
  });

  run(`maps search hits back to corpus ids once GET /api/v1/search exists${note}`, async (ctx) => {
    const probe = await h!.inject.request("GET", "/api/v1/search?q=probe&limit=1");
    if (probe.status === 404) ctx.skip("GET /api/v1/search is not there yet");
    const ids = new Set(docs.map((d) => d.id));
    const ranked = await hindsightEngine(h!.inject).search(docs[0]!.title, 10);
    expect(ranked.some((id) => ids.has(id))).toBe(true);
  });

  run(`measures the search index's and the entries' size on disk${note}`, async () => {
    const disk = await measureDisk(h!.db);
    expect(disk.relations.map((r) => [r.name, r.present])).toEqual([
      ["search_postings", true],
      ["search_terms", true],
      ["search_docs", true],
      ["entries", true],
      ["entry_revisions", true],
    ]);
    // The tests above imported documents: every relation holds pages, and the parts add up.
    for (const r of disk.relations) {
      expect(r.totalBytes).toBeGreaterThan(0);
      expect(r.totalBytes).toBeGreaterThanOrEqual(r.tableBytes + r.indexBytes);
    }
    expect(disk.searchIndexBytes).toBe(disk.relations.slice(0, 3).reduce((s, r) => s + r.totalBytes, 0));
    expect(disk.databaseBytes).toBeGreaterThan(disk.searchIndexBytes + disk.entriesBytes);
    expect(disk.dataDirBytes).toBeNull();
  });

  if (db === "pglite") {
    run("keeps PGlite in a data directory when asked, measures it, and removes it on close", async () => {
      const other = await startHindsight("pglite", { pgliteStorage: "disk" });
      const dir = other.db.dataDir!;
      try {
        expect(other.db.label).toContain(dir);
        await postEntries(other.inject, generateEntries(0, 20, buildVocabulary(docs), { seed: "disk" }));
        const disk = await measureDisk(other.db);
        expect(disk.dataDirBytes).toBeGreaterThan(disk.searchIndexBytes);
      } finally {
        await other.close();
      }
      expect(existsSync(dir)).toBe(false);
    }, 120_000);
  }

  if (db === "postgres") {
    run(`drops its throwaway database on close${note}`, async () => {
      const other = await startHindsight("postgres", { postgresUrl: adminUrl });
      const name = other.db.label.split("/").pop()!;
      const exists = async () => {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        try {
          return (await c.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1;
        } finally {
          await c.end();
        }
      };
      expect(await exists()).toBe(true);
      await other.close();
      expect(await exists()).toBe(false);
    });
  }
});
