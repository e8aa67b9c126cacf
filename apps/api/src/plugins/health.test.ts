// /healthz and /readyz on PGlite and Postgres: ready on a healthy instance, and 503 naming the check
// for each way an instance can be unready (database gone, a migration not applied, the search outbox
// too far behind).
import { databaseTargets } from "@hindsight/db/testing";
import { describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { ConfigError, loadConfig } from "../config.js";
import { FakeEngine } from "../test/fake-engine.js";
import { rest, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

describe.each(targets)("readiness on $name", (target) => {
  const engine = new FakeEngine();
  // An external engine, so writes go through the outbox; the relay is driven by hand (never here).
  const { h, run, note } = useHarness(target, { searchEngine: engine, startRelay: false, env: { HINDSIGHT_READY_MAX_OUTBOX_LAG_SECONDS: "120" } });

  run(`is ready on a healthy instance, and /healthz stays cheap${note}`, async () => {
    const res = await h.app.inject({ method: "GET", url: "/readyz" });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ status: "ready", failed: [], checks: { database: { ok: true }, migrations: { ok: true }, outbox: { ok: true, pending: 0, lagSeconds: 0, maxLagSeconds: 120 } } });
    expect(body.checks.migrations.level).toMatch(/^\d{4}_/);
    expect((await h.app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
  });

  run(`answers 503 naming the outbox when its oldest undelivered event is older than the limit${note}`, async () => {
    engine.up = false;
    const created = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "Lagging fix", externalKey: "lag-1" });
    expect(created.status).toBe(201);
    // Fresh events are within the limit.
    expect((await h.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    // The relay has not delivered it for ten minutes.
    await h.db.database.exec("update search_outbox set created_at = now() - interval '10 minutes' where processed_at is null");
    const res = await h.app.inject({ method: "GET", url: "/readyz" });
    expect(res.statusCode).toBe(503);
    const body = res.json();
    expect(body.failed).toEqual(["outbox"]);
    expect(body.checks.outbox).toMatchObject({ ok: false, pending: 1 });
    expect(body.checks.outbox.lagSeconds).toBeGreaterThanOrEqual(600);
    expect(body.checks.outbox.detail).toMatch(/limit 120 s/);
    // Delivered: ready again.
    await h.db.database.exec("update search_outbox set processed_at = now()");
    expect((await h.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    engine.up = true;
  });

  run(`answers 503 naming migrations when a committed migration is not applied${note}`, async () => {
    await h.db.database.exec(
      "create table drizzle.held_back as select * from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations);" +
        "delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations);",
    );
    try {
      const res = await h.app.inject({ method: "GET", url: "/readyz" });
      expect(res.statusCode).toBe(503);
      const body = res.json();
      expect(body.failed).toEqual(["migrations"]);
      expect(body.checks.migrations.pending).toHaveLength(1);
      expect(body.checks.migrations.detail).toMatch(/1 committed migration\(s\) not applied/);
    } finally {
      await h.db.database.exec("insert into drizzle.__drizzle_migrations select * from drizzle.held_back; drop table drizzle.held_back;");
    }
    expect((await h.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  });
});

describe.each(targets)("readiness when the database goes away, on $name", (target) => {
  const note = target.skipReason ? ` (skipped: ${target.skipReason})` : "";
  // The database is closed under the running app, as a lost connection leaves it.
  it.skipIf(target.skipReason)(`answers 503 naming the database, and /healthz fails too${note}`, async () => {
    const db = await target.create();
    const app = await buildApp(loadConfig({ LOG_LEVEL: "silent", HINDSIGHT_SEED: "false", PORTAL_DIR: "/nonexistent" }), { database: db.database, startDigests: false });
    try {
      expect((await app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
      await db.database.close();
      const res = await app.inject({ method: "GET", url: "/readyz" });
      expect(res.statusCode).toBe(503);
      const body = res.json();
      expect(body.failed).toEqual(["database", "migrations", "outbox"]);
      expect(body.checks.database.detail).toMatch(/^unreachable: /);
      expect(body.checks.migrations.detail).toMatch(/not checked/);
      expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(503);
    } finally {
      await app.close();
      await db.drop().catch(() => undefined);
    }
  }, 120_000);
});

describe("readiness and shutdown configuration", () => {
  it("defaults to a 300 s outbox lag and an 8 s shutdown grace", () => {
    expect(loadConfig({}).ops).toEqual({ readyMaxOutboxLagSeconds: 300, shutdownGraceMs: 8_000 });
    expect(loadConfig({ HINDSIGHT_READY_MAX_OUTBOX_LAG_SECONDS: "60", HINDSIGHT_SHUTDOWN_GRACE_SECONDS: "20" }).ops).toEqual({
      readyMaxOutboxLagSeconds: 60,
      shutdownGraceMs: 20_000,
    });
  });

  it.each([
    ["HINDSIGHT_READY_MAX_OUTBOX_LAG_SECONDS", "five minutes", /HINDSIGHT_READY_MAX_OUTBOX_LAG_SECONDS must be a number of seconds/],
    ["HINDSIGHT_READY_MAX_OUTBOX_LAG_SECONDS", "0", /HINDSIGHT_READY_MAX_OUTBOX_LAG_SECONDS must be at least 1 second/],
    ["HINDSIGHT_SHUTDOWN_GRACE_SECONDS", "2.5", /HINDSIGHT_SHUTDOWN_GRACE_SECONDS must be a whole number of seconds/],
  ])("refuses %s=%s naming the variable", (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
