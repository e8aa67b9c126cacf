import { databaseTargets } from "@hindsight/db/testing";
import { schema } from "@hindsight/db";
import { describe, expect } from "vitest";
import { FakeEngine } from "../test/fake-engine.js";
import { rest, useHarness } from "../test/harness.js";
import { OutboxRelay, outboxStatus } from "./outbox-relay.js";

const targets = await databaseTargets();

describe.each(targets)("search outbox on $name", (target) => {
  const engine = new FakeEngine();
  const { h, run, note } = useHarness(target, { searchEngine: engine, startRelay: false });

  run(`keeps 1,000 writes while the engine is down, then delivers each entry once, newest version${note}`, async () => {
    engine.up = false;
    const entries = Array.from({ length: 1000 }, (_, i) => ({ kind: "fix", title: `Outbox fix ${i}`, body: `v1 ${i}`, externalKey: `ob-${i}` }));
    const created = await rest(h.app, "POST", "/api/v1/entries", { entries });
    expect(created.status).toBe(200);
    expect(created.body.created).toBe(1000);
    // A second round of writes to a tenth of them: two versions pending for those entries.
    const updated = await rest(h.app, "POST", "/api/v1/entries", {
      entries: entries.slice(0, 100).map((e) => ({ ...e, body: `v2 ${e.externalKey}` })),
    });
    expect(updated.body.updated).toBe(100);
    expect((await outboxStatus(h.db.database.db)).pending).toBe(1100);

    // The relay fails, backs off, and keeps everything.
    const relay = new OutboxRelay(h.db.database.db, engine, { batchSize: 150, baseDelayMs: 0, maxAttempts: 50 });
    const failed = await relay.runOnce();
    expect(failed.failed).toBeGreaterThan(0);
    const rows = await h.db.database.db.select().from(schema.searchOutbox);
    expect(rows.filter((r) => r.processedAt === null)).toHaveLength(1100);
    expect(rows.some((r) => r.attempts === 1 && r.lastError?.includes("ECONNREFUSED"))).toBe(true);
    expect(engine.received.size).toBe(0);
    const health = await h.app.inject({ method: "GET", url: "/healthz" });
    expect(health.statusCode).toBe(200);
    expect(health.json().search).toMatchObject({ engine: "fake", ok: false, outbox: { pending: 1100 } });

    engine.up = true;
    const pass = await relay.drain();
    expect(pass.failed).toBe(0);
    expect(await outboxStatus(h.db.database.db)).toMatchObject({ pending: 0, parked: 0 });
    expect(engine.docs.size).toBe(1000);
    expect([...engine.received.values()].every((n) => n === 1)).toBe(true);
    const bumped = [...engine.docs.values()].filter((d) => d.externalKey?.startsWith("ob-") && Number(d.externalKey.slice(3)) < 100);
    expect(bumped).toHaveLength(100);
    expect(bumped.every((d) => d.version === 2 && d.body.startsWith("v2"))).toBe(true);
  });

  run("parks events after too many failures, with their error", async () => {
    engine.up = false;
    await rest(h.app, "POST", "/api/v1/entries", { kind: "runbook", title: "Parked runbook", externalKey: "parked" });
    const relay = new OutboxRelay(h.db.database.db, engine, { baseDelayMs: 0, maxAttempts: 3 });
    for (let i = 0; i < 3; i++) await relay.runOnce();
    const status = await outboxStatus(h.db.database.db);
    expect(status).toMatchObject({ pending: 0, parked: 1 });
    const [row] = (await h.db.database.db.select().from(schema.searchOutbox)).filter((r) => r.parkedAt !== null);
    expect(row!.lastError).toMatch(/ECONNREFUSED/);
    engine.up = true;
  });
});
