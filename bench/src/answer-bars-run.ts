// What a stricter answer bar would trade (`pnpm bench:answer-bars`): the unanswerable queries it
// turns into nothing, against the answerable ones it leaves with nothing and what that costs MRR@10
// and nDCG@10 beside the better peer. Pure scoring over runs made elsewhere, so it is tested alone.
import { InvalidArgumentError } from "commander";
import { hasRelevant } from "./judged.js";
import { meanScores } from "./metrics.js";
import type { EngineRun, RunQuery } from "./relevance-run.js";
import { formatTable } from "./table.js";

/** One bar to try: the strength a question's best match must reach, and a pasted line's. */
export interface AnswerBar {
  question: number;
  line: number;
}

/** "1.05/0.85,1.4/1": question/line pairs; a lone number is the question's bar with `defaultLine`. */
export function parseBars(value: string, defaultLine: number): AnswerBar[] {
  const bars = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [question, line = String(defaultLine), ...rest] = item.split("/");
      const q = Number(question);
      const l = Number(line);
      if (rest.length || !Number.isFinite(q) || !Number.isFinite(l) || q <= 0 || l <= 0) {
        throw new InvalidArgumentError(`"${item}" is not a bar: expected a positive number, or two joined by "/" (question/line), e.g. 1.4/1`);
      }
      return { question: q, line: l };
    });
  if (!bars.length) throw new InvalidArgumentError("expected at least one bar, e.g. 1.05/0.85,1.4/1");
  return bars;
}

export interface BarRow {
  bar: AnswerBar;
  /** Unanswerable queries (no document graded >= 1) that got no hits. */
  unanswerable: { nothing: number; of: number };
  /** Answerable queries that got no hits. */
  answerable: { nothing: number; of: number };
  mrr: number;
  ndcg: number;
  /** The better peer on the same answerable queries (by MRR, and by nDCG apart). */
  peerMrr: number;
  peerNdcg: number;
}

/**
 * Each bar's row over the queries `pick` selects. `runs[i]` is Hindsight at `bars[i]`, and each of
 * `peers` a peer, every run over `queries` in order.
 */
export function barRows<Q extends RunQuery>(
  queries: readonly Q[],
  bars: readonly AnswerBar[],
  runs: readonly EngineRun[],
  peers: readonly EngineRun[],
  pick: (q: Q) => boolean,
): BarRow[] {
  const picked = queries.flatMap((q, i) => (pick(q) ? [i] : []));
  const answerable = picked.filter((i) => hasRelevant(queries[i]!.rel));
  const unanswerable = picked.filter((i) => !hasRelevant(queries[i]!.rel));
  const mean = (run: EngineRun) => meanScores(answerable.map((i) => run.perQuery[i]!));
  const peerMeans = peers.map(mean);
  const peerMrr = Math.max(0, ...peerMeans.map((m) => m.mrr));
  const peerNdcg = Math.max(0, ...peerMeans.map((m) => m.ndcg));
  return bars.map((bar, b) => {
    const run = runs[b]!;
    const empty = (i: number) => run.perQuery[i]!.ranked.length === 0;
    const { mrr, ndcg } = mean(run);
    return {
      bar,
      unanswerable: { nothing: unanswerable.filter(empty).length, of: unanswerable.length },
      answerable: { nothing: answerable.filter(empty).length, of: answerable.length },
      mrr,
      ndcg,
      peerMrr,
      peerNdcg,
    };
  });
}

const pct = (n: number, of: number) => (of ? `${Math.round((100 * n) / of)} %` : "-");
const signed = (x: number) => `${x >= 0 ? "+" : ""}${x.toFixed(3)}`;

export function formatBarRows(rows: readonly BarRow[]): string {
  return formatTable(
    ["bar (question/line)", "unanswerable: nothing", "answerable: nothing", "Hindsight MRR / nDCG", "better peer MRR / nDCG", "margin MRR / nDCG"],
    rows.map((r) => [
      `${r.bar.question}/${r.bar.line}`,
      `${r.unanswerable.nothing}/${r.unanswerable.of} ${pct(r.unanswerable.nothing, r.unanswerable.of)}`,
      `${r.answerable.nothing}/${r.answerable.of} ${pct(r.answerable.nothing, r.answerable.of)}`,
      `${r.mrr.toFixed(3)} / ${r.ndcg.toFixed(3)}`,
      `${r.peerMrr.toFixed(3)} / ${r.peerNdcg.toFixed(3)}`,
      `${signed(r.mrr - r.peerMrr)} / ${signed(r.ndcg - r.peerNdcg)}`,
    ]),
    { align: ["left", "right", "right", "right", "right", "right"] },
  );
}
