#!/usr/bin/env node
// `pnpm bench:relevance`: relevance of Hindsight's search on the shared corpus's judged queries,
// side by side with MiniSearch and Lunr (as Backstage queries it) over the same documents.
// Imports the corpus into an in-process Hindsight through REST, then asks each engine every query.
// Exit code: 0 when every engine answered, 1 on any error (low scores are not errors).
import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { listOf, onStopSignal, runMain } from "./cli.js";
import { DEFAULT_CORPUS, loadCorpus } from "./corpus.js";
import { hindsightEngine, importCorpus } from "./hindsight-client.js";
import { lunrBackstageEngine, miniSearchEngine, type IndexedDoc, type RankingEngine } from "./peers.js";
import { formatRelevanceReport, runEngine, type EngineRun } from "./relevance-run.js";

const ENGINES = ["hindsight", "minisearch", "lunr"] as const;
type EngineName = (typeof ENGINES)[number];

interface Options {
  corpus: string;
  queries?: string;
  engines: EngineName[];
  postgres?: boolean;
  postgresUrl: string;
  json?: string;
}

const program = new Command("relevance")
  .description("MRR@10 and nDCG@10 of Hindsight, MiniSearch and Lunr (Backstage) on the corpus's judged queries")
  .option("--corpus <dir>", "the shared corpus folder", DEFAULT_CORPUS)
  .option("--queries <file>", "judged queries (JSONL of {q, rel}); default: <corpus>/queries-dev.jsonl")
  .addOption(
    new Option("--engines <list>", `engines to run (${ENGINES.join(",")})`).argParser(listOf(ENGINES)).default([...ENGINES], ENGINES.join(",")),
  )
  .option("--postgres", "run Hindsight on a throwaway Postgres database instead of in-memory PGlite")
  .option("--postgres-url <url>", "Postgres server to create the throwaway database on", "postgres://postgres@127.0.0.1:5432/postgres")
  .option("--json <file>", "also write the full results (rankings included) as JSON")
  .showHelpAfterError();

async function main(): Promise<number> {
  const opts = program.parse().opts<Options>();
  const corpus = loadCorpus(opts.corpus, opts.queries);
  const docs: IndexedDoc[] = corpus.docs.map((d) => ({ id: d.id, title: d.title, text: d.markdown }));
  console.log(`corpus: ${corpus.docs.length} documents, ${corpus.queries.length} judged queries (${corpus.dir})`);

  const runs: EngineRun[] = [];
  let hindsightInfo = "";
  for (const name of opts.engines) {
    if (name === "hindsight") {
      const { run, info } = await runHindsight(opts, corpus.docs, corpus.queries);
      runs.push(run);
      hindsightInfo = info;
    } else {
      const started = performance.now();
      const engine: RankingEngine = name === "minisearch" ? miniSearchEngine(docs) : lunrBackstageEngine(docs);
      const indexedMs = performance.now() - started;
      runs.push(await runEngine(engine, corpus.queries));
      console.log(`${engine.name}: indexed in ${indexedMs.toFixed(0)} ms`);
    }
  }
  if (hindsightInfo) console.log(hindsightInfo);
  console.log("");
  console.log(formatRelevanceReport(runs, corpus.queries));
  if (opts.json) {
    writeFileSync(opts.json, JSON.stringify({ corpus: corpus.dir, queries: corpus.queries, runs }, null, 2));
    console.log(`\nwrote ${opts.json}`);
  }
  return runs.some((r) => r.error) ? 1 : 0;
}

async function runHindsight(opts: Options, docs: ReturnType<typeof loadCorpus>["docs"], queries: ReturnType<typeof loadCorpus>["queries"]) {
  const name = opts.postgres ? "Hindsight (Postgres)" : "Hindsight (PGlite)";
  // Imported lazily so a peers-only run needs neither the built app nor a database.
  const { startHindsight } = await import("./hindsight-app.js");
  let hindsight: Awaited<ReturnType<typeof startHindsight>> | undefined;
  onStopSignal(async () => hindsight?.close());
  try {
    hindsight = await startHindsight(opts.postgres ? "postgres" : "pglite", { postgresUrl: opts.postgresUrl });
    const started = performance.now();
    const report = await importCorpus(hindsight.inject, docs);
    const info = `${name}: imported ${report.created + report.updated + report.unchanged} documents through POST /api/v1/import/markdown in ${(performance.now() - started).toFixed(0)} ms on ${hindsight.db.label}`;
    return { run: await runEngine(hindsightEngine(hindsight.inject, name), queries), info };
  } catch (err) {
    return { run: { engine: name, error: (err as Error).message, perQuery: [], mrr: 0, ndcg: 0 }, info: "" };
  } finally {
    await hindsight?.close();
  }
}

await runMain("relevance", main);
