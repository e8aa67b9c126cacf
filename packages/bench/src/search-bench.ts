#!/usr/bin/env node
// `pnpm bench:search`: how fast Hindsight imports and searches at scale. For each database (PGlite in
// memory, a throwaway Postgres database) and each size, it starts the real app on a local port,
// bulk-imports generated entries through POST /api/v1/entries (1,000 per request), then measures
// search latency over a rotating set of realistic queries: the engine alone (when the app exposes
// it), and the full HTTP path with 1 and 8 concurrent clients (in a worker thread).
// Exit code: 0 when every step and request succeeded, 1 otherwise (slow is not an error).
import { Command, Option } from "commander";
import { finishRun, listOf, onStopSignal, positiveInt, positiveInts, runMain } from "./cli.js";
import { DEFAULT_CORPUS, loadCorpus } from "./corpus.js";
import { buildQuerySpecs, generateEntries, QUERY_CLASSES, queryAt, type EntryKind, type QueryClass, type QuerySpec } from "./generator.js";
import type { SearchQuery } from "@hindsight/search";
import type { DbKind, RunningHindsight } from "./hindsight-app.js";
import { httpTransport, MAX_PER_REQUEST, postEntries, search, searchPath, type SearchParams } from "./hindsight-client.js";
import { runLoadInWorker, type LoadResult } from "./load.js";
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
  json?: string;
}

const program = new Command("search-bench")
  .description("Import throughput and search latency (p50/p95/p99) of Hindsight at scale, on PGlite and Postgres")
  .addOption(new Option("--sizes <list>", "entry counts to benchmark, comma-separated").argParser(positiveInts).default([10_000], "10000"))
  .addOption(new Option("--db <list>", "databases: pglite, postgres").argParser(listOf(DBS)).default([...DBS], "pglite,postgres"))
  .addOption(new Option("--iterations <n>", "searches per measurement").argParser(positiveInt).default(400))
  .addOption(new Option("--concurrency <list>", "HTTP client concurrencies").argParser(positiveInts).default([1, 8], "1,8"))
  .addOption(new Option("--warmup <n>", "unrecorded searches before each HTTP measurement").argParser((v) => (v === "0" ? 0 : positiveInt(v))).default(20))
  .option("--seed <seed>", "seed of the generated entries and queries", "42")
  .option("--corpus <dir>", "the shared corpus folder (vocabulary source)", DEFAULT_CORPUS)
  .option("--postgres-url <url>", "Postgres server to create throwaway databases on", "postgres://postgres@127.0.0.1:5432/postgres")
  .option("--json <file>", "also write all results as JSON")
  .showHelpAfterError();

interface Measurement {
  path: string;
  concurrency: number;
  summary: LatencySummary;
  throughput: number | null;
  errors: number;
}

interface CaseResult {
  db: DbKind;
  dbLabel: string;
  size: number;
  importSeconds: number;
  entriesPerSecond: number;
  rssAfterImport: number;
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

async function importEntries(h: RunningHindsight, baseUrl: string, size: number, opts: Options, vocab: ReturnType<typeof buildVocabulary>) {
  const t = httpTransport(baseUrl, h.token);
  let elapsed = 0;
  for (let from = 0; from < size; from += MAX_PER_REQUEST) {
    // Generation stays outside the timed part: only the request counts.
    const batch = generateEntries(from, Math.min(size, from + MAX_PER_REQUEST), vocab, { seed: opts.seed });
    const started = performance.now();
    await postEntries(t, batch);
    elapsed += performance.now() - started;
    const done = from + batch.length;
    if (done % 10_000 === 0 || done === size) {
      process.stderr.write(`  imported ${fmtInt(done)}/${fmtInt(size)} (${fmtInt(Math.round(done / (elapsed / 1000)))} entries/s)\n`);
    }
  }
  return elapsed / 1000;
}

async function benchCase(db: DbKind, size: number, opts: Options, vocab: ReturnType<typeof buildVocabulary>, specs: QuerySpec[], onStart: (h: RunningHindsight) => void): Promise<CaseResult> {
  const { startHindsight } = await import("./hindsight-app.js");
  const h = await startHindsight(db, { postgresUrl: opts.postgresUrl });
  onStart(h);
  const errors: string[] = [];
  try {
    const baseUrl = await h.listen();
    process.stderr.write(`${fmtInt(size)} entries on ${h.db.label}: importing…\n`);
    const importSeconds = await importEntries(h, baseUrl, size, opts, vocab);
    const rssAfterImport = process.memoryUsage().rss;

    const requests = Array.from({ length: opts.iterations }, (_, i) => queryAt(specs, i, opts.seed));
    const paths = requests.map((r) => searchPath(r.params));

    const partial = { db, dbLabel: h.db.label, size, importSeconds, entriesPerSecond: size / importSeconds, rssAfterImport };

    // One pass over every query shape first: checks the answers' shape and finds queries that match
    // nothing. If search does not answer at all, the import figures still stand on their own.
    const t = httpTransport(baseUrl, h.token);
    const zeroHit: CaseResult["zeroHit"] = [];
    try {
      for (let i = 0; i < specs.length; i++) {
        const { spec, params } = queryAt(specs, i, opts.seed);
        const res = await search(t, params);
        if (res.hits.length === 0) zeroHit.push({ class: spec.class, q: params.q });
      }
    } catch (err) {
      errors.push(`search: ${(err as Error).message}`);
      return { ...partial, zeroHit, measurements: [], byClass: {}, errors };
    }

    const measurements: Measurement[] = [];
    const engineLatencies: number[] = [];
    let engineErrors = 0;
    for (const r of requests) {
      const started = performance.now();
      try {
        await h.engine.search(toEngineQuery(r.params));
        engineLatencies.push(performance.now() - started);
      } catch (err) {
        if (engineErrors++ === 0) errors.push(`engine: ${(err as Error).message}`);
      }
    }
    measurements.push({ path: `engine (${h.engine.name}) direct`, concurrency: 1, summary: summarise(engineLatencies), throughput: null, errors: engineErrors });

    let byClass: Record<string, LatencySummary> = {};
    for (const concurrency of opts.concurrency) {
      const result: LoadResult = await runLoadInWorker({ baseUrl, token: h.token, paths, concurrency, warmup: opts.warmup });
      if (result.firstError) errors.push(`HTTP c=${concurrency}: ${result.errors} failed, first: ${result.firstError}`);
      measurements.push({
        path: "HTTP GET /api/v1/search",
        concurrency,
        summary: summarise(result.latencies),
        throughput: result.latencies.length / (result.wallMs / 1000),
        errors: result.errors,
      });
      if (concurrency === Math.min(...opts.concurrency)) {
        byClass = Object.fromEntries(
          QUERY_CLASSES.map((c) => [c, summarise(result.byPath.filter((x, i) => requests[i]!.spec.class === c && Number.isFinite(x)))]),
        );
      }
    }
    return { ...partial, zeroHit, measurements, byClass, errors };
  } finally {
    await h.close();
  }
}

function formatCase(r: CaseResult, specs: QuerySpec[]): string {
  const counts = QUERY_CLASSES.map((c) => `${c} ${specs.filter((s) => s.class === c).length}`).join(", ");
  const lines = [
    `== ${fmtInt(r.size)} entries · ${r.dbLabel} ==`,
    `import: ${fmtInt(r.size)} entries via POST /api/v1/entries (${MAX_PER_REQUEST} per request) in ${r.importSeconds.toFixed(1)} s = ${fmtInt(Math.round(r.entriesPerSecond))} entries/s; process RSS after import ${bytes(r.rssAfterImport)}`,
    `queries: ${specs.length} rotating (${counts})`,
  ];
  if (!r.measurements.length) return [...lines, `search: not measured (${r.errors.join("; ")})`].join("\n");
  const zeroByClass = QUERY_CLASSES.map((c) => [c, r.zeroHit.filter((z) => z.class === c).length] as const).filter(([, n]) => n > 0);
  lines[2] += `; matching nothing: ${r.zeroHit.length}${zeroByClass.length ? ` (${zeroByClass.map(([c, n]) => `${c} ${n}`).join(", ")}; listed in --json)` : ""}`;
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
  const http = (r: CaseResult, c: number) => r.measurements.find((m) => m.path.startsWith("HTTP") && m.concurrency === c)?.summary;
  const engine = (r: CaseResult) => r.measurements.find((m) => m.path.startsWith("engine"))?.summary;
  const triple = (s: LatencySummary | undefined) => (s ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}` : "-");
  return formatTable(
    ["size", "db", "entries/s", "engine p50/p95/p99", ...concurrencies.map((c) => `HTTP c=${c} p50/p95/p99`), ...concurrencies.map((c) => `req/s c=${c}`)],
    results.map((r) => [
      fmtInt(r.size),
      r.db,
      fmtInt(Math.round(r.entriesPerSecond)),
      triple(engine(r)),
      ...concurrencies.map((c) => triple(http(r, c))),
      ...concurrencies.map((c) => {
        const m = r.measurements.find((x) => x.path.startsWith("HTTP") && x.concurrency === c);
        return m?.throughput ? rate(m.throughput) : "-";
      }),
    ]),
    { align: ["right", "left", "right", "right", ...concurrencies.map(() => "right" as const), ...concurrencies.map(() => "right" as const)] },
  );
}

async function main(): Promise<number> {
  const opts = program.parse().opts<Options>();
  const corpus = loadCorpus(opts.corpus);
  const vocab = buildVocabulary(corpus.docs);
  const specs = buildQuerySpecs(vocab, opts.seed);
  console.log(
    `search benchmark: sizes ${opts.sizes.map(fmtInt).join(", ")} on ${opts.db.join(", ")}; ${opts.iterations} searches per measurement, ` +
      `concurrency ${opts.concurrency.join(", ")}, warmup ${opts.warmup}, seed ${opts.seed}; vocabulary from ${corpus.docs.length} corpus documents`,
  );

  let current: RunningHindsight | null = null;
  const stopping = onStopSignal(async () => current?.close());

  const results: CaseResult[] = [];
  const failures: string[] = [];
  for (const db of opts.db) {
    for (const size of opts.sizes) {
      if (stopping()) break;
      try {
        const r = await benchCase(db, size, opts, vocab, specs, (h) => (current = h));
        results.push(r);
        console.log(`\n${formatCase(r, specs)}`);
        failures.push(...r.errors.map((e) => `${fmtInt(size)} on ${db}: ${e}`));
      } catch (err) {
        if (stopping()) break;
        failures.push(`${fmtInt(size)} on ${db}: ${(err as Error).message}`);
        console.log(`\n== ${fmtInt(size)} entries · ${db} ==\nfailed: ${(err as Error).message}`);
      } finally {
        current = null;
      }
    }
  }
  if (results.length > 1) console.log(`\nsummary (latencies in ms):\n${formatSummary(results, opts.concurrency)}`);
  return finishRun(opts.json, { options: opts, querySpecs: specs, results }, failures);
}

await runMain("search-bench", main);
