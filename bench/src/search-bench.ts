#!/usr/bin/env node
// `pnpm bench:search`: how fast Hindsight imports and searches at scale, and how the cost grows. For
// each database (PGlite in a temporary data directory, as the embedded server keeps it, or a
// throwaway Postgres database) it starts the real app in a child process (load-server.ts) on a local
// port, then walks the sizes upwards on that one database: bulk-imports the generated entries the
// previous size did not have through POST /api/v1/entries (1,000 per request, generated as they are
// sent), then measures search latency over a rotating set of realistic queries, the engine alone (in
// the server process, no HTTP) and the full HTTP path (from a worker thread here) with 1 and 8
// concurrent clients, the index's size on disk and the memory of both processes. At the end: the
// curve as tables, the performance issue's goal checks (PASS/FAIL) and, with --chart, an SVG chart.
// Exit code: 0 when every step and request succeeded, 1 otherwise (slow is not an error, nor a missed
// goal unless --fail-on-goals).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { curveChartSpec, renderChartSvg } from "./chart.js";
import { finishRun, listOf, onStopSignal, positiveInt, positiveInts, runMain, userPath } from "./cli.js";
import { DEFAULT_CORPUS, loadCorpus } from "./corpus.js";
import { formatGoalChecks, goalChecks, importSteps, parseSizes, resumeSteps, throughputRatio, type CurvePoint, type DiskUsage, type ImportStep } from "./curve.js";
import { buildQuerySpecs, entryBatches, QUERY_CLASSES, queryAt, type EntryKind, type QueryClass, type QuerySpec } from "./generator.js";
import type { SearchQuery } from "@hindsight/search";
import { keptDatabaseEntries, type DbKind, type PgliteStorage } from "./hindsight-app.js";
import { httpTransport, MAX_PER_REQUEST, postEntries, search, searchPath, type SearchParams } from "./hindsight-client.js";
import { runLoadInWorker, type LoadResult } from "./load.js";
import { startServer, type ServerChild } from "./server-child.js";
import { bytes, ms, summarise, type LatencySummary } from "./stats.js";
import { formatTable } from "./table.js";
import { buildVocabulary } from "./vocabulary.js";

const DBS = ["pglite", "postgres"] as const;

interface Options {
  sizes: number[];
  db: DbKind[];
  iterations: number;
  concurrency: number[];
  warmup: number;
  seed: string;
  corpus: string;
  postgresUrl: string;
  pgliteStorage: PgliteStorage;
  keepDb?: string;
  chart?: string;
  failOnGoals: boolean;
  json?: string;
}

const program = new Command("search-bench")
  .description("Import throughput and search latency (p50/p95/p99) of Hindsight at scale, on PGlite and Postgres")
  .addOption(
    new Option("--sizes <list>", "entry counts, comma-separated (10k, 1M allowed); cumulative on one database: 10000,100000 imports 10k, measures, imports 90k more, measures")
      .argParser(parseSizes)
      .default([10_000], "10000"),
  )
  .addOption(new Option("--db <list>", "databases: pglite, postgres").argParser(listOf(DBS)).default([...DBS], "pglite,postgres"))
  .addOption(new Option("--iterations <n>", "searches per measurement").argParser(positiveInt).default(400))
  .addOption(new Option("--concurrency <list>", "concurrent clients, over HTTP and on the engine alone").argParser(positiveInts).default([1, 8], "1,8"))
  .addOption(new Option("--warmup <n>", "unrecorded searches before each measurement").argParser((v) => (v === "0" ? 0 : positiveInt(v))).default(20))
  .option("--seed <seed>", "seed of the generated entries and queries", "42")
  .option("--corpus <dir>", "the shared corpus folder (vocabulary source)", DEFAULT_CORPUS)
  .option("--postgres-url <url>", "Postgres server to create throwaway databases on", "postgres://postgres@127.0.0.1:5432/postgres")
  .addOption(
    new Option("--pglite-storage <where>", "PGlite's pages: disk (a temporary data directory, as the embedded server) or memory").choices(["disk", "memory"]).default("disk"),
  )
  .option(
    "--keep-db <name>",
    "Postgres only: use this database (created when missing) and keep it, importing only the entries it does not hold yet, so a long curve (1M) can be built over several runs",
  )
  .option("--chart <file.svg>", "write the curve (p50/p95 against size, log x axis) as an SVG chart")
  .option("--fail-on-goals", "exit 1 when a goal check fails (by default they are only printed)", false)
  .option("--json <file>", "also write all results as JSON")
  .showHelpAfterError();

interface Measurement {
  path: string;
  concurrency: number;
  summary: LatencySummary;
  throughput: number | null;
  errors: number;
}

interface Memory {
  rss: number;
  peakRss: number;
}

interface CaseResult {
  db: DbKind;
  dbLabel: string;
  size: number;
  /** Entries imported in this step (the database held `from` before it). */
  imported: ImportStep;
  importSeconds: number;
  entriesPerSecond: number;
  /** The process serving the API (and, for PGlite, holding the database), after the measurements. */
  server: Memory | null;
  /** This process: the generator and the HTTP clients. */
  bench: Memory;
  disk: DiskUsage | null;
  /** 1-minute load average when the measurements started and ended: how busy the machine was. */
  loadavg: [number, number];
  zeroHit: { class: QueryClass; q: string }[];
  measurements: Measurement[];
  byClass: Record<string, LatencySummary>;
  errors: string[];
}

const fmtInt = (n: number) => n.toLocaleString("en-US");
const rate = (perSecond: number) => perSecond.toFixed(perSecond < 10 ? 1 : 0);

/** What GET /api/v1/search hands the engine for these parameters, as the admin (scope: everything). */
function toEngineQuery(p: SearchParams): SearchQuery {
  return {
    q: p.q,
    scope: { all: true },
    filters: {
      ...(p.kind ? { kinds: [p.kind as EntryKind] } : {}),
      ...(p.service ? { services: [p.service.toLowerCase()] } : {}),
      ...(p.tag ? { tags: [p.tag.toLowerCase()] } : {}),
    },
    sort: "relevance",
    limit: p.limit ?? 10,
  };
}

type Vocab = ReturnType<typeof buildVocabulary>;

function benchMemory(): Memory {
  return { rss: process.memoryUsage().rss, peakRss: process.resourceUsage().maxRSS * 1024 };
}

/**
 * Imports entries [from, to) over HTTP. The next batch is generated while the server stores the
 * previous one, so generation costs no wall time and only two batches exist at once.
 */
async function importEntries(server: ServerChild, step: ImportStep, opts: Options, vocab: Vocab): Promise<number> {
  const t = httpTransport(server.baseUrl, server.token);
  const batches = entryBatches(step.from, step.to, MAX_PER_REQUEST, vocab, { seed: opts.seed });
  const started = performance.now();
  let done = step.from;
  let next = batches.next();
  while (!next.done) {
    const batch = next.value;
    const sent = postEntries(t, batch);
    next = batches.next();
    await sent;
    done += batch.length;
    if (done % 10_000 === 0 || done === step.to) {
      const seconds = (performance.now() - started) / 1000;
      process.stderr.write(`  imported ${fmtInt(done)}/${fmtInt(step.to)} (${fmtInt(Math.round((done - step.from) / seconds))} entries/s)\n`);
    }
  }
  return (performance.now() - started) / 1000;
}

/** Imports one step's entries into the running server, then measures search at its new size. */
async function benchStep(db: DbKind, server: ServerChild, step: ImportStep, opts: Options, vocab: Vocab, specs: QuerySpec[]): Promise<CaseResult> {
  const errors: string[] = [];
  process.stderr.write(`${fmtInt(step.to)} entries on ${server.label}: importing ${fmtInt(step.to - step.from)}…\n`);
  // A kept database may already hold this size: nothing to import, no import rate.
  const importSeconds = step.to > step.from ? await importEntries(server, step, opts, vocab) : 0;

  const requests = Array.from({ length: opts.iterations }, (_, i) => queryAt(specs, i, opts.seed));
  const paths = requests.map((r) => searchPath(r.params));
  const loadBefore = os.loadavg()[0]!;
  const partial = {
    db,
    dbLabel: server.label,
    size: step.to,
    imported: step,
    importSeconds,
    entriesPerSecond: step.to > step.from ? (step.to - step.from) / importSeconds : NaN,
  };
  // Memory and disk are figures of the step even when search fails; a probe that fails is an error.
  const resources = async () => {
    let disk: DiskUsage | null = null;
    let serverMemory: Memory | null = null;
    try {
      disk = await server.disk();
    } catch (err) {
      errors.push(`size on disk: ${(err as Error).message}`);
    }
    try {
      const u = await server.usage();
      serverMemory = { rss: u.rssBytes, peakRss: u.maxRssBytes };
    } catch (err) {
      errors.push(`server memory: ${(err as Error).message}`);
    }
    return { disk, server: serverMemory, bench: benchMemory(), loadavg: [loadBefore, os.loadavg()[0]!] as [number, number] };
  };

  // One pass over every query shape first: checks the answers' shape and finds queries that match
  // nothing. If search does not answer at all, the import figures still stand on their own.
  const t = httpTransport(server.baseUrl, server.token);
  const zeroHit: CaseResult["zeroHit"] = [];
  try {
    for (let i = 0; i < specs.length; i++) {
      const { spec, params } = queryAt(specs, i, opts.seed);
      const res = await search(t, params);
      if (res.hits.length === 0) zeroHit.push({ class: spec.class, q: params.q });
    }
  } catch (err) {
    errors.push(`search: ${(err as Error).message}`);
    return { ...partial, ...(await resources()), zeroHit, measurements: [], byClass: {}, errors };
  }

  const measurements: Measurement[] = [];
  const record = (path: string, concurrency: number, result: LoadResult) => {
    if (result.firstError) errors.push(`${path} c=${concurrency}: ${result.errors} failed, first: ${result.firstError}`);
    measurements.push({ path, concurrency, summary: summarise(result.latencies), throughput: result.latencies.length / (result.wallMs / 1000), errors: result.errors });
  };
  // The engine alone, in the server process: what the API path's throughput is compared with.
  const engineQueries = requests.map((r) => toEngineQuery(r.params));
  for (const concurrency of opts.concurrency) record("engine alone", concurrency, await server.engineRun(engineQueries, concurrency, opts.warmup));

  let byClass: Record<string, LatencySummary> = {};
  for (const concurrency of opts.concurrency) {
    const result: LoadResult = await runLoadInWorker({ baseUrl: server.baseUrl, token: server.token, paths, concurrency, warmup: opts.warmup });
    record("HTTP GET /api/v1/search", concurrency, result);
    if (concurrency === Math.min(...opts.concurrency)) {
      byClass = Object.fromEntries(
        QUERY_CLASSES.map((c) => [c, summarise(result.byPath.filter((x, i) => requests[i]!.spec.class === c && Number.isFinite(x)))]),
      );
    }
  }
  return { ...partial, ...(await resources()), zeroHit, measurements, byClass, errors };
}

const mib = (n: number) => `${(n / 1024 ** 2).toFixed(n < 10 * 1024 ** 2 ? 1 : 0)} MiB`;
const find = (r: CaseResult, path: "engine" | "HTTP", c: number) => r.measurements.find((m) => m.path.startsWith(path) && m.concurrency === c);

function formatDisk(d: DiskUsage): string {
  const rel = (name: string) => d.relations.find((r) => r.name === name);
  const parts = ["search_postings", "search_terms", "search_docs"].map((n) => {
    const r = rel(n);
    return r?.present ? `${n} ${mib(r.totalBytes)}` : `${n} missing`;
  });
  return (
    `size on disk: search index ${mib(d.searchIndexBytes)} (${parts.join(", ")}; tables and their indexes), ` +
    `entries and revisions ${mib(d.entriesBytes)}, whole database ${mib(d.databaseBytes)}` +
    (d.dataDirBytes !== null ? `, PGlite data directory ${mib(d.dataDirBytes)}` : "")
  );
}

function formatCase(r: CaseResult, specs: QuerySpec[], concurrencies: number[]): string {
  const counts = QUERY_CLASSES.map((c) => `${c} ${specs.filter((s) => s.class === c).length}`).join(", ");
  const added = r.imported.to - r.imported.from;
  const lines = [
    `== ${fmtInt(r.size)} entries · ${r.dbLabel} ==`,
    `import: ${r.imported.from ? `${fmtInt(added)} more (${fmtInt(r.imported.from)} -> ${fmtInt(r.imported.to)})` : fmtInt(added)} entries via POST /api/v1/entries ` +
      `(${MAX_PER_REQUEST} per request) in ${r.importSeconds.toFixed(1)} s = ${Number.isNaN(r.entriesPerSecond) ? "- (none to import)" : `${fmtInt(Math.round(r.entriesPerSecond))} entries/s`}`,
    `memory: API server process RSS ${r.server ? `${bytes(r.server.rss)} (peak ${bytes(r.server.peakRss)})` : "-"}` +
      `${r.db === "pglite" ? ", database included" : ""}; benchmark process RSS ${bytes(r.bench.rss)} (peak ${bytes(r.bench.peakRss)})`,
    `machine: 1-minute load average ${r.loadavg[0].toFixed(1)} -> ${r.loadavg[1].toFixed(1)} during the measurements (${os.cpus().length} cores)`,
  ];
  if (r.disk) lines.push(formatDisk(r.disk));
  lines.push(`queries: ${specs.length} rotating (${counts})`);
  if (!r.measurements.length) return [...lines, `search: not measured (${r.errors.join("; ")})`].join("\n");
  const zeroByClass = QUERY_CLASSES.map((c) => [c, r.zeroHit.filter((z) => z.class === c).length] as const).filter(([, n]) => n > 0);
  lines[lines.length - 1] += `; matching nothing: ${r.zeroHit.length}${zeroByClass.length ? ` (${zeroByClass.map(([c, n]) => `${c} ${n}`).join(", ")}; listed in --json)` : ""}`;
  lines.push(
    "",
    formatTable(
      ["path", "conc", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "req/s", "errors"],
      r.measurements.map((m) => [
        m.path,
        String(m.concurrency),
        String(m.summary.n),
        ms(m.summary.p50),
        ms(m.summary.p95),
        ms(m.summary.p99),
        ms(m.summary.max),
        m.throughput ? rate(m.throughput) : "-",
        String(m.errors),
      ]),
      { align: ["left", "right", "right", "right", "right", "right", "right", "right", "right"] },
    ),
  );
  const top = Math.max(...concurrencies);
  const ratio = throughputRatio({ httpThroughput: find(r, "HTTP", top)?.throughput ?? null, engineThroughput: find(r, "engine", top)?.throughput ?? null });
  if (ratio !== null) lines.push(`API throughput / engine alone at ${top} clients: ${ratio.toFixed(2)}`);
  if (Object.keys(r.byClass).length) {
    lines.push(
      "",
      "by query class (HTTP, lowest concurrency):",
      formatTable(
        ["class", "n", "p50 ms", "p95 ms", "p99 ms"],
        Object.entries(r.byClass).map(([c, s]) => [c, String(s.n), ms(s.p50), ms(s.p95), ms(s.p99)]),
        { align: ["left", "right", "right", "right", "right"] },
      ),
    );
  }
  return lines.join("\n");
}

function formatSummary(results: CaseResult[], concurrencies: number[]): string {
  const triple = (s: LatencySummary | undefined) => (s ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}` : "-");
  const low = Math.min(...concurrencies);
  const top = Math.max(...concurrencies);
  const latency = formatTable(
    [
      "size",
      "db",
      "entries/s",
      ...concurrencies.map((c) => `engine c=${c} p50/p95/p99`),
      ...concurrencies.map((c) => `HTTP c=${c} p50/p95/p99`),
      ...concurrencies.map((c) => `req/s c=${c}`),
      `API/engine c=${top}`,
    ],
    results.map((r) => {
      const ratio = throughputRatio({ httpThroughput: find(r, "HTTP", top)?.throughput ?? null, engineThroughput: find(r, "engine", top)?.throughput ?? null });
      return [
        fmtInt(r.size),
        r.db,
        Number.isNaN(r.entriesPerSecond) ? "-" : fmtInt(Math.round(r.entriesPerSecond)),
        ...concurrencies.map((c) => triple(find(r, "engine", c)?.summary)),
        ...concurrencies.map((c) => triple(find(r, "HTTP", c)?.summary)),
        ...concurrencies.map((c) => {
          const m = find(r, "HTTP", c);
          return m?.throughput ? rate(m.throughput) : "-";
        }),
        ratio === null ? "-" : ratio.toFixed(2),
      ];
    }),
    { align: ["right", "left", ...Array<"right">(2 + concurrencies.length * 3).fill("right")] },
  );
  // How each figure grew from the previous size on the same database: bounded work per query shows
  // as a p95 that barely moves while the corpus grows tenfold.
  const cost = formatTable(
    ["size", "db", `HTTP c=${low} p95 ms`, "x previous", "search index", "entries+revisions", "database", "server RSS", "server peak", "bench peak"],
    results.map((r, i) => {
      const p95 = find(r, "HTTP", low)?.summary.p95;
      const prev = results.slice(0, i).reverse().find((x) => x.db === r.db);
      const prevP95 = prev ? find(prev, "HTTP", low)?.summary.p95 : undefined;
      return [
        fmtInt(r.size),
        r.db,
        p95 === undefined ? "-" : ms(p95),
        p95 !== undefined && prevP95 ? `${(p95 / prevP95).toFixed(2)}x` : "-",
        r.disk ? mib(r.disk.searchIndexBytes) : "-",
        r.disk ? mib(r.disk.entriesBytes) : "-",
        r.disk ? mib(r.disk.dataDirBytes ?? r.disk.databaseBytes) : "-",
        r.server ? bytes(r.server.rss) : "-",
        r.server ? bytes(r.server.peakRss) : "-",
        bytes(r.bench.peakRss),
      ];
    }),
    { align: ["right", "left", "right", "right", "right", "right", "right", "right", "right", "right"] },
  );
  return `latencies in ms:\n${latency}\n\ncost by size (database = PGlite's data directory, or pg_database_size):\n${cost}`;
}

/** The figures the goal checks and the chart read, from one step's result. */
function curvePoint(r: CaseResult, opts: Options): CurvePoint {
  const low = Math.min(...opts.concurrency);
  const top = Math.max(...opts.concurrency);
  const pick = (m: Measurement | undefined) => (m && m.summary.n ? { p50: m.summary.p50, p95: m.summary.p95 } : null);
  return {
    db: r.db,
    onDisk: r.db === "postgres" || opts.pgliteStorage === "disk",
    size: r.size,
    engine: pick(find(r, "engine", low)),
    http: pick(find(r, "HTTP", low)),
    concurrency: top,
    httpThroughput: find(r, "HTTP", top)?.throughput ?? null,
    engineThroughput: find(r, "engine", top)?.throughput ?? null,
    serverRss: r.server?.rss ?? NaN,
  };
}

async function main(): Promise<number> {
  const opts = program.parse().opts<Options>();
  const corpus = loadCorpus(opts.corpus);
  const vocab = buildVocabulary(corpus.docs);
  const specs = buildQuerySpecs(vocab, opts.seed);
  if (opts.keepDb && opts.db.some((d) => d !== "postgres")) throw new InvalidArgumentError("--keep-db keeps a Postgres database: use it with --db postgres");
  // A kept database resumes where an earlier run left it: the generator is deterministic by index.
  const steps = opts.keepDb
    ? resumeSteps(importSteps(opts.sizes), await keptDatabaseEntries(opts.keepDb, opts.postgresUrl))
    : importSteps(opts.sizes);
  console.log(
    `search benchmark: sizes ${opts.sizes.map(fmtInt).join(", ")} (cumulative on one database each) on ${opts.db.join(", ")}` +
      `${opts.db.includes("pglite") ? ` (PGlite on ${opts.pgliteStorage})` : ""}; ${opts.iterations} searches per measurement, ` +
      `concurrency ${opts.concurrency.join(", ")}, warmup ${opts.warmup}, seed ${opts.seed}; vocabulary from ${corpus.docs.length} corpus documents`,
  );

  const results: CaseResult[] = [];
  const failures: string[] = [];
  let current: ServerChild | null = null;
  // Ctrl-C in a long run (1M entries takes hours) still reports the sizes measured so far.
  const stopping = onStopSignal(async () => {
    await current?.stop();
    if (results.length) await report(results, failures, opts, specs);
  });

  for (const db of opts.db) {
    if (stopping()) break;
    let server: ServerChild;
    try {
      server = await startServer(db, { postgresUrl: opts.postgresUrl, pgliteStorage: opts.pgliteStorage, ...(opts.keepDb ? { keepDatabase: opts.keepDb } : {}) });
    } catch (err) {
      failures.push(`${db}: ${(err as Error).message}`);
      console.log(`\n== ${db} ==\nfailed to start: ${(err as Error).message}`);
      continue;
    }
    current = server;
    try {
      for (const step of steps) {
        if (stopping()) break;
        try {
          const r = await benchStep(db, server, step, opts, vocab, specs);
          if (stopping()) break;
          results.push(r);
          console.log(`\n${formatCase(r, specs, opts.concurrency)}`);
          failures.push(...r.errors.map((e) => `${fmtInt(step.to)} on ${db}: ${e}`));
        } catch (err) {
          if (stopping()) break;
          // A failed import leaves the database short of the next sizes: this database stops here.
          failures.push(`${fmtInt(step.to)} on ${db}: ${(err as Error).message}`);
          console.log(`\n== ${fmtInt(step.to)} entries · ${db} ==\nfailed: ${(err as Error).message}`);
          break;
        }
      }
    } finally {
      if (!stopping()) await server.stop();
      current = null;
    }
  }
  if (stopping()) return new Promise<number>(() => undefined); // the stop handler reports and exits
  return report(results, failures, opts, specs);
}

/** The end of a run (or of a stopped one): the summary, the goal checks, the chart and the JSON. */
async function report(results: CaseResult[], failures: string[], opts: Options, specs: QuerySpec[]): Promise<number> {
  if (results.length > 1) console.log(`\nsummary:\n${formatSummary(results, opts.concurrency)}`);

  const points = results.map((r) => curvePoint(r, opts));
  const checks = goalChecks(points);
  if (points.length) console.log(`\ngoal checks (performance issue):\n${formatGoalChecks(checks)}`);
  if (opts.failOnGoals) failures.push(...checks.filter((c) => c.verdict === "FAIL").map((c) => `goal not met: ${c.goal} (${c.detail})`));

  if (opts.chart) {
    try {
      const svg = await renderChartSvg(curveChartSpec(points));
      const file = userPath(opts.chart);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, svg);
      console.log(`\nwrote the chart to ${file}`);
    } catch (err) {
      failures.push(`chart: ${(err as Error).message}`);
    }
  }
  return finishRun(opts.json, { options: opts, querySpecs: specs, results, goals: checks }, failures);
}

await runMain("search-bench", main);
