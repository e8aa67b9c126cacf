// What the index writer stores, checked against the analyzer: every term of every document with its
// impact, and the vocabulary's document frequencies, after a batch and after a re-index. The
// postings travel as joined strings, so the texts include what array literals and the joining
// character would trip over.
import { databaseTargets } from "@hindsight/db/testing";
import { sql } from "@hindsight/db/orm";
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
