// Rate limits (@fastify/rate-limit): password sign-in attempts per client address and per account name,
// requests per API token, and searches per person (or token, or address). Each limit is configured in
// config.rateLimits (HINDSIGHT_RATE_LIMIT_*). On Postgres the counts live in the database
// (rate-limit-store.ts) so they hold across replicas; on PGlite, one process by construction, they stay
// in memory. A refusal is 429 with Retry-After and the error naming the limit.
//
// tRPC calls are counted per procedure call, not per HTTP request: a batch of fifty auth.signIn calls
// is fifty attempts.
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { RateLimit } from "../config.js";
import type { AppDeps } from "../deps.js";
import { hashSecret } from "../identity/secrets.js";
import { bearerOf } from "./identity.js";
import { pruneRateLimitHits, postgresRateLimitStore } from "./rate-limit-store.js";
import { isBatch, refuse, trpcPaths } from "./refusal.js";

type LimitName = keyof AppDeps["config"]["rateLimits"];

const SETTING: Record<LimitName, string> = {
  signInPerAddress: "HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ADDRESS",
  signInPerAccount: "HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ACCOUNT",
  token: "HINDSIGHT_RATE_LIMIT_TOKEN",
  search: "HINDSIGHT_RATE_LIMIT_SEARCH",
};

const WHAT: Record<LimitName, string> = {
  signInPerAddress: "sign-in attempts from your network address",
  signInPerAccount: "sign-in attempts for this account name",
  token: "requests with this API token",
  search: "searches",
};

const SIGN_IN_PROCEDURE = "auth.signIn";
const SEARCH_PROCEDURE = "search.query";
const REST_SEARCH_ROUTE = "/api/v1/search";
const PRUNE_EVERY_MS = 10 * 60_000;

export function describeWindow(ms: number): string {
  const [unit, size] = ms % 3_600_000 === 0 ? ["hour", 3_600_000] : ms % 60_000 === 0 ? ["minute", 60_000] : ["second", 1000];
  const n = Math.round(ms / (size as number));
  return n === 1 ? `${unit}` : `${n} ${unit}s`;
}

/** tRPC's adapter leaves JSON bodies as text (it parses them itself); other routes get them parsed. */
function jsonBody(req: FastifyRequest): Record<string, unknown> | null {
  let body: unknown = req.body;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      return null;
    }
  }
  return typeof body === "object" && body !== null ? (body as Record<string, unknown>) : null;
}

/** The login typed into each auth.signIn call of a request (tRPC: the body is the input, or {"0": input, …} for a batch). */
function signInLogins(req: FastifyRequest, paths: string[]): string[] {
  // Most calls are not sign-ins: their bodies are left to tRPC alone to parse.
  if (!paths.includes(SIGN_IN_PROCEDURE)) return [];
  const body = jsonBody(req);
  const inputs = isBatch(req) ? paths.map((_, i) => body?.[String(i)]) : [body];
  return paths.flatMap((p, i) => {
    if (p !== SIGN_IN_PROCEDURE) return [];
    const login = (inputs[i] as { login?: unknown } | undefined)?.login;
    return [typeof login === "string" ? login.trim().toLowerCase() : ""];
  });
}

export const rateLimits = fp(
  async (app: FastifyInstance, opts: { deps: AppDeps }) => {
    const { config, database } = opts.deps;
    const onPostgres = database.driver === "postgres";
    await app.register(rateLimit, {
      global: false,
      ...(onPostgres ? { store: postgresRateLimitStore(database.db) } : {}),
      // A database hiccup while counting lets the request through rather than failing it: the request
      // needs the database anyway, and sign-in has its own failure lockout (local-accounts.ts).
      skipOnError: true,
    });

    // @fastify/rate-limit asks a key generator for each request's key; the hook below sets the key of
    // the call being counted just before counting it (one request may count several calls).
    const keyOf = new WeakMap<FastifyRequest, string>();
    const limiters = new Map<LimitName, { limit: NonNullable<RateLimit>; count: ReturnType<FastifyInstance["createRateLimit"]> }>();
    for (const name of Object.keys(SETTING) as LimitName[]) {
      const limit = config.rateLimits[name];
      if (!limit) continue;
      limiters.set(name, { limit, count: app.createRateLimit({ max: limit.max, timeWindow: limit.windowMs, keyGenerator: (req) => keyOf.get(req)! }) });
    }
    if (limiters.size === 0) return;

    app.addHook("preHandler", async (req, reply) => {
      const calls: { name: LimitName; subject: string }[] = [];
      // A malformed Authorization header ("") is refused by the identity plugin, not counted.
      const bearer = bearerOf(req) || null;
      if (bearer) calls.push({ name: "token", subject: bearer });
      const paths = trpcPaths(req);
      const searches = paths ? paths.filter((p) => p === SEARCH_PROCEDURE).length : req.routeOptions.url === REST_SEARCH_ROUTE ? 1 : 0;
      if (searches > 0 && limiters.has("search")) {
        let who = bearer ? `token:${bearer}` : `address:${req.ip}`;
        if (!bearer) {
          const actor = await req.actor().catch(() => null);
          if (actor) who = `user:${actor.userId}`;
        }
        for (let i = 0; i < searches; i++) calls.push({ name: "search", subject: who });
      }
      if (paths) {
        for (const login of signInLogins(req, paths)) {
          calls.push({ name: "signInPerAddress", subject: req.ip }, { name: "signInPerAccount", subject: login });
        }
      }
      for (const { name, subject } of calls) {
        const limiter = limiters.get(name);
        if (!limiter) continue;
        // Keys are hashed: the counters never hold a token, an address or a typed login in the clear.
        keyOf.set(req, `${name}:${hashSecret(subject)}`);
        const result = await limiter.count(req);
        if (result.isAllowed || !result.isExceeded) continue;
        const retryAfter = Math.max(1, result.ttlInSeconds);
        void reply.header("retry-after", String(retryAfter));
        const { max, windowMs } = limiter.limit;
        return refuse(
          req,
          reply,
          429,
          "TOO_MANY_REQUESTS",
          `Too many ${WHAT[name]}: at most ${max} per ${describeWindow(windowMs)}. Try again in ${retryAfter} second${retryAfter === 1 ? "" : "s"}.`,
          { limit: name, setting: SETTING[name], max, windowSeconds: windowMs / 1000, retryAfterSeconds: retryAfter },
        );
      }
    });

    if (onPostgres) {
      let running: Promise<unknown> = Promise.resolve();
      const timer = setInterval(() => {
        running = pruneRateLimitHits(database.db).catch((err: unknown) => app.log.warn({ err }, "could not prune rate-limit counters; will retry"));
      }, PRUNE_EVERY_MS);
      timer.unref();
      app.addHook("onClose", async () => {
        clearInterval(timer);
        await running;
      });
    }
  },
  { name: "hindsight-rate-limits", dependencies: ["hindsight-identity"] },
);
