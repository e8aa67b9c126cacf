#!/usr/bin/env node
// `pnpm bench:relevance`: relevance of Hindsight's search on the shared corpus's dev queries and on
// the judged sets (bench/queries: judged.jsonl with noanswer-v2.jsonl, judged-v3.jsonl,
// judged-v4.jsonl, judged-v5.jsonl, judged-v6.jsonl, judged-v7.jsonl, judged-v8.jsonl, judged-v9.jsonl, judged-v10.jsonl, judged-v11.jsonl, judged-v12.jsonl, judged-v13.jsonl, judged-v14.jsonl, judged-v15.jsonl, judged-v16.jsonl, judged-v17.jsonl, judged-v18.jsonl, judged-v19.jsonl, judged-v20.jsonl, judged-v21.jsonl, judged-v22.jsonl, judged-v23.jsonl, judged-v24.jsonl and judged-v25.jsonl,
// each split into tune and test halves by its own seed), side by side with MiniSearch and Lunr (as Backstage queries it) over the same documents, plus a precision check
// (how often a query nothing answers gets no hits). Imports the corpus into an in-process Hindsight
// through REST, then asks each engine every query.
// Exit code: 0 when every engine answered, 1 on any error (low scores are not errors).
import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { listOf, onStopSignal, runMain } from "./cli.js";
import { DEFAULT_CORPUS, loadCorpus, type CorpusDoc } from "./corpus.js";
import { hindsightEngine, importCorpus } from "./hindsight-client.js";
import { DEFAULT_JUDGED, DEFAULT_LATER, DEFAULT_NOANSWER, LATER_SETS, loadJudgedSets, type LaterSet } from "./judged.js";
import { lunrBackstageEngine, miniSearchEngine, type IndexedDoc, type RankingEngine } from "./peers.js";
import {
  failedResults,
  formatPerQuery,
  formatRelevanceReport,
  RANDOM_SEED,
  randomStrings,
  relevanceFigures,
  runAll,
  type EngineResults,
  type RunQuery,
  type RunSets,
} from "./relevance-run.js";
import { LATER_SPLIT_SEEDS, SPLIT_SEED } from "./split.js";

const ENGINES = ["hindsight", "minisearch", "lunr"] as const;
type EngineName = (typeof ENGINES)[number];

/** `judgedV3`, `judgedV4`, ...: the option (`--judged-v3 <file>`) naming each later set's file. */
type LaterOption = `judged${Capitalize<LaterSet>}`;
const optionOf = (set: LaterSet) => `judged${set.toUpperCase()}` as LaterOption;
const ORDINALS: Record<LaterSet, string> = { v3: "second", v4: "third", v5: "fourth", v6: "fifth", v7: "sixth", v8: "seventh", v9: "eighth", v10: "ninth", v11: "tenth", v12: "eleventh", v13: "twelfth", v14: "thirteenth", v15: "fourteenth", v16: "fifteenth", v17: "sixteenth", v18: "seventeenth", v19: "eighteenth", v20: "nineteenth", v21: "twentieth", v22: "twenty-first", v23: "twenty-second", v24: "twenty-third", v25: "twenty-fourth" };

interface Options extends Record<LaterOption, string> {
  corpus: string;
  queries?: string;
  judged: string;
  noanswer: string;
  engines: EngineName[];
  perQuery?: boolean;
  tuneOnly?: boolean;
  postgres?: boolean;
  postgresUrl: string;
  json?: string;
}

const command = new Command("relevance")
  .description("MRR@10, nDCG@10 and recall@10 of Hindsight, MiniSearch and Lunr (Backstage) on the dev and judged queries, and a precision check")
  .option("--corpus <dir>", "the shared corpus folder", DEFAULT_CORPUS)
  .option("--queries <file>", "dev queries (JSONL of {q, rel}); default: <corpus>/queries-dev.jsonl")
  .option("--judged <file>", "judged queries with style and split (JSONL of {q, rel, style, split})", DEFAULT_JUDGED)
  .option("--noanswer <file>", "more unanswerable questions, same format, with their own split (added to the judged set)", DEFAULT_NOANSWER);
for (const set of LATER_SETS) {
  command.option(`--judged-${set} <file>`, `the ${ORDINALS[set]} judged set, same format, split by its own seed (reported as its own rows)`, DEFAULT_LATER[set]);
}
const program = command
  .addOption(
    new Option("--engines <list>", `engines to run (${ENGINES.join(",")})`).argParser(listOf(ENGINES)).default([...ENGINES], ENGINES.join(",")),
  )
  .option("--postgres", "run Hindsight on a throwaway Postgres database instead of in-memory PGlite")
  .option("--postgres-url <url>", "Postgres server to create the throwaway database on", "postgres://postgres@127.0.0.1:5432/postgres")
  .option("--tune-only", "run only the dev set and the tune halves (while tuning: no test half is run or shown)")
  .option("--per-query", "also print the rank of the first relevant hit for every query and engine")
  .option("--json <file>", "also write the figures and the full results (rankings included) as JSON")
  .showHelpAfterError();

async function main(): Promise<number> {
  const opts = program.parse().opts<Options>();
  const corpus = loadCorpus(opts.corpus, opts.queries);
  const known = new Set(corpus.docs.map((d) => d.id));
  const laterFiles = Object.fromEntries(LATER_SETS.map((set) => [set, opts[optionOf(set)]])) as Record<LaterSet, string>;
  const loaded = loadJudgedSets({ judged: opts.judged, noanswer: opts.noanswer, ...laterFiles }, { known, tuneOnly: opts.tuneOnly });
  const { judged, ...later } = loaded;
  const random = randomStrings();
  const sets = { dev: corpus.queries, judged, ...later, random };
  const docs: IndexedDoc[] = corpus.docs.map((d) => ({ id: d.id, title: d.title, text: d.markdown }));
  const count = (queries: RunQuery[], split: string) => queries.filter((q) => q.split === split).length;
  const describe = (queries: RunQuery[]) => `${queries.length} queries, ${count(queries, "tune")} tune / ${count(queries, "test")} test`;
  console.log(`corpus: ${corpus.docs.length} documents, ${corpus.queries.length} dev queries (${corpus.dir})`);
  console.log(`judged: ${describe(judged)}, split seed ${JSON.stringify(SPLIT_SEED)} (${opts.judged} + ${opts.noanswer})`);
  for (const set of LATER_SETS) {
    console.log(`judged ${set}: ${describe(loaded[set])}, split seed ${JSON.stringify(LATER_SPLIT_SEEDS[set])} (${laterFiles[set]})`);
  }

  const results: EngineResults[] = [];
  let hindsightInfo = "";
  for (const name of opts.engines) {
    if (name === "hindsight") {
      const { result, info } = await runHindsight(opts, corpus.docs, sets);
      results.push(result);
      hindsightInfo = info;
    } else {
      const started = performance.now();
      const engine: RankingEngine = name === "minisearch" ? miniSearchEngine(docs) : lunrBackstageEngine(docs);
      const indexedMs = performance.now() - started;
      results.push(await runAll(engine, sets));
      console.log(`${engine.name}: indexed in ${indexedMs.toFixed(0)} ms`);
    }
  }
  if (hindsightInfo) console.log(hindsightInfo);
  const figures = results.map((r) => relevanceFigures(r, corpus.queries, judged, later));
  console.log("");
  console.log(formatRelevanceReport(figures));
  if (opts.perQuery) {
    console.log("");
    console.log(formatPerQuery("Dev queries", corpus.queries, results.map((r) => r.dev)));
    console.log("");
    console.log(formatPerQuery("Judged queries", judged, results.map((r) => r.judged)));
    for (const set of LATER_SETS) {
      console.log("");
      console.log(formatPerQuery(`Judged ${set} queries`, loaded[set], results.map((r) => r[set])));
    }
  }
  if (opts.json) {
    const report = {
      corpus: corpus.dir,
      judgedFile: opts.judged,
      splitSeed: SPLIT_SEED,
      ...Object.fromEntries(
        LATER_SETS.flatMap((set) => [
          [`judged${set.toUpperCase()}File`, laterFiles[set]],
          [`splitSeed${set.toUpperCase()}`, LATER_SPLIT_SEEDS[set]],
        ]),
      ),
      randomSeed: RANDOM_SEED,
      figures,
      dev: corpus.queries,
      judged,
      ...later,
      results,
    };
    writeFileSync(opts.json, JSON.stringify(report, null, 2));
    console.log(`\nwrote ${opts.json}`);
  }
  return results.some((r) => r.error) ? 1 : 0;
}

async function runHindsight(
  opts: Options,
  docs: CorpusDoc[],
  sets: RunSets,
): Promise<{ result: EngineResults; info: string }> {
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
    return { result: await runAll(hindsightEngine(hindsight.inject, name), sets), info };
  } catch (err) {
    return { result: failedResults(name, err), info: "" };
  } finally {
    await hindsight?.close();
  }
}

await runMain("relevance", main);
