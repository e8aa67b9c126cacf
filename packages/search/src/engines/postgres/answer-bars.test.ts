// The answer bars are options so the bench can measure what a stricter bar trades
// (`pnpm bench:answer-bars`); the defaults are the product's. A stricter bar must turn a middling
// match into nothing, and leave alone a query some entry matches word for word.
import { databaseTargets } from "@hindsight/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doc } from "../../contract.js";
import { PostgresSearchEngine } from "./engine.js";
import { putEntries } from "./testing.js";

type Handle = Awaited<ReturnType<Awaited<ReturnType<typeof databaseTargets>>[number]["create"]>>;

for (const target of await databaseTargets()) {
  describe.skipIf(target.skipReason)(`the postgres engine's answer bars on ${target.name}`, () => {
    let h: Handle;
    const docs = [
      doc({ title: "Kubelet upgrade stalls", body: "After the node upgrade the kubelet stalls and pods stay pending until it is restarted." }),
      doc({ title: "Route53 failover", body: "route53 health checks fail over to the standby region when the primary stops answering." }),
      doc({ title: "Certificate expiry", body: "The ingress certificate expired at midnight and every request failed its TLS handshake." }),
    ];
    const ids = (res: { hits: { id: string }[] }) => res.hits.map((hit) => hit.id);
    const search = (engine: PostgresSearchEngine, q: string) => engine.search({ q, scope: { all: true }, limit: 10 });

    beforeAll(async () => {
      h = await target.create();
      await putEntries(h.database, docs);
      await new PostgresSearchEngine(h.database.db).index(docs);
    });
    afterAll(async () => h?.drop());

    it("answers a middling question at the product's bar and nothing at a stricter one", async () => {
      const q = "kubelet stalls while draining";
      expect(ids(await search(new PostgresSearchEngine(h.database.db), q))[0]).toBe(docs[0]!.id);
      expect(ids(await search(new PostgresSearchEngine(h.database.db, { answerStrength: 5 }), q))).toEqual([]);
    });

    it("holds a pasted line to its own bar", async () => {
      const line = "2024-05-02T10:20:30Z level=error msg=\"tls handshake failed: certificate expired\" host=10.0.4.7:443";
      expect(ids(await search(new PostgresSearchEngine(h.database.db), line))[0]).toBe(docs[2]!.id);
      expect(ids(await search(new PostgresSearchEngine(h.database.db, { answerStrength: 5 }), line))[0]).toBe(docs[2]!.id);
      expect(ids(await search(new PostgresSearchEngine(h.database.db, { errorAnswerStrength: 5 }), line))).toEqual([]);
    });

    it("still answers a question some entry matches word for word, whatever the bar", async () => {
      const res = await search(new PostgresSearchEngine(h.database.db, { answerStrength: 50 }), "route53 failover");
      expect(ids(res)[0]).toBe(docs[1]!.id);
    });
  });
}
