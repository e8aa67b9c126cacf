#!/usr/bin/env node
// `pnpm --filter @hindsight/bench split-queries`: assigns the tune/test split of the judged queries
// (split.ts) and writes it into the file's `split` fields; `--check` only verifies the committed split.
// The split was assigned once; rerunning it after adding queries reshuffles, so prefer giving new
// queries their split by hand (half of each style to each side) and keep existing ones where they are.
import { writeFileSync } from "node:fs";
import { Command } from "commander";
import { runMain } from "./cli.js";
import { DEFAULT_CORPUS, loadCorpus } from "./corpus.js";
import { DEFAULT_JUDGED, loadJudged, STYLES } from "./judged.js";
import { SPLIT_SEED, splitQueries } from "./split.js";
import { formatTable } from "./table.js";

interface Options {
  corpus: string;
  judged: string;
  seed: string;
  check?: boolean;
}

const program = new Command("split-queries")
  .description("assign (or --check) the stratified tune/test split of the judged queries")
  .option("--corpus <dir>", "the shared corpus folder", DEFAULT_CORPUS)
  .option("--judged <file>", "judged queries (JSONL)", DEFAULT_JUDGED)
  .option("--seed <seed>", "PRNG seed of the split", SPLIT_SEED)
  .option("--check", "exit 1 when the committed split differs from the one the seed gives")
  .showHelpAfterError();

async function main(): Promise<number> {
  const opts = program.parse().opts<Options>();
  const known = new Set(loadCorpus(opts.corpus).docs.map((d) => d.id));
  const queries = loadJudged(opts.judged, { known, requireSplit: false });
  const splits = splitQueries(queries, opts.seed);
  const rows = STYLES.map((style) => {
    const of = queries.flatMap((q, i) => (q.style === style ? [splits[i]] : []));
    return [style, String(of.length), String(of.filter((s) => s === "tune").length), String(of.filter((s) => s === "test").length)];
  });
  rows.push(["all", String(queries.length), String(splits.filter((s) => s === "tune").length), String(splits.filter((s) => s === "test").length)]);
  console.log(formatTable(["style", "queries", "tune", "test"], rows, { align: ["left", "right", "right", "right"] }));
  if (opts.check) {
    const differing = queries.flatMap((q, i) => (q.split !== splits[i] ? [`  ${q.q}: ${q.split ?? "(none)"} -> ${splits[i]}`] : []));
    if (differing.length) {
      console.error(`${differing.length} queries differ from the split seed ${JSON.stringify(opts.seed)} gives:\n${differing.join("\n")}`);
      return 1;
    }
    console.log(`the committed split matches seed ${JSON.stringify(opts.seed)}`);
    return 0;
  }
  const text = queries.map((q, i) => JSON.stringify({ q: q.q, rel: q.rel, style: q.style, split: splits[i] })).join("\n");
  writeFileSync(opts.judged, `${text}\n`);
  console.log(`wrote the split into ${opts.judged}`);
  return 0;
}

await runMain("split-queries", main);
