// The engine keeps the planner's statistics of a small index: after a first batch of 60 documents,
// maintain() analyzes the index tables (PGlite has no autovacuum to do it, and a server's may not
// have yet), where a floor of 500 documents left them without statistics.
import { databaseTargets } from "@hindsight/db/testing";
import { sql } from "@hindsight/db/orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doc } from "../../contract.js";
import { PostgresSearchEngine } from "./engine.js";
import { putEntries } from "./testing.js";

type Handle = Awaited<ReturnType<Awaited<ReturnType<typeof databaseTargets>>[number]["create"]>>;

for (const target of await databaseTargets()) {
  describe.skipIf(target.skipReason)(`maintain on ${target.name}`, () => {
    let h: Handle;
    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(async () => h?.drop());

    const tuples = async () => {
      const r = (await h.database.db.execute(sql`select reltuples::float8 as n from pg_class where relname = 'search_terms'`)) as unknown as { rows: { n: number }[] };
      return Number(r.rows[0]?.n);
    };

    it("analyzes the index once a first batch of 60 documents is in", async () => {
      const engine = new PostgresSearchEngine(h.database.db);
      await engine.ensureReady();
      const docs = Array.from({ length: 60 }, (_, i) => doc({ title: `Runbook ${i} word${i}`, body: `disk ${i} filled on host${i}` }));
      await putEntries(h.database, docs);
      await engine.index(docs);
      // Indexing alone leaves the planner's row count where the empty tables' analysis put it.
      expect(await tuples()).toBeLessThanOrEqual(0);
      await engine.maintain();
      expect(await tuples()).toBeGreaterThan(60);
    });
  });
}
