// The tune/test split of the judged queries: stratified by style, shuffled by the seeded PRNG, done
// once and committed (the `split` field). Ranking may be tuned by looking at the tune half only; the
// test half stays unseen so its figures say how search holds up on queries nobody tuned for.
import type { JudgedSetQuery, LaterSet, QueryStyle, Split } from "./judged.js";
import { STYLES } from "./judged.js";
import { Rng } from "./prng.js";

export const SPLIT_SEED = "hindsight-judged-split-v1";
/** The seed of judged-v3.jsonl's split (its own, so its halves owe nothing to the first set's). */
export const SPLIT_SEED_V3 = "hindsight-judged-split-v3";
/** The seed of judged-v4.jsonl's split (its own again, so v4's halves owe nothing to v3's). */
export const SPLIT_SEED_V4 = "hindsight-judged-split-v4";
/** The seed of judged-v5.jsonl's split (its own again, so v5's halves owe nothing to v4's). */
export const SPLIT_SEED_V5 = "hindsight-judged-split-v5";
/** The seed of judged-v6.jsonl's split (its own again, so v6's halves owe nothing to v5's). */
export const SPLIT_SEED_V6 = "hindsight-judged-split-v6";
/** The seed of judged-v7.jsonl's split (its own again, so v7's halves owe nothing to v6's). */
export const SPLIT_SEED_V7 = "hindsight-judged-split-v7";
/** The seed of judged-v8.jsonl's split (its own again, so v8's halves owe nothing to v7's). */
export const SPLIT_SEED_V8 = "hindsight-judged-split-v8";
/** The seed of judged-v9.jsonl's split (its own again, so v9's halves owe nothing to v8's). */
export const SPLIT_SEED_V9 = "hindsight-judged-split-v9";
/** The seed of judged-v10.jsonl's split (its own again, so v10's halves owe nothing to v9's). */
export const SPLIT_SEED_V10 = "hindsight-judged-split-v10";
/** The seed of judged-v11.jsonl's split (its own again, so v11's halves owe nothing to v10's). */
export const SPLIT_SEED_V11 = "hindsight-judged-split-v11";
/** The seed of judged-v12.jsonl's split (its own again, so v12's halves owe nothing to v11's). */
export const SPLIT_SEED_V12 = "hindsight-judged-split-v12";
/** The seed of judged-v13.jsonl's split (its own again, so v13's halves owe nothing to v12's). */
export const SPLIT_SEED_V13 = "hindsight-judged-split-v13";
/** The seed of judged-v14.jsonl's split (its own again, so v14's halves owe nothing to v13's). */
export const SPLIT_SEED_V14 = "hindsight-judged-split-v14";
/** The seed of judged-v15.jsonl's split (its own again, so v15's halves owe nothing to v14's). */
export const SPLIT_SEED_V15 = "hindsight-judged-split-v15";
/** The seed of judged-v16.jsonl's split (its own again, so v16's halves owe nothing to v15's). */
export const SPLIT_SEED_V16 = "hindsight-judged-split-v16";
/** The seed of judged-v17.jsonl's split (its own again, so v17's halves owe nothing to v16's). */
export const SPLIT_SEED_V17 = "hindsight-judged-split-v17";
/** The seed of judged-v18.jsonl's split (its own again, so v18's halves owe nothing to v17's). */
export const SPLIT_SEED_V18 = "hindsight-judged-split-v18";
/** The seed of judged-v19.jsonl's split (its own again, so v19's halves owe nothing to v18's). */
export const SPLIT_SEED_V19 = "hindsight-judged-split-v19";
/** The seed of judged-v20.jsonl's split (its own again, so v20's halves owe nothing to v19's). */
export const SPLIT_SEED_V20 = "hindsight-judged-split-v20";
/** The seed of judged-v21.jsonl's split (its own again, so v21's halves owe nothing to v20's). */
export const SPLIT_SEED_V21 = "hindsight-judged-split-v21";
/** The split seed of each later judged set. */
export const LATER_SPLIT_SEEDS: Record<LaterSet, string> = {
  v3: SPLIT_SEED_V3,
  v4: SPLIT_SEED_V4,
  v5: SPLIT_SEED_V5,
  v6: SPLIT_SEED_V6,
  v7: SPLIT_SEED_V7,
  v8: SPLIT_SEED_V8,
  v9: SPLIT_SEED_V9,
  v10: SPLIT_SEED_V10,
  v11: SPLIT_SEED_V11,
  v12: SPLIT_SEED_V12,
  v13: SPLIT_SEED_V13,
  v14: SPLIT_SEED_V14,
  v15: SPLIT_SEED_V15,
  v16: SPLIT_SEED_V16,
  v17: SPLIT_SEED_V17,
  v18: SPLIT_SEED_V18,
  v19: SPLIT_SEED_V19,
  v20: SPLIT_SEED_V20,
  v21: SPLIT_SEED_V21,
};

/**
 * The split of each query, in input order. Within every style the queries are shuffled with their own
 * stream (`<seed>/<style>`) and the first half goes to tune; an odd style's extra query goes to
 * whichever half is smaller so far (test on a tie), keeping both halves within one query overall.
 */
export function splitQueries(queries: readonly Pick<JudgedSetQuery, "style">[], seed: string = SPLIT_SEED): Split[] {
  const out: Split[] = new Array<Split>(queries.length);
  let tune = 0;
  let test = 0;
  const styles: QueryStyle[] = [...STYLES, ...new Set(queries.map((q) => q.style).filter((s) => !STYLES.includes(s)))];
  for (const style of styles) {
    const indices = queries.flatMap((q, i) => (q.style === style ? [i] : []));
    const shuffled = new Rng(`${seed}/${style}`).sample(indices, indices.length);
    const tuneCount = Math.floor(shuffled.length / 2) + (shuffled.length % 2 === 1 && tune < test ? 1 : 0);
    shuffled.forEach((index, k) => {
      out[index] = k < tuneCount ? "tune" : "test";
    });
    tune += tuneCount;
    test += shuffled.length - tuneCount;
  }
  return out;
}
