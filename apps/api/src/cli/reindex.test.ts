import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../config.js";
import { reindex } from "./reindex.js";

describe("hindsight-admin reindex", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-reindex-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent", PORTAL_DIR: "/nonexistent", HINDSIGHT_ADMIN_TOKEN: "t", HINDSIGHT_SEED: "true" });

  it("rebuilds the embedded index from the database and checks the counts", async () => {
    const app = await buildApp(config);
    const before = await app.inject({ method: "GET", url: "/api/v1/search?q=failover", headers: { authorization: "Bearer t" } });
    const expected = (before.json() as { hits: { id: string }[] }).hits.map((h) => h.id);
    expect(expected.length).toBeGreaterThan(0);
    await app.close();

    // Damage the index the way a crash or a bug might, then rebuild it.
    const database = await createDatabase(config.database);
    await database.db.execute(sql`delete from search_postings where term like 'f%'`);
    await database.db.execute(sql`delete from search_docs where kind = 'runbook'`);
    await database.close();

    const result = await reindex(config, { batchSize: 3, progress: false });
    expect(result).toMatchObject({ ok: true });
    expect(result.entries).toBeGreaterThanOrEqual(10);
    expect(result.engineCount).toBe(result.entries);

    const again = await buildApp(config);
    const after = await again.inject({ method: "GET", url: "/api/v1/search?q=failover", headers: { authorization: "Bearer t" } });
    // The same entries are found again; their order may shift slightly because BM25's average
    // length is taken batch by batch while indexing.
    expect((after.json() as { hits: { id: string }[] }).hits.map((h) => h.id).sort()).toEqual([...expected].sort());
    await again.close();
  });
});
