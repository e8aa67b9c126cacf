// The engine's vocabulary look-ups must stay on their indexes: a typo is looked up through the partial
// trigram index over plain words, and only a predicate the index's own implies lets Postgres use it.
// A combined predicate once made every typo search read the whole vocabulary (1.1 s at 100k entries,
// bench:search). Each search statement the engine runs is captured and explained, with sequential
// scans priced out: a plan that still scans search_terms has no index it can use.
import { databaseTargets } from "@hindsight/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doc } from "../../contract.js";
import { PostgresSearchEngine } from "./engine.js";
import { putEntries } from "./testing.js";

type Handle = Awaited<ReturnType<Awaited<ReturnType<typeof databaseTargets>>[number]["create"]>>;

interface Session {
  prepareQuery(query: { sql: string; params: unknown[] }, fields: undefined, name: string | undefined, arrayMode: boolean): { execute(): Promise<{ rows: unknown[] }> };
}

for (const target of await databaseTargets()) {
  describe.skipIf(target.skipReason)(`the postgres engine's plans on ${target.name}`, () => {
    let h: Handle;
    let engine: PostgresSearchEngine;
    const statements: { sql: string; params: unknown[] }[] = [];
    let session: Session;

    beforeAll(async () => {
      h = await target.create();
      engine = new PostgresSearchEngine(h.database.db);
      const docs = [
        doc({ title: "Kubelet upgrade stalls", body: "After the upgrade the kubelet stalls; log4shell scanners were blocked too." }),
        doc({ title: "Route53 failover", body: "route53 health checks fail over to the standby region." }),
      ];
      await putEntries(h.database, docs);
      await engine.index(docs);
      session = (h.database.db as unknown as { session: Session }).session;
      const prepare = session.prepareQuery.bind(session);
      session.prepareQuery = (query, fields, name, arrayMode) => {
        statements.push(query);
        return prepare(query, fields, name, arrayMode);
      };
    });
    afterAll(async () => h?.drop());

    /** The plan of the vocabulary look-up of a search, with sequential scans priced out. */
    const expansionPlan = async (q: string) => {
      statements.length = 0;
      await engine.search({ q, scope: { all: true }, limit: 10 });
      const expansion = statements.find((s) => s.sql.includes("'typo'"));
      expect(expansion, "the search ran no vocabulary look-up").toBeDefined();
      return h.database.db.transaction(async (tx) => {
        await tx.execute("set local enable_seqscan = off" as never);
        const txSession = (tx as unknown as { session: Session }).session;
        const { rows } = await txSession.prepareQuery({ sql: `explain ${expansion!.sql}`, params: expansion!.params }, undefined, undefined, false).execute();
        return rows.map((r) => Object.values(r as Record<string, string>)[0]).join("\n");
      });
    };

    it.each([
      ["a misspelled plain word", "kublet upgarde"],
      ["a misspelled name with digits", "log4shel scanners"],
    ])("looks up %s through indexes only", async (_what, q) => {
      const plan = await expansionPlan(q);
      expect(plan).toMatch(/search_terms_trgm_idx/);
      expect(plan).not.toMatch(/Seq Scan on search_terms/);
    });
  });
}
