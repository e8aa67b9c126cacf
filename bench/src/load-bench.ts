#!/usr/bin/env node
// `pnpm bench:load`: Hindsight under mixed concurrent traffic. For each database (PGlite in memory, a
// throwaway Postgres database) it starts the real app in a child process (load-server.ts) listening
// on a local port, bulk-imports generated entries over REST, then drives it with autocannon from
// this process: 50 keep-alive clients for 60 s by default, 80 % searches (the search benchmark's
// rotating query mix), 15 % entry reads by id, 5 % upserts by externalKey (half updates, half new
// entries). Prints throughput, p50/p95/p99 overall and per class, non-2xx and errors, writes
// acknowledged, and how busy the server process, Postgres and the machine were.
// Exit code: 0 when every step ran (slow or failing requests are figures, not a crash), 1 otherwise.
import { mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { join, resolve } from "node:path";
import { Command, Option } from "commander";
import { cpuDelta, postgresBackendCpu } from "./backend-cpu.js";
import { finishRun, listOf, onStopSignal, positiveInt, positiveInts, runMain } from "./cli.js";
import { DEFAULT_CORPUS, loadCorpus } from "./corpus.js";
import { buildQuerySpecs, generateEntries } from "./generator.js";
import { DEFAULT_POSTGRES_URL, type DbKind } from "./hindsight-app.js";
import { httpTransport, MAX_PER_REQUEST, postEntries } from "./hindsight-client.js";
import { driveLoad, type DriveResult } from "./load-driver.js";
import { capacity, checkGoal, closedLoopMeanMs, cpuMsPerRequest, formatFigures, formatSearchClasses, formatWrites, type GoalVerdict } from "./load-report.js";
import { startServer, type ServerChild } from "./server-child.js";
import { formatActivity, formatProfileRows, samplePostgres, summariseActivity, summariseCpuProfile, type ActivitySummary, type CpuProfile, type ProfileSummary } from "./profile-summary.js";
import { bytes, ms } from "./stats.js";
import { formatTable } from "./table.js";
import { DEFAULT_MIX, parseMix, TrafficSource, trafficPlan, type TrafficMix } from "./traffic.js";
import { buildVocabulary, type Vocabulary } from "./vocabulary.js";

const DBS = ["pglite", "postgres"] as const;

interface Options {
  db: DbKind[];
  entries: number;
  /** One measured run per value, one after another on the same data. */
  connections: number[];
  duration: number;
  warmup: number;
  timeout: number;

  mix: TrafficMix;
  seed: string;
  corpus: string;
  postgresUrl: string;
  profile?: string;
  json?: string;
}

const nonNegativeInt = (v: string) => (v === "0" ? 0 : positiveInt(v));

const program = new Command("load-bench")
  .description("Throughput and latency of Hindsight under mixed concurrent traffic (searches, reads, writes), on PGlite and Postgres")
  .addOption(new Option("--db <list>", "databases: pglite, postgres").argParser(listOf(DBS)).default([...DBS], "pglite,postgres"))
  .addOption(new Option("--entries <n>", "generated entries imported before the load").argParser(positiveInt).default(10_000))
  .addOption(
    new Option("--connections <list>", "concurrent keep-alive clients; a list runs once per value, one after another on the same data")
      .argParser(positiveInts)
      .default([50], "50"),
  )
  .addOption(new Option("--duration <seconds>", "length of the measured load").argParser(positiveInt).default(60))
  .addOption(new Option("--warmup <seconds>", "unrecorded load before the measurement (JIT, caches, pool)").argParser(nonNegativeInt).default(5))
  .addOption(new Option("--timeout <seconds>", "seconds without an answer before a request counts as timed out").argParser(positiveInt).default(10))
  .addOption(new Option("--mix <weights>", "search,read,write weights").argParser(parseMix).default(DEFAULT_MIX, "80,15,5"))
  .option("--seed <seed>", "seed of the generated entries and queries", "42")
  .option("--corpus <dir>", "the shared corpus folder (vocabulary source)", DEFAULT_CORPUS)
  .option("--postgres-url <url>", "Postgres server to create throwaway databases on", DEFAULT_POSTGRES_URL)
  .option("--profile <dir>", "profile the measured run: the server's V8 CPU profile into this folder (open in Chrome DevTools) and Postgres activity samples, both summarised")
  .option("--json <file>", "also write all figures as JSON")
  .showHelpAfterError();

const fmtInt = (n: number) => n.toLocaleString("en-US");

// ---- machine and Postgres CPU -------------------------------------------------------------------

function machineTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const t = cpu.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

export interface ResourceFigures {
  /** 1-minute load average at the start and end of the measured run (2 cores on the project machines). */
  loadavgBefore: number;
  loadavgAfter: number;
  cpus: number;
  /** Share of all cores busy during the run, whoever used them. */
  machineBusy: number;
  /** CPU cores' worth used by each party during the run (1.0 = one core all the time). */
  serverCores: number;
  serverEventLoopUtilisation: number;
  serverRss: number;
  generatorCores: number;
  postgresCores: number | null;
}

// ---- one database -------------------------------------------------------------------------------

interface CaseResult {
  db: DbKind;
  connections: number;
  dbLabel: string;
  entries: number;
  importSeconds: number;
  drive: DriveResult;
  resources: ResourceFigures;
  goal: GoalVerdict;
  profile?: { cpuProfileFile: string; cpu: ProfileSummary; postgres: ActivitySummary | null };
}

async function importEntries(baseUrl: string, token: string, opts: Options, vocab: Vocabulary): Promise<{ ids: string[]; seconds: number }> {
  const t = httpTransport(baseUrl, token);
  const ids: string[] = [];
  let elapsed = 0;
  for (let from = 0; from < opts.entries; from += MAX_PER_REQUEST) {
    const batch = generateEntries(from, Math.min(opts.entries, from + MAX_PER_REQUEST), vocab, { seed: opts.seed });
    const started = performance.now();
    const report = await postEntries(t, batch);
    elapsed += performance.now() - started;
    ids.push(...report.results.map((r) => r.id));
    const done = from + batch.length;
    if (done % 5_000 === 0 || done === opts.entries) process.stderr.write(`  imported ${fmtInt(done)}/${fmtInt(opts.entries)}\n`);
  }
  return { ids, seconds: elapsed / 1000 };
}

async function benchCase(db: DbKind, opts: Options, vocab: Vocabulary, onServer: (s: ServerChild) => void, onResult: (r: CaseResult) => void): Promise<void> {
  const server = await startServer(db, { postgresUrl: opts.postgresUrl });
  onServer(server);
  try {
    process.stderr.write(`${server.label}: importing ${fmtInt(opts.entries)} entries…\n`);
    const { ids, seconds: importSeconds } = await importEntries(server.baseUrl, server.token, opts, vocab);
    const source = new TrafficSource({ specs: buildQuerySpecs(vocab, opts.seed), seed: opts.seed, entryIds: ids, size: opts.entries, vocab });
    for (const connections of opts.connections) onResult(await measure(db, connections, server, source, importSeconds, opts));
  } finally {
    await server.stop();
  }
}

async function measure(db: DbKind, connections: number, server: ServerChild, source: TrafficSource, importSeconds: number, opts: Options): Promise<CaseResult> {
  const plan = trafficPlan(opts.mix);
  const drive = (durationSeconds: number) =>
    driveLoad({
      baseUrl: server.baseUrl,
      token: server.token,
      source,
      plan,
      connections,
      durationSeconds,
      timeoutSeconds: opts.timeout,
    });
  if (opts.warmup > 0) {
    process.stderr.write(`  warmup ${opts.warmup} s with ${connections} connections (not recorded)…\n`);
    await drive(opts.warmup);
  }
  process.stderr.write(`  load: ${connections} connections for ${opts.duration} s…\n`);
  const pgBefore = db === "postgres" ? await postgresBackendCpu(opts.postgresUrl, server.label) : null;
  const serverBefore = await server.usage();
  const machineBefore = machineTimes();
  const loadavgBefore = os.loadavg()[0]!;
  const generatorBefore = process.cpuUsage();
  const cpuProfileFile = opts.profile ? join(resolve(opts.profile), `load-server-${db}-c${connections}-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`) : null;
  const dbName = server.label.split("/").pop()!;
  const sampler = opts.profile && db === "postgres" ? samplePostgres(opts.postgresUrl, dbName) : null;
  if (cpuProfileFile) await server.profileStart();
  const result = await drive(opts.duration);
  if (cpuProfileFile) await server.profileStop(cpuProfileFile);
  const pgSamples = sampler ? await sampler.stop() : null;
  const generator = process.cpuUsage(generatorBefore);
  const machineAfter = machineTimes();
  const serverAfter = await server.usage();
  const pgAfter = db === "postgres" ? await postgresBackendCpu(opts.postgresUrl, server.label) : null;
  const seconds = result.figures.seconds;
  const eluActive = serverAfter.eluActiveMs - serverBefore.eluActiveMs;
  const eluIdle = serverAfter.eluIdleMs - serverBefore.eluIdleMs;
  const pgSeconds = cpuDelta(pgBefore, pgAfter);
  const resources: ResourceFigures = {
    loadavgBefore,
    loadavgAfter: os.loadavg()[0]!,
    cpus: os.cpus().length,
    machineBusy: (machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total),
    serverCores: (serverAfter.cpuUserMicros - serverBefore.cpuUserMicros + serverAfter.cpuSystemMicros - serverBefore.cpuSystemMicros) / 1e6 / seconds,
    serverEventLoopUtilisation: eluActive / (eluActive + eluIdle),
    serverRss: serverAfter.rssBytes,
    generatorCores: (generator.user + generator.system) / 1e6 / seconds,
    postgresCores: pgSeconds === null ? null : pgSeconds / seconds,
  };
  const profile = cpuProfileFile
    ? {
        cpuProfileFile,
        cpu: summariseCpuProfile(JSON.parse(readFileSync(cpuProfileFile, "utf8")) as CpuProfile),
        postgres: pgSamples ? summariseActivity(pgSamples) : null,
      }
    : undefined;
  return { db, connections, dbLabel: server.label, entries: opts.entries, importSeconds, drive: result, resources, goal: checkGoal(result.figures), ...(profile ? { profile } : {}) };
}

function capacityLine(r: CaseResult): string {
  const t = r.drive.figures.throughput;
  const res = r.resources;
  const cpu = {
    server: cpuMsPerRequest(res.serverCores, t),
    database: res.postgresCores === null ? null : cpuMsPerRequest(res.postgresCores, t),
    generator: cpuMsPerRequest(res.generatorCores, t),
  };
  const cap = capacity(cpu, res.cpus);
  const one = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "-");
  return (
    `CPU per answered request: server ${one(cpu.server)} ms${cpu.database === null ? "" : `, Postgres ${one(cpu.database)} ms`}, generator ${one(cpu.generator)} ms ` +
    `-> at most ~${Math.round(cap.machine)} req/s with all ${res.cpus} cores to ourselves; the server's one thread caps at ~${Math.round(cap.serverThread)} req/s`
  );
}

function formatCase(r: CaseResult, opts: Options): string {
  const f = r.drive.figures;
  const res = r.resources;
  const ac = r.drive.autocannon;
  const cores = (x: number | null) => (x === null ? "-" : x.toFixed(2));
  const lines = [
    `== ${r.dbLabel} · ${fmtInt(r.entries)} entries · ${r.connections} connections × ${opts.duration} s ==`,
    `import: ${fmtInt(r.entries)} entries in ${r.importSeconds.toFixed(1)} s (${fmtInt(Math.round(r.entries / r.importSeconds))} entries/s)`,
    `throughput: ${f.throughput.toFixed(1)} req/s (${fmtInt(f.responses)} answers in ${f.seconds.toFixed(1)} s); latency p50 ${ms(f.latency.p50)} / p95 ${ms(f.latency.p95)} / p99 ${ms(f.latency.p99)} / max ${ms(f.latency.max)} ms`,
    `non-2xx: ${fmtInt(f.non2xx)}; errors: ${fmtInt(f.errors)} (${fmtInt(f.timeouts)} timeouts, ${fmtInt(f.connErrors)} connection errors)`,
    formatWrites(f),
    "",
    formatFigures(f),
    "",
    formatSearchClasses(f),
    "",
    `autocannon's own count: ${fmtInt(ac.requestsSent)} sent, ${ac.requestsPerSecondMean.toFixed(1)} req/s mean, 2xx latency p50 ${ac.latencyP50} / p99 ${ac.latencyP99} ms, ${ac.non2xx} non-2xx, ${ac.errors} errors (${ac.timeouts} timeouts)`,
  ];
  lines.push(
    `closed loop: ${r.connections} clients / ${f.throughput.toFixed(1)} req/s = ${ms(closedLoopMeanMs(r.connections, f.throughput))} ms mean latency by Little's law (measured mean ${ms(f.latency.mean)} ms)`,
  );
  lines.push(
    `machine: load average ${res.loadavgBefore.toFixed(2)} -> ${res.loadavgAfter.toFixed(2)} on ${res.cpus} cores, ${(res.machineBusy * 100).toFixed(0)}% of all cores busy during the run`,
    `CPU cores used: server process ${cores(res.serverCores)} (event loop ${(res.serverEventLoopUtilisation * 100).toFixed(0)}% busy, RSS ${bytes(res.serverRss)}), ` +
      `load generator ${cores(res.generatorCores)}${r.db === "postgres" ? `, Postgres backends ${cores(res.postgresCores)}` : " (PGlite runs inside the server process)"}`,
    capacityLine(r),
    `goal (0 errors, p99 < 250 ms): ${r.goal.met ? "met" : `not met: ${r.goal.reasons.join("; ")}`}`,
  );
  if (f.firstFailures.length) lines.push(`first failures: ${f.firstFailures.join(" | ")}`);
  if (r.profile) {
    const p = r.profile;
    lines.push(
      "",
      `server CPU profile of the measured run (${p.cpuProfileFile}): ${(p.cpu.busyShare * 100).toFixed(0)}% of samples busy; self time of the busy part`,
      formatProfileRows("owner", p.cpu.byOwner),
      "",
      formatProfileRows("function", p.cpu.byFunction),
    );
    if (p.postgres) lines.push("", formatActivity(p.postgres));
  }
  return lines.join("\n");
}

function formatSummary(results: readonly CaseResult[]): string {
  return formatTable(
    ["db", "conns", "req/s", "p50 ms", "p95 ms", "p99 ms", "non-2xx", "errors", "writes ok", "load avg", "goal"],
    results.map((r) => {
      const f = r.drive.figures;
      return [
        r.db,
        String(r.connections),
        f.throughput.toFixed(1),
        ms(f.latency.p50),
        ms(f.latency.p95),
        ms(f.latency.p99),
        fmtInt(f.non2xx),
        fmtInt(f.errors),
        `${fmtInt(f.writes.acknowledged)}/${fmtInt(f.byClass.write.responses + f.byClass.write.timeouts + f.byClass.write.connErrors)}`,
        `${r.resources.loadavgBefore.toFixed(1)}-${r.resources.loadavgAfter.toFixed(1)}`,
        r.goal.met ? "met" : "not met",
      ];
    }),
    { align: ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right", "left"] },
  );
}

async function main(): Promise<number> {
  const opts = program.parse().opts<Options>();
  const corpus = loadCorpus(opts.corpus);
  const vocab = buildVocabulary(corpus.docs);
  const plan = trafficPlan(opts.mix);
  if (opts.profile) mkdirSync(opts.profile, { recursive: true });
  console.log(
    `load benchmark: ${opts.db.join(", ")}; ${fmtInt(opts.entries)} entries; ${opts.connections.join(", ")} connections (one run each, closed loop) for ${opts.duration} s ` +
      `(+${opts.warmup} s warmup); mix search ${opts.mix.search} / read ${opts.mix.read} / write ${opts.mix.write} ` +
      `(a ${plan.length}-request cycle shared by the clients); seed ${opts.seed}; ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`,
  );

  let current: ServerChild | null = null;
  const stopping = onStopSignal(async () => current?.stop());
  const results: CaseResult[] = [];
  const failures: string[] = [];
  for (const db of opts.db) {
    if (stopping()) break;
    try {
      await benchCase(
        db,
        opts,
        vocab,
        (s) => (current = s),
        (r) => {
          results.push(r);
          console.log(`\n${formatCase(r, opts)}`);
        },
      );
    } catch (err) {
      if (stopping()) break;
      failures.push(`${db}: ${(err as Error).message}`);
      console.log(`\n== ${db} ==\nfailed: ${(err as Error).message}`);
    } finally {
      current = null;
    }
  }
  if (results.length > 1) console.log(`\nsummary:\n${formatSummary(results)}`);
  return finishRun(opts.json, { options: opts, plan, results }, failures);
}

await runMain("load-bench", main);
