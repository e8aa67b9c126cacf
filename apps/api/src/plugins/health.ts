// Readiness: GET /readyz answers 200 only when this instance can serve traffic (the database answers,
// every committed migration is applied, the search outbox is not too far behind); otherwise 503
// naming each failed check. Liveness stays /healthz (app.ts), which must stay cheap: a load balancer
// takes an instance out of rotation on /readyz, an orchestrator restarts it on /healthz.
import { migrationStatus, type Database } from "@hindsight/db";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { outboxStatus } from "../services/outbox-relay.js";

export interface ReadinessOptions {
  database: Database;
  /** The oldest undelivered outbox event may be at most this old. */
  maxOutboxLagSeconds: number;
}

export type CheckName = "database" | "migrations" | "outbox";

export interface CheckResult {
  ok: boolean;
  detail?: string;
  [key: string]: unknown;
}

/** A check that hangs (a database behind a dead network) fails after this, so /readyz always answers. */
const CHECK_TIMEOUT_MS = 3_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS / 1000} s`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs the checks in order; later ones need the database, so they are skipped when it is down. */
export async function readiness(opts: ReadinessOptions): Promise<{ ready: boolean; failed: CheckName[]; checks: Record<CheckName, CheckResult> }> {
  const { database } = opts;
  const checks = {} as Record<CheckName, CheckResult>;
  try {
    await withTimeout(database.ping(), "the database");
    checks.database = { ok: true };
  } catch (err) {
    checks.database = { ok: false, detail: `unreachable: ${(err as Error).message}` };
  }
  if (!checks.database.ok) {
    checks.migrations = { ok: false, detail: "not checked: the database is unreachable" };
    checks.outbox = { ok: false, detail: "not checked: the database is unreachable" };
  } else {
    try {
      const m = await withTimeout(migrationStatus(database), "the migration check");
      checks.migrations = m.pending.length === 0
        ? { ok: true, applied: m.applied, level: m.level }
        : { ok: false, applied: m.applied, known: m.known, pending: m.pending, detail: `${m.pending.length} committed migration(s) not applied` };
    } catch (err) {
      checks.migrations = { ok: false, detail: `could not read the applied migrations: ${(err as Error).message}` };
    }
    try {
      const s = await withTimeout(outboxStatus(database.db), "the outbox check");
      const lagSeconds = s.oldestPendingAt ? Math.max(0, Math.round((Date.now() - s.oldestPendingAt.getTime()) / 1000)) : 0;
      const ok = lagSeconds <= opts.maxOutboxLagSeconds;
      checks.outbox = {
        ok,
        pending: s.pending,
        parked: s.parked,
        lagSeconds,
        maxLagSeconds: opts.maxOutboxLagSeconds,
        ...(ok ? {} : { detail: `the oldest undelivered search update is ${lagSeconds} s old (limit ${opts.maxOutboxLagSeconds} s)` }),
      };
    } catch (err) {
      checks.outbox = { ok: false, detail: `could not read the outbox: ${(err as Error).message}` };
    }
  }
  const failed = (Object.keys(checks) as CheckName[]).filter((k) => !checks[k].ok);
  return { ready: failed.length === 0, failed, checks };
}

export const readinessPlugin = fp(
  async (app: FastifyInstance, opts: ReadinessOptions) => {
    app.get("/readyz", { schema: { hide: true } }, async (_req, reply) => {
      const r = await readiness(opts);
      return reply
        .status(r.ready ? 200 : 503)
        .header("cache-control", "no-store")
        .send({ status: r.ready ? "ready" : "unavailable", failed: r.failed, checks: r.checks });
    });
  },
  { name: "hindsight-readiness" },
);
