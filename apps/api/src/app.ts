// buildApp: the whole Hindsight server as one Fastify instance. server.ts only listens and handles
// signals; tests call buildApp and use app.inject, no port needed.
import fs from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import fastifyStatic from "@fastify/static";
import { createDatabase, runMigrations, type Database } from "@hindsight/db";
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from "@trpc/server/adapters/fastify";
import { PostgresSearchEngine, type SearchEngine } from "@hindsight/search";
import { findUnsafeInput, Invalid, unsafeInputMessage } from "@hindsight/domain";
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from "fastify";
import type { Config } from "./config.js";
import { toRestError } from "./errors.js";
import type { AppDeps } from "./deps.js";
import { ensureAdminUser } from "./identity/identity.js";
import { issueSetupToken, needsFirstAdmin } from "./identity/local-accounts.js";
import { createOidcClient } from "./identity/oidc.js";
import { csrfProtection } from "./plugins/csrf.js";
import { edgeErrorHandler, refuseTrpcMultipart } from "./plugins/edge-errors.js";
import { identityPlugin } from "./plugins/identity.js";
import { rateLimits } from "./plugins/rate-limits.js";
import { securityHeaders } from "./plugins/security-headers.js";
import { oidcRoutes } from "./plugins/oidc.js";
import { slackChatops, type SlackResponder } from "./rest/chatops.js";
import { openapiPlugin } from "./rest/openapi.js";
import { integrationWebhooks } from "./rest/integrations.js";
import { restV1 } from "./rest/v1.js";
import { appRouter, type AppRouter } from "./router.js";
import { seedDemoWorkspace } from "./seed/seed.js";
import { sendDigests, type DigestDeps } from "./services/digest-service.js";
import { createSmtpMailer } from "./services/mailer.js";
import { outboxStatus } from "./services/outbox-relay.js";
import { backfillEmbeddedIndex, createSearch, type SearchSetup } from "./services/search-setup.js";
import { runRetention } from "./services/retention.js";
import { SearchLog } from "./services/search-log.js";
import type { Context } from "./trpc.js";
import { readinessPlugin } from "./plugins/health.js";
import { loggingOptions, requestIdPlugin } from "./plugins/logging.js";
import { createMetrics, metricsPlugin } from "./plugins/metrics.js";

export interface BuildOptions {
  /** A database opened by the caller (tests); it is migrated but not closed by the app. */
  database?: Database;
  /** An external search engine (tests: an in-process double), fed through the outbox. */
  searchEngine?: SearchEngine;
  /** Start the outbox relay's timer for external engines (default true; tests drive it by hand). */
  startRelay?: boolean;
  /** Replaces posting replies to Slack's response_url (tests). */
  slackRespond?: SlackResponder;
  /** Sees every route as it is registered (tests: the OpenAPI document must list each one). */
  onRoute?: (route: RouteOptions) => void;
  /** Start the digest scheduler (default: HINDSIGHT_DIGESTS; tests drive sendDigests by hand). */
  startDigests?: boolean;
  /** Replaces HTTP posts of chat digests (tests). */
  chatFetch?: typeof fetch;
  /** Where the log goes instead of stdout (tests capture it). */
  logStream?: Writable;
}

declare module "fastify" {
  interface FastifyInstance {
    /** The outbox relay when an external search engine is configured. */
    searchRelay: import("./services/outbox-relay.js").OutboxRelay | null;
    /** The search log (flush it to read what the last searches wrote). */
    searchLog: SearchLog;
    /** What sending digests needs (the scheduler, and tests that send by hand). */
    digestDeps: DigestDeps;
  }
}

/** The version of the REST surface's document (the path says /v1; this counts its additions). */
const API_VERSION = "1.1.0";

const RETENTION_EVERY_MS = 60 * 60 * 1000;

/**
 * Keeps what expires to its retention (the search log, ended sessions, old sign-in failures): once at
 * start, then every hour while the app runs (one replica at a time: services/retention.ts). Returns a stop function that waits for a prune in flight,
 * so the database outlives it.
 */
function startRetention(app: FastifyInstance, database: Database, config: Config): () => Promise<void> {
  const days = config.searchLogDays;
  const prune = async () => {
    try {
      const { searchesForgotten: forgotten } = await runRetention(database, { searchLogDays: days, sessionIdleMs: config.auth.sessionIdleMs });
      if (forgotten > 0) app.log.info(`forgot ${forgotten} searches older than ${days} days`);
    } catch (err) {
      app.log.warn({ err }, "could not prune expired data; will retry");
    }
  };
  let running = prune();
  const timer = setInterval(() => (running = prune()), RETENTION_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

const DIGESTS_EVERY_MS = 15 * 60 * 1000;

/**
 * Sends due digests (daily, then weekly): once at start, then every 15 minutes. Every replica may
 * run this; each person's digest of a period is claimed by one sender (digest_runs). Returns a stop
 * function that waits for a run in flight.
 */
function startDigests(app: FastifyInstance, deps: DigestDeps): () => Promise<void> {
  let stopped = false;
  const run = async () => {
    for (const frequency of ["daily", "weekly"] as const) {
      if (stopped) return;
      try {
        const s = await sendDigests(deps, frequency, new Date(), (err) => app.log.warn({ err }, "a digest failed; will retry"));
        if (s.sent || s.failed) app.log.info({ frequency, sent: s.sent, failed: s.failed }, "sent digests");
      } catch (err) {
        app.log.warn({ err }, "could not send digests; will retry");
      }
    }
  };
  let running = run();
  const timer = setInterval(() => (running = run()), DIGESTS_EVERY_MS);
  timer.unref();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}

/**
 * A new server with local accounts and no admin yet prints a one-time link that creates the first
 * admin (the token is a credential: it goes to the console only, never into the structured log).
 */
async function announceFirstAdminSetup(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const { config, database } = deps;
  if (config.demo || !config.auth.localLogin || !(await needsFirstAdmin(database.db))) return;
  const { token, expiresAt } = await issueSetupToken(database.db);
  const line = `${config.publicUrl}/setup#token=${token}`;
  app.log.warn("no admin yet: open the one-time set-up link printed on the console, or run `hindsight-admin create-admin`");
  if (config.logLevel !== "silent") {
    process.stderr.write(`\n  Create the first admin (one time, until ${expiresAt.toISOString()}):\n    ${line}\n\n`);
  }
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Request ids (an incoming valid x-request-id is honoured) and what the log may hold: plugins/logging.ts.
    ...loggingOptions(config, options.logStream),
    routerOptions: { maxParamLength: 5000 },
    trustProxy: config.trustProxy,
    // Portal imports (a Slack export as base64) go through tRPC; REST routes set their own limits.
    bodyLimit: config.bodyLimit,
    // Prototype keys are parsed as plain keys and then refused, naming where, by the preValidation hook
    // below (the default would answer "Body is not valid JSON", which sends people looking elsewhere).
    onProtoPoisoning: "ignore",
    onConstructorPoisoning: "ignore",
    // A URL Fastify cannot decode (a stray %, bad escapes) gets the API's error shape, not Fastify's own.
    frameworkErrors: (err, req, reply) => void edgeErrorHandler(err, req as FastifyRequest, reply as FastifyReply),
    // Per-request lines only when debugging; they would drown everything else at info.
    logController: new LogController({ disableRequestLogging: config.logLevel !== "debug" && config.logLevel !== "trace" }),
  });

  if (options.onRoute) app.addHook("onRoute", options.onRoute);
  // Before any route, so every request gets its id echoed and is measured.
  const metrics = createMetrics();
  await app.register(requestIdPlugin);
  // Before any route: Fastify hands each route the error handler in force when the route is added.
  app.setErrorHandler(edgeErrorHandler);
  app.addHook("onRequest", refuseTrpcMultipart);
  // REST and the other plain routes: the same refusal tRPC's middleware gives (trpc.ts), before any
  // handler runs, so a NUL byte or a prototype key in a body, query or path never reaches a write.
  app.addHook("preValidation", async (req, reply) => {
    if (req.url.startsWith("/trpc/")) return;
    const found = findUnsafeInput(req.params, "params") ?? findUnsafeInput(req.query, "query") ?? findUnsafeInput(req.body);
    if (!found) return;
    const { status, body } = toRestError(new Invalid(unsafeInputMessage(found), { [found.path || "body"]: [found.problem] }));
    return reply.status(status).send(body);
  });

  const database = options.database ?? (await createDatabase(config.database));
  let searchIdle: () => Promise<void> = async () => undefined;
  let stopRetention: () => Promise<void> = async () => undefined;
  let stopDigests: () => Promise<void> = async () => undefined;
  // Background work (index maintenance, search-log pruning, digests) must finish before the database goes away.
  app.addHook("onClose", async () => {
    // What searches logged is written before the database closes (a search after this writes at once).
    await searchLog?.close().catch((err: unknown) => app.log.error({ err }, "search log: could not write the last searches"));
    await stopDigests();
    closeMailer();
    await stopRetention();
    await searchIdle();
    if (!options.database) await database.close();
  });
  let closeMailer = () => undefined as void;
  let searchLog: SearchLog | undefined;
  let search: SearchSetup;
  try {
    await runMigrations(database);
    search = await createSearch(config, database, options.searchEngine, (err) => app.log.warn({ err }, "search outbox relay: engine call failed; will retry"));
    if (config.seed) {
      const seeded = await seedDemoWorkspace(database.db, search.sync);
      if (seeded) app.log.info(seeded, "seeded the demo workspace (set HINDSIGHT_SEED=false to skip)");
    }
    if (search.engine instanceof PostgresSearchEngine) {
      const indexed = await backfillEmbeddedIndex(database, search.engine);
      if (indexed) app.log.info(`indexed ${indexed} entries missing from the search index`);
      await search.engine.ensureReady();
      search.engine.warmQueryAnalysis();
      const engine = search.engine;
      searchIdle = () => engine.idle();
    }
  } catch (err) {
    await app.close();
    throw err;
  }
  const deps: AppDeps = {
    config,
    database,
    adminUserId: await ensureAdminUser(database.db),
    engine: search.engine,
    searchSync: search.sync,
    oidc: config.auth.oidc ? createOidcClient(config.auth.oidc, config.publicUrl) : null,
    mailer: config.digests.smtp ? createSmtpMailer(config.digests.smtp) : null,
    metrics,
    searchLog: (searchLog = new SearchLog(database.db, (err) => app.log.warn({ err }, "search log: write failed; will retry")).start()),
  };

  const mailer = deps.mailer;
  if (mailer) closeMailer = () => mailer.close();

  stopRetention = startRetention(app, database, config);
  const digestDeps: DigestDeps = { db: database.db, engine: search.engine, config, mailer, fetch: options.chatFetch };
  app.decorate("digestDeps", digestDeps);
  if (options.startDigests ?? config.digests.schedule) stopDigests = startDigests(app, digestDeps);
  await announceFirstAdminSetup(app, deps);

  if (search.relay) {
    const relay = search.relay;
    if (options.startRelay !== false) relay.start();
    app.addHook("onClose", () => relay.stop());
  }
  app.decorate("searchRelay", search.relay);
  app.decorate("searchLog", searchLog!);

  await app.register(metricsPlugin, { metrics, database, trpcProcedures: Object.keys(appRouter._def.procedures) });
  await app.register(readinessPlugin, { database, maxOutboxLagSeconds: config.ops.readyMaxOutboxLagSeconds });
  await app.register(identityPlugin, { deps });
  // Before every route, so their hooks apply to all: headers, the same-origin proof, rate limits.
  await app.register(securityHeaders, { config });
  await app.register(csrfProtection, { config });
  await app.register(rateLimits, { deps });
  // Before any route: it documents the /api/v1 routes as they are added.
  await app.register(openapiPlugin, { version: API_VERSION });

  app.get("/healthz", async (_req, reply) => {
    try {
      await database.ping();
    } catch {
      return reply.status(503).send({ status: "unavailable", database: database.driver });
    }
    // The search engine being down is reported, not fatal: writes queue in the outbox meanwhile.
    const searchHealth = await search.engine.health().catch((err: unknown) => ({ ok: false, detail: (err as Error).message }));
    return {
      status: "ok",
      database: database.driver,
      search: { engine: search.engine.name, ok: searchHealth.ok, ...(search.relay ? { outbox: await outboxStatus(database.db) } : {}) },
    };
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: async ({ req, res }): Promise<Context> => ({ deps, actor: await req.actor(), req, res }),
      // tRPC answers a request it cannot even parse (no content type, say) with a JSON body labelled
      // text/plain; every reply here is JSON (the portal uses httpBatchLink, no streaming).
      responseMeta: ({ eagerGeneration }) => (eagerGeneration ? {} : { headers: { "content-type": "application/json" } }),
      onError: ({ error, path: procedure }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") app.log.error({ err: error.cause ?? error, procedure }, "tRPC procedure failed");
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"],
  });

  if (deps.oidc) await app.register(oidcRoutes, { deps, oidc: deps.oidc });

  await app.register(restV1, { prefix: "/api/v1", deps });
  // Outgoing webhooks of Mattermost, Rocket.Chat, Teams and bots; each integration signs its own.
  await app.register(integrationWebhooks, { prefix: "/api/v1/integrations", deps });
  // ChatOps webhooks exist only when Slack can sign them: without the secret nothing could be verified.
  if (config.slack) {
    await app.register(slackChatops, { prefix: "/api/v1/chatops/slack", deps, slack: config.slack, respond: options.slackRespond });
  }

  const portalIndex = path.join(config.portalDir, "index.html");
  const servePortal = fs.existsSync(portalIndex);
  if (servePortal) {
    // preCompressed: the portal build writes `.br` and `.gz` beside each text file (apps/portal
    // vite-precompress.ts), sent to browsers that accept them, so nothing is compressed per request.
    await app.register(fastifyStatic, { root: config.portalDir, wildcard: false, index: ["index.html"], preCompressed: true });
  } else {
    app.log.warn(`portal not built at ${config.portalDir}; serving the API only`);
  }

  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split("?")[0] ?? "/";
    const isApi = url.startsWith("/api/") || url.startsWith("/trpc/") || url.startsWith("/auth/") || url === "/healthz";
    // Client-side routes of the single-page portal get its index.html.
    if (servePortal && !isApi && req.method === "GET" && !path.extname(url)) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.status(404).send({ error: { code: "NOT_FOUND", message: `No route ${req.method} ${url}` } });
  });

  return app;
}
