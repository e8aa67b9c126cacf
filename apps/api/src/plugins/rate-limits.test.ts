// Rate limits on both databases: sign-in attempts per address and per account name (a tRPC batch counts
// each call), requests per API token, searches per person or token; each answers 429 with Retry-After
// and an error naming the limit, and lets through again once its window has passed. On Postgres two
// app instances (two replicas, separate connection pools) share every count.
import { createDatabase, schema, type Database } from "@hindsight/db";
import { eq, like, sql } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import type { FastifyInstance } from "fastify";
import { afterEach, describe, expect, it, vi } from "vitest";
import { buildApp } from "../app.js";
import { ConfigError, loadConfig } from "../config.js";
import { loadActor } from "../identity/identity.js";
import { hashSecret } from "../identity/secrets.js";
import { createToken } from "../identity/tokens.js";
import { ADMIN_TOKEN, rest, trpc, useHarness } from "../test/harness.js";
import { pruneRateLimitHits } from "./rate-limit-store.js";

const targets = await databaseTargets();

const LIMITS = {
  HINDSIGHT_TRUST_PROXY: "true",
  HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ADDRESS: "4/1h",
  HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ACCOUNT: "3/1h",
  HINDSIGHT_RATE_LIMIT_TOKEN: "5/1h",
  HINDSIGHT_RATE_LIMIT_SEARCH: "3/10m",
};

function signIn(app: FastifyInstance, login: string, address: string) {
  return app.inject({
    method: "POST",
    url: "/trpc/auth.signIn",
    headers: { "content-type": "application/json", "x-hindsight-csrf": "1", "x-forwarded-for": address },
    payload: JSON.stringify({ login, password: "not the right password" }),
  });
}

/** A 429 as clients see it: Retry-After in whole seconds within the window, and the error naming the limit. */
function expectLimited(res: { statusCode: number; headers: Record<string, unknown>; json(): any }, limit: string, windowSeconds: number) { // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(res.statusCode).toBe(429);
  const retryAfter = Number(res.headers["retry-after"]);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= windowSeconds, `Retry-After ${String(res.headers["retry-after"])}`).toBe(true);
  const body = res.json();
  const error = Array.isArray(body) ? body[0].error : body.error;
  const details = error.data?.details ?? error.details;
  expect(details).toMatchObject({ limit, windowSeconds, retryAfterSeconds: retryAfter });
  expect(error.message).toMatch(/^Too many .+: at most \d+ per .+\. Try again in \d+ seconds?\.$/);
  return error;
}

describe.each(targets)("rate limits on $name", (target) => {
  const { h, run, note } = useHarness(target, { env: LIMITS });

  afterEach(() => {
    vi.useRealTimers();
  });

  /** Ends every current window: the in-memory store reads the clock, the Postgres store the table. */
  async function passWindows(minutes: number) {
    if (target.name === "postgres") {
      await h.db.database.db.update(schema.rateLimitHits).set({ resetAt: sql`now() - interval '1 second'` });
    } else {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(Date.now() + minutes * 60_000 + 1000);
    }
  }

  run(`sign-in: per account name, whatever the address; then per address, whatever the account${note}`, async () => {
    for (let i = 1; i <= 3; i++) expect((await signIn(h.app, "Author", `203.0.113.${i}`)).statusCode).toBe(401);
    const error = expectLimited(await signIn(h.app, "author ", "203.0.113.9"), "signInPerAccount", 3600);
    expect(error.data).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429, path: "auth.signIn" });
    expect(error.message).toContain("sign-in attempts for this account name: at most 3 per hour");
    // Another account from a fresh address is not affected.
    expect((await signIn(h.app, "teammate", "203.0.113.10")).statusCode).toBe(401);

    for (let i = 1; i <= 4; i++) expect((await signIn(h.app, `someone-${i}`, "198.51.100.50")).statusCode).toBe(401);
    expectLimited(await signIn(h.app, "someone-5", "198.51.100.50"), "signInPerAddress", 3600);
    expect((await signIn(h.app, "someone-5", "198.51.100.51")).statusCode).toBe(401);
  });

  run(`sign-in: a tRPC batch counts every call in it${note}`, async () => {
    const calls = Array.from({ length: 5 }, (_, i) => ({ login: `batch-${i}`, password: "not the right password" }));
    const res = await h.app.inject({
      method: "POST",
      url: `/trpc/${calls.map(() => "auth.signIn").join(",")}?batch=1`,
      headers: { "content-type": "application/json", "x-hindsight-csrf": "1", "x-forwarded-for": "198.51.100.60" },
      payload: JSON.stringify(Object.fromEntries(calls.map((c, i) => [i, c]))),
    });
    const error = expectLimited(res, "signInPerAddress", 3600);
    expect((res.json() as unknown[]).length).toBe(5);
    expect(error.data.path).toBe("auth.signIn");
  });

  run(`API tokens: per token, with the REST error shape; another token is not affected; the window resets${note}`, async () => {
    for (let i = 0; i < 5; i++) expect((await rest(h.app, "GET", "/api/v1/entries", undefined, h.teammateToken)).status).toBe(200);
    const res = await h.app.inject({ method: "GET", url: "/api/v1/entries", headers: { authorization: `Bearer ${h.teammateToken}` } });
    const error = expectLimited(res, "token", 3600);
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(error.details.setting).toBe("HINDSIGHT_RATE_LIMIT_TOKEN");
    expect((await rest(h.app, "GET", "/api/v1/entries", undefined, ADMIN_TOKEN)).status).toBe(200);
    await passWindows(61);
    expect((await rest(h.app, "GET", "/api/v1/entries", undefined, h.teammateToken)).status).toBe(200);
  });

  run(`search: per person over tRPC and per token over REST; the window resets${note}`, async () => {
    const search = (cookie: string) => trpc(h.app, "search.query", { q: "timeout" }, { cookie }, "query");
    for (let i = 0; i < 3; i++) expect((await search(h.people.author.cookie)).status).toBe(200);
    const limited = await h.app.inject({
      method: "GET",
      url: `/trpc/search.query?input=${encodeURIComponent(JSON.stringify({ q: "timeout" }))}`,
      headers: { cookie: h.people.author.cookie },
    });
    expectLimited(limited, "search", 600);
    // Another person is not affected, and the author's other reads are not either.
    expect((await search(h.people.other.cookie)).status).toBe(200);
    expect((await trpc(h.app, "me.get", undefined, { cookie: h.people.author.cookie }, "query")).status).toBe(200);

    const actor = await loadActor(h.db.database.db, h.people.author.id, "session");
    const { token } = await createToken(h.db.database.db, actor!, "search bot");
    for (let i = 0; i < 3; i++) expect((await rest(h.app, "GET", "/api/v1/search?q=timeout", undefined, token)).status).toBe(200);
    expectLimited(await h.app.inject({ method: "GET", url: "/api/v1/search?q=timeout", headers: { authorization: `Bearer ${token}` } }), "search", 600);

    await passWindows(11);
    expect((await search(h.people.author.cookie)).status).toBe(200);
    expect((await rest(h.app, "GET", "/api/v1/search?q=timeout", undefined, token)).status).toBe(200);
  });

  if (target.name === "postgres") {
    run(`two app instances on one Postgres (two replicas) share the counts, stored under hashed keys${note}`, async () => {
      const actor = await loadActor(h.db.database.db, h.people.other.id, "session");
      const { token } = await createToken(h.db.database.db, actor!, "replica bot");
      const config = loadConfig({ HINDSIGHT_ADMIN_TOKEN: ADMIN_TOKEN, HINDSIGHT_SEED: "false", LOG_LEVEL: "silent", PORTAL_DIR: "/nonexistent-portal", ...LIMITS });
      const pool: Database = await createDatabase({ driver: "postgres", url: h.db.url!, poolSize: 2 });
      const replica = await buildApp(config, { database: pool, startDigests: false });
      try {
        const call = (app: FastifyInstance) => app.inject({ method: "GET", url: "/api/v1/entries", headers: { authorization: `Bearer ${token}` } });
        // 5 allowed in all: 3 on one replica, 2 on the other; then both refuse.
        for (const app of [h.app, h.app, h.app, replica, replica]) expect((await call(app)).statusCode).toBe(200);
        expectLimited(await call(h.app), "token", 3600);
        expectLimited(await call(replica), "token", 3600);
        const rows = await h.db.database.db.select().from(schema.rateLimitHits).where(like(schema.rateLimitHits.key, "token:%"));
        expect(rows.map((r) => r.key)).toContain(`token:${hashSecret(token)}`);
        expect(rows.find((r) => r.key === `token:${hashSecret(token)}`)!.hits).toBe(7);
        // Counters whose window ended are pruned; live ones stay.
        await h.db.database.db.update(schema.rateLimitHits).set({ resetAt: sql`now() - interval '1 second'` }).where(eq(schema.rateLimitHits.key, `token:${hashSecret(token)}`));
        expect(await pruneRateLimitHits(h.db.database.db)).toBeGreaterThanOrEqual(1);
        const left = await h.db.database.db.select().from(schema.rateLimitHits);
        expect(left.map((r) => r.key)).not.toContain(`token:${hashSecret(token)}`);
        expect(left.length).toBeGreaterThan(0);
      } finally {
        await replica.close();
        await pool.close();
      }
    });
  }
});

describe("HINDSIGHT_RATE_LIMIT_*", () => {
  it("are <requests>/<window> or off, with defaults, and a bad value names the variable", () => {
    expect(loadConfig({}).rateLimits).toEqual({
      signInPerAddress: { max: 30, windowMs: 900_000 },
      signInPerAccount: { max: 10, windowMs: 900_000 },
      token: { max: 600, windowMs: 60_000 },
      search: { max: 240, windowMs: 60_000 },
    });
    const set = loadConfig({ HINDSIGHT_RATE_LIMIT_SEARCH: "off", HINDSIGHT_RATE_LIMIT_TOKEN: "1000/1h", HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ACCOUNT: "5/30s" });
    expect(set.rateLimits.search).toBeNull();
    expect(set.rateLimits.token).toEqual({ max: 1000, windowMs: 3_600_000 });
    expect(set.rateLimits.signInPerAccount).toEqual({ max: 5, windowMs: 30_000 });
    for (const bad of ["0/1m", "10", "10/1d", "ten/1m", "10/0m"]) {
      expect(() => loadConfig({ HINDSIGHT_RATE_LIMIT_TOKEN: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ HINDSIGHT_RATE_LIMIT_TOKEN: bad }), bad).toThrow(/HINDSIGHT_RATE_LIMIT_TOKEN must be <requests>\/<window>/);
    }
  });
});
