#!/usr/bin/env node
// `pnpm bench:answer-bars`: what a stricter answer bar would trade. Imports the corpus into an
// in-process Hindsight (PGlite) through REST, then asks its search engine every judged query once per
// bar (the product's own bar first), and MiniSearch and Lunr (Backstage) once. For the tune halves and
// the test halves of all judged sets together, and for the newest set's halves, it prints how many
// unanswerable queries each bar answers with nothing, how many answerable ones it leaves with nothing,
// and Hindsight's MRR@10 and nDCG@10 beside the better peer's. A measurement, not a tuning aid: the
// test halves are only looked at, never tuned on (--tune-only runs the tune halves alone).
// Exit code: 0 when every engine answered, 1 on any error.
import { Command } from "commander";
import { DEFAULT_ANSWER_BARS, PostgresSearchEngine } from "@hindsight/search";
import { onStopSignal, runMain } from "./cli.js";
import { DEFAULT_CORPUS, loadCorpus } from "./corpus.js";
import { corpusIds, importCorpus } from "./hindsight-client.js";
import { DEFAULT_JUDGED, DEFAULT_LATER, DEFAULT_NOANSWER, LATER_SETS, loadJudgedSets } from "./judged.js";
import { lunrBackstageEngine, miniSearchEngine, type IndexedDoc, type RankingEngine } from "./peers.js";
import { runEngine, type EngineRun, type RunQuery } from "./relevance-run.js";
import { barRows, formatBarRows, parseBars, type AnswerBar } from "./answer-bars-run.js";

interface Options {
  corpus: string;
  bars: AnswerBar[];
  tuneOnly?: boolean;
}

/** The product's bars (the postgres engine's own), then stricter ones. */
const PRODUCT = `${DEFAULT_ANSWER_BARS.question}/${DEFAULT_ANSWER_BARS.line}`;
const DEFAULT_BARS = `${PRODUCT},1.2/${DEFAULT_ANSWER_BARS.line},1.4/1,1.5/1,1.6/1,1.8/1`;
const bars = (value: string) => parseBars(value, DEFAULT_ANSWER_BARS.line);

const program = new Command("answer-bars")
  .description("unanswerable queries answered with nothing against answerable ones lost, at stricter answer bars, beside the peers")
  .option("--corpus <dir>", "the shared corpus folder", DEFAULT_CORPUS)
  .option("--bars <list>", `bars to try, question/line strength pairs, the product's (${PRODUCT}) first`, bars, bars(DEFAULT_BARS))
  .option("--tune-only", "run only the tune halves (no test half is run or shown)")
  .showHelpAfterError();

async function main(): Promise<number> {
  const opts = program.parse().opts<Options>();
  const corpus = loadCorpus(opts.corpus);
  const known = new Set(corpus.docs.map((d) => d.id));
  const loaded = loadJudgedSets({ judged: DEFAULT_JUDGED, noanswer: DEFAULT_NOANSWER, ...DEFAULT_LATER }, { known, tuneOnly: opts.tuneOnly });
  const newest = LATER_SETS[LATER_SETS.length - 1]!;
  const tagged = [{ set: "judged", queries: loaded.judged }, ...LATER_SETS.map((set) => ({ set, queries: loaded[set] }))];
  const queries: (RunQuery & { set: string })[] = tagged.flatMap(({ set, queries }) => queries.map((q) => ({ ...q, set })));
  console.log(`corpus: ${corpus.docs.length} documents; ${queries.length} judged queries in ${tagged.length} sets${opts.tuneOnly ? " (tune halves only)" : ""}`);

  const docs: IndexedDoc[] = corpus.docs.map((d) => ({ id: d.id, title: d.title, text: d.markdown }));
  const peers: EngineRun[] = [];
  for (const engine of [miniSearchEngine(docs), lunrBackstageEngine(docs)]) peers.push(await runEngine(engine, queries));

  const { startHindsight } = await import("./hindsight-app.js");
  let hindsight: Awaited<ReturnType<typeof startHindsight>> | undefined;
  onStopSignal(async () => hindsight?.close());
  const runs: EngineRun[] = [];
  try {
    hindsight = await startHindsight("pglite");
    await importCorpus(hindsight.inject, corpus.docs);
    for (const bar of opts.bars) {
      const started = performance.now();
      runs.push(await runEngine(barEngine(new PostgresSearchEngine(hindsight.db.database.db, { answerStrength: bar.question, errorAnswerStrength: bar.line })), queries));
      console.log(`bar ${bar.question}/${bar.line}: ${queries.length} queries in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  } finally {
    await hindsight?.close();
  }
  const failed = [...peers, ...runs].find((r) => r.error);
  if (failed) {
    console.error(`${failed.engine}: ${failed.error}`);
    return 1;
  }
  console.log(`peers: ${peers.map((p) => p.engine).join(", ")}`);
  for (const split of opts.tuneOnly ? (["tune"] as const) : (["tune", "test"] as const)) {
    console.log(`\nEvery judged set's ${split} half:`);
    console.log(formatBarRows(barRows(queries, opts.bars, runs, peers, (q) => q.split === split)));
    console.log(`\n${newest} ${split} half:`);
    console.log(formatBarRows(barRows(queries, opts.bars, runs, peers, (q) => q.split === split && q.set === newest)));
  }
  return 0;
}

/** The engine itself, as the admin sees it (every entry readable), ranked by corpus id. */
function barEngine(engine: PostgresSearchEngine): RankingEngine {
  return { name: "Hindsight (engine)", search: async (q, limit) => corpusIds((await engine.search({ q, scope: { all: true }, limit })).hits) };
}

await runMain("answer-bars", main);
