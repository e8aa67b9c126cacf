// How close together an entry says what a question asks. An entry that answers "kafka consumer lag
// keeps growing" says "consumer", "lag" and "growing" within a few lines of each other; one that only
// mentions Kafka in its opening and lag three sections later is about something else, however strong
// each word is on its own. Used by the answer bar for questions whose best match is neither clearly
// strong nor clearly weak (see engines/postgres/engine.ts).
import { terms } from "./tokenize.js";

/** A query word's indexed term (exact, prefix, typo or synonym) and its weight; `qi` is the word. */
export interface WeightedTerm {
  qi: number;
  term: string;
  w: number;
}

/**
 * The most weight of distinct query words found within `window` consecutive words of `text`: each
 * query word counts once, at its heaviest term in the window. 0 when none of the terms occurs.
 */
export function closestWeight(text: string, weighted: readonly WeightedTerm[], window: number): number {
  const byTerm = new Map<string, WeightedTerm[]>();
  for (const t of weighted) byTerm.set(t.term, [...(byTerm.get(t.term) ?? []), t]);
  const hits = terms(text).flatMap((term, at) => {
    const found = byTerm.get(term);
    return found ? [{ at, found }] : [];
  });
  let best = 0;
  // Windows that start at a hit are enough: a best window can always be slid right to begin at one.
  for (let start = 0; start < hits.length; start++) {
    const perWord = new Map<number, number>();
    for (let i = start; i < hits.length && hits[i]!.at - hits[start]!.at < window; i++) {
      for (const t of hits[i]!.found) perWord.set(t.qi, Math.max(perWord.get(t.qi) ?? 0, t.w));
    }
    let sum = 0;
    for (const w of perWord.values()) sum += w;
    best = Math.max(best, sum);
  }
  return best;
}
