// Runs judged queries through ranking engines and scores them; the report is plain text so it reads
// the same in a terminal and in CI logs.
import { CUTOFF, meanScores, scoreQuery, type QueryScore } from "./metrics.js";
import type { JudgedQuery } from "./corpus.js";
import type { RankingEngine } from "./peers.js";
import { formatTable } from "./table.js";

export interface EngineRun {
  engine: string;
  /** Set when the engine could not answer; its scores are then absent. */
  error: string | null;
  perQuery: (QueryScore & { q: string; ranked: string[] })[];
  mrr: number;
  ndcg: number;
}

export async function runEngine(engine: RankingEngine, queries: readonly JudgedQuery[]): Promise<EngineRun> {
  const perQuery: EngineRun["perQuery"] = [];
  try {
    for (const { q, rel } of queries) {
      const ranked = await engine.search(q, CUTOFF);
      perQuery.push({ q, ranked, ...scoreQuery(ranked, rel) });
    }
  } catch (err) {
    return { engine: engine.name, error: (err as Error).message, perQuery: [], mrr: 0, ndcg: 0 };
  }
  return { engine: engine.name, error: null, perQuery, ...meanScores(perQuery) };
}

const fixed = (n: number) => n.toFixed(3);

export function formatRelevanceReport(runs: readonly EngineRun[], queries: readonly JudgedQuery[]): string {
  const summary = formatTable(
    ["engine", `MRR@${CUTOFF}`, `nDCG@${CUTOFF}`, "queries", "missed"],
    runs.map((r) =>
      r.error
        ? [r.engine, "-", "-", "-", "-"]
        : [r.engine, fixed(r.mrr), fixed(r.ndcg), String(r.perQuery.length), String(r.perQuery.filter((p) => p.firstRelevant === null).length)],
    ),
    { align: ["left", "right", "right", "right", "right"] },
  );
  const perQuery = formatTable(
    ["query", ...runs.map((r) => r.engine)],
    queries.map((query, i) => [
      query.q,
      ...runs.map((r) => {
        if (r.error) return "-";
        const rank = r.perQuery[i]?.firstRelevant;
        return rank == null ? `>${CUTOFF}` : String(rank);
      }),
    ]),
    { align: ["left", ...runs.map(() => "right" as const)] },
  );
  const errors = runs.filter((r) => r.error).map((r) => `${r.engine}: ${r.error}`);
  return [
    summary,
    "",
    `Rank of the first relevant hit per query (>${CUTOFF} = none in the top ${CUTOFF}):`,
    perQuery,
    ...(errors.length ? ["", "Errors:", ...errors.map((e) => `  ${e}`)] : []),
  ].join("\n");
}
