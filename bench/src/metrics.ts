// Relevance metrics as the shared corpus README defines them: MRR@10 (reciprocal rank of the first
// hit graded >= 1) and nDCG@10 (gain 2^grade - 1, log2 discount, ideal DCG from the judged set),
// plus recall@10 (share of the documents graded >= 1 found in the top 10), averaged over queries.
// Pure functions; the runners feed them ranked corpus ids.

/** Graded judgements of one query: corpus id -> grade (dev set: 2 = the answer, 1 = also useful; judged set 0-3). */
export type Judgements = Readonly<Record<string, number>>;

export const CUTOFF = 10;

/**
 * A ranking as scored: the first `k` distinct ids. An id repeated further down (two hits that map to
 * one corpus document) earns nothing the second time, as in trec_eval, and does not take a rank.
 */
export function topK(ranked: readonly string[], k = CUTOFF): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ranked) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    if (out.length === k) break;
  }
  return out;
}

/** 1-based rank of the first hit graded >= 1 within the top k, or null when there is none. */
export function firstRelevantRank(ranked: readonly string[], rel: Judgements, k = CUTOFF): number | null {
  const i = topK(ranked, k).findIndex((id) => (rel[id] ?? 0) >= 1);
  return i === -1 ? null : i + 1;
}

export function reciprocalRank(ranked: readonly string[], rel: Judgements, k = CUTOFF): number {
  const rank = firstRelevantRank(ranked, rel, k);
  return rank === null ? 0 : 1 / rank;
}

const gain = (grade: number) => 2 ** grade - 1;
/** Rank 1 is undiscounted: log2(1 + 1) = 1. */
const discount = (rank: number) => Math.log2(rank + 1);

export function dcg(grades: readonly number[], k = CUTOFF): number {
  return grades.slice(0, k).reduce((sum, g, i) => sum + gain(g) / discount(i + 1), 0);
}

/** The best DCG any ranking could reach: the judged grades sorted high to low. */
export function idealDcg(rel: Judgements, k = CUTOFF): number {
  return dcg(
    Object.values(rel)
      .filter((g) => g > 0)
      .sort((a, b) => b - a),
    k,
  );
}

export function ndcg(ranked: readonly string[], rel: Judgements, k = CUTOFF): number {
  const ideal = idealDcg(rel, k);
  if (ideal === 0) return 0;
  return dcg(topK(ranked, k).map((id) => rel[id] ?? 0), k) / ideal;
}

/**
 * Documents graded >= 1 among the top k, over all documents graded >= 1 (not capped at k, so a broad
 * query with 12 relevant documents tops out at 10/12). 0 when nothing is relevant.
 */
export function recall(ranked: readonly string[], rel: Judgements, k = CUTOFF): number {
  const relevant = Object.values(rel).filter((g) => g >= 1).length;
  if (relevant === 0) return 0;
  return topK(ranked, k).filter((id) => (rel[id] ?? 0) >= 1).length / relevant;
}

export interface QueryScore {
  mrr: number;
  ndcg: number;
  recall: number;
  /** 1-based rank of the first relevant hit in the top 10, null when none made it. */
  firstRelevant: number | null;
}

export function scoreQuery(ranked: readonly string[], rel: Judgements, k = CUTOFF): QueryScore {
  return {
    mrr: reciprocalRank(ranked, rel, k),
    ndcg: ndcg(ranked, rel, k),
    recall: recall(ranked, rel, k),
    firstRelevant: firstRelevantRank(ranked, rel, k),
  };
}

export interface MeanScores {
  mrr: number;
  ndcg: number;
  recall: number;
}

/** Means over queries; all are 0 for an empty set rather than NaN. */
export function meanScores(scores: readonly Omit<QueryScore, "firstRelevant">[]): MeanScores {
  if (scores.length === 0) return { mrr: 0, ndcg: 0, recall: 0 };
  const sum = scores.reduce((acc, s) => ({ mrr: acc.mrr + s.mrr, ndcg: acc.ndcg + s.ndcg, recall: acc.recall + s.recall }), { mrr: 0, ndcg: 0, recall: 0 });
  return { mrr: sum.mrr / scores.length, ndcg: sum.ndcg / scores.length, recall: sum.recall / scores.length };
}
