// Against a real Meilisearch (MEILI_URL): a smoke test, then the shared SearchEngine contract suite.
// Without MEILI_URL both are reported as skipped, with the reason in their titles.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doc as contractDoc, runContractSuite } from "../../contract.js";
import type { SearchDocument } from "../../port.js";
import type { MeiliSearchEngine } from "./engine.js";
import { createTestEngine, MEILI_SKIP_REASON, meiliContractTarget, meiliTestConfig } from "./testing.js";

const config = meiliTestConfig();

function doc(n: number, title: string, body: string): SearchDocument {
  const at = new Date(Date.UTC(2026, 0, n));
  const id = `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
  return contractDoc({ id, slug: `smoke-${n}`, title, body, teamId: null, authorId: "00000000-0000-4000-8000-000000000001", createdAt: at, updatedAt: at });
}

describe.skipIf(!config)(`meilisearch engine smoke${config ? "" : ` (skipped: ${MEILI_SKIP_REASON})`}`, () => {
  let engine: MeiliSearchEngine;
  beforeAll(async () => {
    engine = await createTestEngine(config!);
  });
  afterAll(async () => {
    await engine?.dropIndex();
  });

  it("is healthy, indexes two documents and finds each by its words", async () => {
    expect(await engine.health()).toEqual({ ok: true });
    await engine.index([doc(1, "Postgres connection pool exhausted", "Raise the pool size."), doc(2, "Kafka consumer lag", "Rebalance storms.")]);
    expect(await engine.count()).toBe(2);
    const pool = await engine.search({ q: "connection pool", scope: { all: true }, limit: 10 });
    expect(pool.hits.map((h) => h.title)).toEqual(["Postgres connection pool exhausted"]);
    expect(pool.hits[0]!.snippet).toContain("<mark>");
    const lag = await engine.search({ q: "kafka lag", scope: { all: true }, limit: 10 });
    expect(lag.hits.map((h) => h.title)).toEqual(["Kafka consumer lag"]);
  });
});

runContractSuite(meiliContractTarget());
