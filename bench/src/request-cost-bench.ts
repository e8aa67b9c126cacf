#!/usr/bin/env node
// `pnpm bench:request-cost`: what one search costs through the API when the index is small, so the
// fixed cost per request (round trips, the search log, identity, plugins) is most of it. It imports
// the shared corpus (149 documents) as `bench:relevance` does, then sends the dev queries and the
// judged set's tune half (never the test half) as `GET /api/v1/search` with the admin bearer token,
// one client at a time by default (in a worker thread, so the client does not queue behind the
// server), and prints p50/p95/p99 overall and per query style, beside the engine call alone.
// Run the server under `node --cpu-prof` to see where the time goes (docs/benchmarks.md).
// Exit code: 0 when every request succeeded, 1 otherwise (slow is not an error).
import { Command, Option } from "commander";
import pg from "pg";
import { cpuDelta, postgresBackendCpu } from "./backend-cpu.js";
import { finishRun, listOf, onStopSignal, positiveInt, positiveInts, runMain } from "./cli.js";
import { DEFAULT_CORPUS, loadCorpus } from "./corpus.js";
import type { DbKind, RunningHindsight } from "./hindsight-app.js";
import { importCorpus, searchPath } from "./hindsight-client.js";
import { DEFAULT_JUDGED, DEFAULT_NOANSWER, loadJudged } from "./judged.js";
import { runLoadInWorker } from "./load.js";
import { ms, summarise, type LatencySummary } from "./stats.js";
import { formatTable } from "./table.js";

const DBS = ["pglite", "postgres"] as const;

interface Options {
  db: DbKind[];
  iterations: number;
  concurrency: number[];
  warmup: number;
  corpus: string;
  postgresUrl: string;
  json?: string;
}

const program = new Command("request-cost")
  .description("Per-request cost of GET /api/v1/search over the 149-document shared corpus (p50/p95/p99, one client by default)")
  .addOption(new Option("--db <list>", "databases: pglite, postgres").argParser(listOf(DBS)).default([...DBS], "pglite,postgres"))
  .addOption(new Option("--iterations <n>", "searches per measurement").argParser(positiveInt).default(600))
  .addOption(new Option("--concurrency <list>", "HTTP client concurrencies").argParser(positiveInts).default([1], "1"))
  .addOption(new Option("--warmup <n>", "unrecorded searches before each measurement").argParser((v) => (v === "0" ? 0 : positiveInt(v))).default(100))
  .option("--corpus <dir>", "the shared corpus folder", DEFAULT_CORPUS)
  .option("--postgres-url <url>", "Postgres server to create the throwaway database on", "postgres://postgres@127.0.0.1:5432/postgres")
  .option("--json <file>", "also write all results as JSON")
  .showHelpAfterError();

interface Case {
  db: DbKind;
  label: string;
  engine: LatencySummary;
  http: {
    concurrency: number;
    summary: LatencySummary;
    throughput: number;
    errors: number;
    /** CPU ms per search of this process (the server, and the client's worker thread). */
    processCpuMs: number;
    /** CPU ms per search of the benchmark database's Postgres backends (null on PGlite). */
    postgresCpuMs: number | null;
    /** SQL statements the app sent per search (Postgres only: counted in the pg driver). */
    statements: number | null;
  }[];
  byStyle: Record<string, LatencySummary>;
  errors: string[];
}

/** Counts the statements the app's pg pool sends (the app and this benchmark share the pg module). */
function countStatements(): { count(): number; stop(): void } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let n = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  return { count: () => n, stop: () => void (proto.query = original) };
}

async function benchDb(db: DbKind, opts: Options, queries: { q: string; style: string }[], onStart: (h: RunningHindsight) => void): Promise<Case> {
  const { startHindsight } = await import("./hindsight-app.js");
  const h = await startHindsight(db, { postgresUrl: opts.postgresUrl });
  onStart(h);
  const errors: string[] = [];
  try {
    const corpus = loadCorpus(opts.corpus);
    await importCorpus(h.inject, corpus.docs);
    const baseUrl = await h.listen();
    const picked = Array.from({ length: opts.iterations }, (_, i) => queries[i % queries.length]!);

    // The engine alone, in this process: the floor the API path adds its fixed cost to.
    for (const { q } of picked.slice(0, Math.min(opts.warmup, picked.length))) await h.engine.search({ q, scope: { all: true }, limit: 10 });
    const engine: number[] = [];
    for (const { q } of picked) {
      const started = performance.now();
      await h.engine.search({ q, scope: { all: true }, limit: 10 });
      engine.push(performance.now() - started);
    }

    const http: Case["http"] = [];
    let byStyle: Record<string, LatencySummary> = {};
    for (const concurrency of opts.concurrency) {
      const paths = picked.map(({ q }) => searchPath({ q, limit: 10 }));
      if (opts.warmup) await runLoadInWorker({ baseUrl, token: h.token, paths: paths.slice(0, opts.warmup), concurrency, warmup: 0 });
      const pgBefore = db === "postgres" ? await postgresBackendCpu(opts.postgresUrl, h.db.label) : null;
      const counter = db === "postgres" ? countStatements() : null;
      const cpuBefore = process.cpuUsage();
      const result = await runLoadInWorker({ baseUrl, token: h.token, paths, concurrency, warmup: 0 });
      // The search log writes within a second: wait for it, so its statements and CPU count too.
      // (Typed loosely so this file also runs against builds from before the log was batched.)
      await (h.app as unknown as { searchLog?: { flush(): Promise<void> } }).searchLog?.flush();
      const cpu = process.cpuUsage(cpuBefore);
      const statements = counter?.count() ?? null;
      counter?.stop();
      const pgAfter = db === "postgres" ? await postgresBackendCpu(opts.postgresUrl, h.db.label) : null;
      const pgSeconds = cpuDelta(pgBefore, pgAfter);
      const n = result.latencies.length || 1;
      if (result.firstError) errors.push(`HTTP c=${concurrency}: ${result.errors} failed, first: ${result.firstError}`);
      http.push({
        concurrency,
        summary: summarise(result.latencies),
        throughput: result.latencies.length / (result.wallMs / 1000),
        errors: result.errors,
        processCpuMs: (cpu.user + cpu.system) / 1000 / n,
        postgresCpuMs: pgSeconds === null ? null : (pgSeconds * 1000) / n,
        statements: statements === null ? null : statements / n,
      });
      if (concurrency === Math.min(...opts.concurrency)) {
        const styles = [...new Set(queries.map((x) => x.style))];
        byStyle = Object.fromEntries(styles.map((s) => [s, summarise(result.byPath.filter((x, i) => picked[i]!.style === s && Number.isFinite(x)))]));
      }
    }
    return { db, label: h.db.label, engine: summarise(engine), http, byStyle, errors };
  } finally {
    await h.close();
  }
}

function formatCase(c: Case, corpusDocs: number, nQueries: number): string {
  const row = (path: string, conc: string, s: LatencySummary, rate: string, errs: string, cpu = ["-", "-", "-"]) => [
    path, conc, String(s.n), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.mean), rate, errs, ...cpu,
  ];
  const one = (x: number | null) => (x === null ? "-" : x.toFixed(2));
  return [
    `== ${corpusDocs} corpus documents · ${c.label} · ${nQueries} distinct queries (dev + judged tune half) ==`,
    formatTable(
      ["path", "conc", "n", "p50 ms", "p95 ms", "p99 ms", "mean ms", "req/s", "errors", "CPU ms/search (node)", "CPU ms/search (postgres)", "SQL/search"],
      [
        row("engine (postgres) direct", "1", c.engine, "-", "0"),
        ...c.http.map((m) =>
          row("HTTP GET /api/v1/search", String(m.concurrency), m.summary, m.throughput.toFixed(0), String(m.errors), [
            one(m.processCpuMs),
            one(m.postgresCpuMs),
            one(m.statements),
          ]),
        ),
      ],
      { align: ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right", "right", "right"] },
    ),
    "(CPU: this process, i.e. the server and the client's worker thread, and the database's backends, per search; SQL: statements the app sent per search)",
    "",
    "HTTP by query style (lowest concurrency):",
    formatTable(
      ["style", "n", "p50 ms", "p95 ms", "p99 ms"],
      Object.entries(c.byStyle).map(([s, x]) => [s, String(x.n), ms(x.p50), ms(x.p95), ms(x.p99)]),
      { align: ["left", "right", "right", "right", "right"] },
    ),
  ].join("\n");
}

async function main(): Promise<number> {
  const opts = program.parse().opts<Options>();
  const corpus = loadCorpus(opts.corpus);
  const known = new Set(corpus.docs.map((d) => d.id));
  // The tune half only: latency runs print no relevance, but the held-out half stays unread.
  const judged = [...loadJudged(DEFAULT_JUDGED, { known }), ...loadJudged(DEFAULT_NOANSWER, { known })].filter((q) => q.split === "tune");
  const queries = [...corpus.queries.map((q) => ({ q: q.q, style: "dev" })), ...judged.map((q) => ({ q: q.q, style: q.style }))];
  console.log(
    `request cost: ${corpus.docs.length} corpus documents on ${opts.db.join(", ")}; ${opts.iterations} searches per measurement over ${queries.length} queries, ` +
      `concurrency ${opts.concurrency.join(", ")}, warmup ${opts.warmup}`,
  );
  let current: RunningHindsight | null = null;
  const stopping = onStopSignal(async () => current?.close());
  const cases: Case[] = [];
  const failures: string[] = [];
  for (const db of opts.db) {
    if (stopping()) break;
    try {
      const c = await benchDb(db, opts, queries, (h) => (current = h));
      cases.push(c);
      console.log(`\n${formatCase(c, corpus.docs.length, queries.length)}`);
      failures.push(...c.errors.map((e) => `${db}: ${e}`));
    } catch (err) {
      if (stopping()) break;
      failures.push(`${db}: ${(err as Error).message}`);
    } finally {
      current = null;
    }
  }
  return finishRun(opts.json, { options: opts, cases }, failures);
}

await runMain("request-cost", main);
