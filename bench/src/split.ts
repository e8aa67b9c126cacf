// The tune/test split of the judged queries: stratified by style, shuffled by the seeded PRNG, done
// once and committed (the `split` field). Ranking may be tuned by looking at the tune half only; the
// test half stays unseen so its figures say how search holds up on queries nobody tuned for.
import type { JudgedSetQuery, LaterSet, QueryStyle, Split } from "./judged.js";
import { LATER_SETS, STYLES } from "./judged.js";
import { Rng } from "./prng.js";

export const SPLIT_SEED = "hindsight-judged-split-v1";
/**
 * The split seed of each later judged set: its own (`hindsight-judged-split-v3`, `-v4`, …), so each
 * set's halves owe nothing to the halves of the sets before it.
 */
export const LATER_SPLIT_SEEDS = Object.fromEntries(LATER_SETS.map((set) => [set, `hindsight-judged-split-${set}`])) as Record<LaterSet, string>;

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
