// Prometheus metrics at GET /metrics (prom-client), one registry per app instance (tests build many
// apps in one process). Owns every metric's name and labels. Labels never carry ids, slugs, query
// text or tokens: HTTP requests are labelled by the route *pattern* (tRPC by procedure name, from the
// router's fixed list), so the number of series stays bounded whatever callers send.
import type { Database } from "@hindsight/db";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { outboxStatus, type OutboxStatus } from "../services/outbox-relay.js";

export type ImportSource = "markdown" | "slack" | "chat";

export interface AppMetrics {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status_code">;
  searchDuration: Histogram<"engine" | "outcome">;
  importEntries: Counter<"source" | "outcome">;
  importBatches: Counter<"source">;
  importFailures: Counter<"source">;
}

/** Route label of requests no route matched (404s, the portal's client-side routes). */
export const UNMATCHED_ROUTE = "(unmatched)";

export function createMetrics(): AppMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new Histogram({
      name: "hindsight_http_request_duration_seconds",
      help: "HTTP requests by method, route pattern and status code",
      labelNames: ["method", "route", "status_code"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    searchDuration: new Histogram({
      name: "hindsight_search_duration_seconds",
      help: "Searches (the search service: engine query, facets, logging) by engine and outcome",
      labelNames: ["engine", "outcome"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.35, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    importEntries: new Counter({
      name: "hindsight_import_entries_total",
      help: "Entries written by imports (REST, CLI and portal), by source and outcome (created, updated, unchanged)",
      labelNames: ["source", "outcome"],
      registers: [registry],
    }),
    importBatches: new Counter({
      name: "hindsight_import_batches_total",
      help: "Import requests that committed, by source",
      labelNames: ["source"],
      registers: [registry],
    }),
    importFailures: new Counter({
      name: "hindsight_import_failures_total",
      help: "Import requests that failed (nothing of them was stored), by source",
      labelNames: ["source"],
      registers: [registry],
    }),
  };
}

interface ImportReportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Runs one import request and counts it: its entries and batch when it commits, a failure when it throws. */
export async function countImport<T extends ImportReportCounts>(metrics: AppMetrics | undefined, source: ImportSource, run: () => Promise<T>): Promise<T> {
  if (!metrics) return run();
  try {
    const report = await run();
    metrics.importBatches.inc({ source });
    for (const outcome of ["created", "updated", "unchanged"] as const) {
      if (report[outcome] > 0) metrics.importEntries.inc({ source, outcome }, report[outcome]);
    }
    return report;
  } catch (err) {
    metrics.importFailures.inc({ source });
    throw err;
  }
}

/** Times one search; the outcome is error when it throws. */
export async function timeSearch<T>(metrics: AppMetrics | undefined, engine: string, run: () => Promise<T>): Promise<T> {
  if (!metrics) return run();
  const end = metrics.searchDuration.startTimer({ engine });
  try {
    const result = await run();
    end({ outcome: "ok" });
    return result;
  } catch (err) {
    end({ outcome: "error" });
    throw err;
  }
}

export interface MetricsPluginOptions {
  metrics: AppMetrics;
  database: Database;
  /** tRPC procedure names (`search.query`), the only values a tRPC route label may take. */
  trpcProcedures: Iterable<string>;
}

/** The route label: the matched pattern; tRPC's `/trpc/:path` by procedure; anything else fixed. */
export function routeLabel(req: FastifyRequest, procedures: ReadonlySet<string>): string {
  const pattern = req.routeOptions.url;
  if (!pattern) return UNMATCHED_ROUTE;
  if (pattern === "/trpc/:path") {
    const path = (req.params as { path?: string } | undefined)?.path ?? "";
    if (procedures.has(path)) return `/trpc/${path}`;
    const parts = path.split(",");
    return parts.length > 1 && parts.every((p) => procedures.has(p)) ? "/trpc/(batch)" : "/trpc/(unknown)";
  }
  return pattern;
}

export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: MetricsPluginOptions) => {
    const { metrics, database } = opts;
    const procedures = new Set(opts.trpcProcedures);

    // Outbox gauges are read at scrape time; the three share one query per scrape.
    let scrapeStatus: Promise<OutboxStatus | null> | null = null;
    const readStatus = () =>
      outboxStatus(database.db).catch((err: unknown) => {
        app.log.warn({ err }, "metrics: could not read the search outbox");
        return null;
      });
    const currentStatus = () => scrapeStatus ?? readStatus();
    new Gauge({
      name: "hindsight_search_outbox_pending",
      help: "Search outbox events not yet delivered to the engine (external engines only; 0 for the embedded one)",
      registers: [metrics.registry],
      async collect() {
        const s = await currentStatus();
        if (s) this.set(s.pending);
      },
    });
    new Gauge({
      name: "hindsight_search_outbox_parked",
      help: "Search outbox events parked after repeated failures (need an operator)",
      registers: [metrics.registry],
      async collect() {
        const s = await currentStatus();
        if (s) this.set(s.parked);
      },
    });
    new Gauge({
      name: "hindsight_search_outbox_oldest_age_seconds",
      help: "Age of the oldest undelivered search outbox event (0 when none)",
      registers: [metrics.registry],
      async collect() {
        const s = await currentStatus();
        if (s) this.set(s.oldestPendingAt ? Math.max(0, (Date.now() - s.oldestPendingAt.getTime()) / 1000) : 0);
      },
    });

    app.addHook("onResponse", async (req, reply) => {
      metrics.httpDuration.observe(
        { method: req.method, route: routeLabel(req, procedures), status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    app.get("/metrics", { schema: { hide: true } }, async (_req, reply) => {
      scrapeStatus = readStatus();
      const text = await metrics.registry.metrics().finally(() => (scrapeStatus = null));
      return reply.header("content-type", metrics.registry.contentType).header("cache-control", "no-store").send(text);
    });
  },
  { name: "hindsight-metrics" },
);
