// What the index writer stores, checked against the analyzer: every term of every document with its
// impact, and the vocabulary's document frequencies, after a batch and after a re-index. The
// postings travel as joined strings, so the texts include what array literals and the joining
// character would trip over.
import { migrationsFolder } from "@hindsight/db";
import { databaseTargets } from "@hindsight/db/testing";
import { sql } from "@hindsight/db/orm";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doc } from "../../contract.js";
import { analyze, impact } from "./analyze.js";
import { PostgresSearchEngine } from "./engine.js";
import { putEntries } from "./testing.js";
import type { SearchDocument } from "../../port.js";

type Handle = Awaited<ReturnType<Awaited<ReturnType<typeof databaseTargets>>[number]["create"]>>;

const tricky = [
  doc({ title: "Quotes \"and\" back\\slashes", body: 'a "quoted" value, {braces}, NULL, null and a\\b c,d' }),
  doc({ title: "Separators", body: "unit\u001fseparator, tab\tand newline\nin text; KubePodCrashLooping on node_exporter.scrape" }),
  doc({ title: "Unicode Ωmega café", body: "Σίσυφος naïve façade 東京 502 errors", tags: ["ünï"], services: ["svc-α"] }),
  doc({ title: "Disk full on payments-db", body: "disk disk disk full. The payments database ran out of space.", fieldsText: "root cause: disk" }),
];

async function stored(h: Handle) {
  const postings = (await h.database.db.execute(sql`select term, entry_id, impact from search_postings`)) as unknown as {
    rows: { term: string; entry_id: string; impact: number }[];
  };
  const terms = (await h.database.db.execute(sql`select term, df from search_terms where df > 0`)) as unknown as { rows: { term: string; df: number }[] };
  return { postings: postings.rows, df: new Map(terms.rows.map((r) => [r.term, Number(r.df)])) };
}

function expected(docs: SearchDocument[]) {
  const analyzed = docs.map((d) => ({ d, ...analyze(d) }));
  const avg = analyzed.reduce((n, a) => n + a.length, 0) / docs.length;
  const df = new Map<string, number>();
  const postings = analyzed.flatMap((a) =>
    [...a.tf].map(([term, tf]) => {
      df.set(term, (df.get(term) ?? 0) + 1);
      return { term, entry_id: a.d.id, impact: impact(tf, a.length, avg) };
    }),
  );
  return { postings, df };
}

const byKey = (p: { term: string; entry_id: string }) => `${p.entry_id} ${p.term}`;

for (const target of await databaseTargets()) {
  describe.skipIf(target.skipReason)(`index writer on ${target.name}`, () => {
    let h: Handle;
    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(async () => h?.drop());

    it("stores each document's analyzed terms, impacts and the document frequencies", async () => {
      const engine = new PostgresSearchEngine(h.database.db);
      await putEntries(h.database, tricky);
      await engine.index(tricky);
      const got = await stored(h);
      const want = expected(tricky);
      expect(got.postings.map(byKey).sort()).toEqual(want.postings.map(byKey).sort());
      const wantImpact = new Map(want.postings.map((p) => [byKey(p), p.impact]));
      for (const p of got.postings) expect(p.impact).toBeCloseTo(wantImpact.get(byKey(p))!, 5);
      expect(got.df).toEqual(want.df);
      expect(got.postings.some((p) => p.term.includes("\u001f"))).toBe(false);
      expect(want.df.get("separ")).toBe(1);
      expect(want.df.get("disk")).toBe(1);
    });

    it("replaces a re-indexed document's postings and adjusts the frequencies", async () => {
      const engine = new PostgresSearchEngine(h.database.db);
      const changed = { ...tricky[3]!, version: 2, title: "Quoted braces outage", body: "no disk words left, only {braces} and \"quotes\"" };
      const docs = [...tricky.slice(0, 3), changed];
      await putEntries(h.database, [changed]);
      await engine.index([changed]);
      const got = await stored(h);
      const want = expected(docs);
      expect(got.postings.map(byKey).sort()).toEqual(want.postings.map(byKey).sort());
      expect(got.df).toEqual(want.df);
      expect(got.df.get("brace")).toBe(2);
    });
  });
}

// Re-indexing and removing find an entry's postings by the keys search_docs keeps (there is no index
// on search_postings.entry_id): those keys must be exactly the entry's postings, and an index built
// before the keys existed gets them from the migration that introduced them.
const postingKey = (p: { term: string; entry_id: string; impact: number }) => `${p.entry_id} ${p.term} ${p.impact}`;

async function keysOnDocs(h: Handle): Promise<string[]> {
  const r = (await h.database.db.execute(
    sql`select d.entry_id, k.term, k.impact from search_docs d, unnest(d.terms, d.impacts) as k(term, impact)`,
  )) as unknown as { rows: { term: string; entry_id: string; impact: number }[] };
  return r.rows.map(postingKey).sort();
}

function backfillStatement(): string {
  const file = readdirSync(migrationsFolder).find((f) => f.includes("postings_keys_on_docs"));
  if (!file) throw new Error("migration postings_keys_on_docs not found");
  const statements = readFileSync(path.join(migrationsFolder, file), "utf8").split("--> statement-breakpoint");
  const update = statements.find((s) => /update\s+"search_docs"/i.test(s));
  if (!update) throw new Error(`no UPDATE of search_docs in ${file}`);
  return update;
}

for (const target of await databaseTargets()) {
  describe.skipIf(target.skipReason)(`postings keys on search_docs on ${target.name}`, () => {
    let h: Handle;
    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(async () => h?.drop());

    it("keeps each document's keys equal to its postings through indexing, re-indexing and removal", async () => {
      const engine = new PostgresSearchEngine(h.database.db);
      const docs = [...tricky, doc({ title: "Another outage about disks", body: "disk pressure evicted pods" })];
      await putEntries(h.database, docs);
      await engine.index(docs);
      expect(await keysOnDocs(h)).toEqual((await stored(h)).postings.map(postingKey).sort());

      const changed = { ...docs[4]!, version: 2, title: "Memory pressure outage", body: "memory pressure now, nothing about the storage" };
      await putEntries(h.database, [changed]);
      await engine.index([changed]);
      const after = await stored(h);
      expect(await keysOnDocs(h)).toEqual(after.postings.map(postingKey).sort());
      expect(after.postings.filter((p) => p.entry_id === changed.id && p.term === "disk")).toEqual([]);

      await engine.remove([docs[0]!.id]);
      const removed = await stored(h);
      expect(removed.postings.filter((p) => p.entry_id === docs[0]!.id)).toEqual([]);
      expect(await keysOnDocs(h)).toEqual(removed.postings.map(postingKey).sort());
      expect(removed.df).toEqual(expected(docs.slice(1).map((d) => (d.id === changed.id ? changed : d))).df);
    });

    it("the migration gives an index written before it its keys, so re-indexing leaves no stale postings", async () => {
      const engine = new PostgresSearchEngine(h.database.db);
      const before = (await stored(h)).postings.map(postingKey).sort();
      expect(before.length).toBeGreaterThan(0);
      // As the index stood before the migration: postings, but no keys on the documents.
      await h.database.db.execute(sql`update search_docs set terms = '{}', impacts = '{}'`);
      expect(await keysOnDocs(h)).toEqual([]);
      await h.database.db.execute(sql.raw(backfillStatement()));
      expect(await keysOnDocs(h)).toEqual(before);

      const ids = ((await h.database.db.execute(sql`select entry_id from search_docs`)) as unknown as { rows: { entry_id: string }[] }).rows;
      await engine.remove(ids.map((r) => r.entry_id));
      const empty = await stored(h);
      expect(empty.postings).toEqual([]);
      expect([...empty.df.values()]).toEqual([]);
    });
  });
}
