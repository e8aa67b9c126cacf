// The judged query set in bench/queries: queries written by hand over the shared corpus,
// each with graded judgements (0-3), a style, and a fixed tune/test split. Loading validates every
// line against the corpus and names the line of each problem, because a silently dropped id or a
// mistyped style would skew every score computed from it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CorpusError } from "./corpus.js";
import type { Judgements } from "./metrics.js";

/** bench/queries/judged.jsonl (the same from src/ and dist/). */
export const DEFAULT_JUDGED = fileURLToPath(new URL("../queries/judged.jsonl", import.meta.url));
/**
 * More questions the corpus cannot answer (office, HR, travel, other stacks), written after the judged
 * set's test half had been looked at once, and split by their own seed (`hindsight-noanswer-v2`), so
 * that precision can be tuned on a fresh tune half and measured on a fresh held-out half.
 */
export const DEFAULT_NOANSWER = fileURLToPath(new URL("../queries/noanswer-v2.jsonl", import.meta.url));

// Where each later judged set comes from, in the order they were written (its file is
// bench/queries/judged-vN.jsonl, its split seed `hindsight-judged-split-vN` in split.ts):
//
// v3: A second judged set of every style, written on 2026-12-06 from the documents alone by a session that
//   never saw the ranking code or its results, once the first set's test half had been looked at too often
//   to stay a held-out figure. Split by its own seed (`hindsight-judged-split-v3`); reported beside the
//   first set, never merged into it, so each set's halves keep their meaning.
// v4: A third judged set of every style, written on 2026-12-06 from the documents alone by another session
//   that never saw the ranking code, the synonym list, the earlier sets' query texts or any engine's
//   results, once v3's test half had been looked at. Split by its own seed (`hindsight-judged-split-v4`);
//   reported beside the other sets, never merged into them.
// v5: A fourth judged set of every style, written on 2026-12-06 from the documents alone by a session that
//   never saw the ranking code, the synonym list, the earlier sets' query texts or any engine's results,
//   once v4's test half had been looked at. Split by its own seed (`hindsight-judged-split-v5`); reported
//   beside the other sets, never merged into them.
// v6: A fifth judged set of every style, written from the documents alone by a session that never saw the
//   ranking code, the synonym tables, the earlier sets' query texts (beyond v5's first lines, for the
//   format, and the 16 of its own drafts the duplicate check found already taken, which were reworded)
//   or any engine's results, once v5's test half had been looked at. Every corpus document is
//   the grade-3 answer of one of its queries. Split by its own seed (`hindsight-judged-split-v6`);
//   reported beside the other sets, never merged into them.
// v7: A sixth judged set of every style, written from the documents alone by a session that never saw the
//   ranking code, the synonym tables, the earlier sets' query texts (beyond v6's first lines, for the
//   format, and the 19 of its own drafts the duplicate check found already taken, which were reworded)
//   or any engine's results, once v6's test half had been looked at. Every corpus document is
//   the grade-3 answer of one of its queries. Split by its own seed (`hindsight-judged-split-v7`);
//   reported beside the other sets, never merged into them.
// v8: A seventh judged set of every style, written from the documents alone by a session that read the
//   corpus and the bench's loader, splitter and report code only: never the ranking code, the synonym
//   tables, packages/, apps/, docs/, the earlier sets' query texts or any engine's results (the 36 of its
//   own drafts the duplicate check found already taken were reworded without reading the earlier files),
//   once v7's test half had been looked at. Every corpus document is the grade-3 answer of one of its
//   queries. Split by its own seed (`hindsight-judged-split-v8`); reported beside the other sets, never
//   merged into them.
// v9: An eighth judged set of every style, written from the documents alone by a session that read the
//   corpus and the bench's loader, splitter and report code only: never the ranking code, the synonym
//   tables, packages/, apps/, docs/, bench/README.md, the earlier sets' query texts or any engine's
//   results (the 56 of its own drafts the duplicate check found already taken were reworded without
//   reading the earlier files), once v8's test half had been looked at. Every corpus document is the
//   grade-3 answer of one of its queries; its 52 unanswerable queries are engineering questions about
//   tools and problems the corpus does not cover (some sharing words with it on purpose), pasted errors
//   from stacks it does not cover and office/HR/travel questions. Split by its own seed
//   (`hindsight-judged-split-v9`); reported beside the other sets, never merged into them.
// v10: A ninth judged set, written the same way as v8 and v9 (the corpus and the bench's loader, splitter and
//   report code only; the duplicate check printed line numbers only), once v9's test half had been looked
//   at and the answer bars had been measured against every earlier half. Split by its own seed
//   (`hindsight-judged-split-v10`); reported beside the other sets, never merged into them.
// v11: A tenth judged set, written the same way as v8 to v10 (the corpus and the bench's loader, splitter and
//   corpus code only; the duplicate check printed line numbers only and 97 drafts were reworded blind),
//   once v10's test half had been looked at and the weak-match flag was in place. A quarter of it (71)
//   is unanswerable: 48 questions about tools and problems next to the covered ones, 23 workplace
//   questions. Split by its own seed (`hindsight-judged-split-v11`); reported beside the other sets,
//   never merged into them.
// v12: An eleventh judged set, written the same way (the corpus and the bench's loader, splitter and corpus
//   code only; 100 drafts the duplicate check flagged were reworded blind), once v11's test half had
//   been looked at and the typo, alert-notification and pasted-line rules had been set on the tune
//   halves. 65 of its queries are unanswerable: 43 questions next to the covered ones, 22 workplace
//   questions. Split by its own seed (`hindsight-judged-split-v12`); reported beside the other sets,
//   never merged into them.
// v13: A twelfth judged set, written the same way (the corpus and the bench's loader, splitter and corpus
//   code only; 115 drafts the duplicate check flagged were reworded blind), once v12's test half had
//   been looked at. 65 of its queries are unanswerable: 43 questions next to the covered ones, 22
//   workplace questions. Split by its own seed (`hindsight-judged-split-v13`); reported beside the
//   other sets, never merged into them.
// v14: A thirteenth judged set, written the same way (the corpus and the bench's loader, splitter and corpus
//   code only; 114 drafts the duplicate check flagged were reworded blind, 5 dropped), once v13's test
//   half had been looked at and the technology names had been added. 65 of its queries are
//   unanswerable: 43 questions next to the covered ones (some about another side of a tool the corpus
//   does mention), 22 workplace questions. Split by its own seed (`hindsight-judged-split-v14`);
//   reported beside the other sets, never merged into them.
// v15: A fourteenth judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 108 drafts the duplicate check flagged were reworded blind), once every earlier
//   test half had been looked at. 65 of its queries are unanswerable: 43 questions next to the covered
//   ones, 22 workplace questions. Split by its own seed (`hindsight-judged-split-v15`); reported beside
//   the other sets, never merged into them.
// v16: A fifteenth judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 119 drafts the duplicate check flagged were reworded blind), once every earlier
//   test half had been looked at. 65 of its queries are unanswerable: 43 questions next to the covered
//   ones, 22 workplace questions. Split by its own seed (`hindsight-judged-split-v16`); reported beside
//   the other sets, never merged into them.
// v17: A sixteenth judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 95 drafts the duplicate check flagged were reworded blind), once v16's test half
//   had been looked at, and kept out of every run until the session's engine changes were done. 65 of
//   its queries are unanswerable: 43 questions next to the covered ones, 22 workplace questions. Split
//   by its own seed (`hindsight-judged-split-v17`); reported beside the other sets, never merged into them.
// v18: A seventeenth judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 125 drafts the duplicate check flagged were reworded blind), once v17's test half
//   had been looked at, as a second fresh look at the same engine. 65 of its queries are unanswerable:
//   43 questions next to the covered ones, 22 workplace questions. Split by its own seed
//   (`hindsight-judged-split-v18`); reported beside the other sets, never merged into them.
// v19: An eighteenth judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 138 drafts the duplicate check flagged were reworded blind), once v18's test half
//   had been looked at, as a fresh look at the engine that reads questions in plain words as questions.
//   65 of its queries are unanswerable: 43 questions next to the covered ones, 22 workplace questions.
//   Split by its own seed (`hindsight-judged-split-v19`); reported beside the other sets, never merged.
// v20: A nineteenth judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 108 drafts the duplicate check flagged were reworded blind), once v19's test half
//   had been looked at, as a fresh look at the engine with the percentage rule set after v19's look.
//   65 of its queries are unanswerable: 43 questions next to the covered ones, 22 workplace questions.
//   Split by its own seed (`hindsight-judged-split-v20`); reported beside the other sets, never merged.
// v21: A twentieth judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 119 drafts the duplicate check flagged were reworded blind), once v20's test half
//   had been looked at, as a fresh look at the engine with the host-tool rule set after v20's look.
//   65 of its queries are unanswerable: 43 questions next to the covered ones, 22 workplace questions.
//   Split by its own seed (`hindsight-judged-split-v21`); reported beside the other sets, never merged.
// v22: A twenty-first judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 59 drafts the duplicate check flagged were reworded blind), once v21's test half
//   had been looked at, as a second fresh look at the same engine: no ranking change came between.
//   65 of its queries are unanswerable: 43 questions next to the covered ones, 22 workplace questions.
//   Split by its own seed (`hindsight-judged-split-v22`); reported beside the other sets, never merged.
// v23: A twenty-second judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 67 drafts the duplicate check flagged were reworded blind) while v22 was looked
//   at, and kept out of the repository and of every run until the engine changes after v22's look
//   were committed: a fresh look at the engine that searches a network interface's name whole.
//   65 of its queries are unanswerable: 43 questions next to the covered ones, 22 workplace questions.
//   Split by its own seed (`hindsight-judged-split-v23`); reported beside the other sets, never merged.
// v24: A twenty-third judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 77 drafts the duplicate check flagged were reworded blind) while v23 was looked
//   at, as a second fresh look at the engine v23 looked at: no ranking change came between.
//   65 of its queries are unanswerable: 43 questions next to the covered ones, 22 workplace questions.
//   Split by its own seed (`hindsight-judged-split-v24`); reported beside the other sets, never merged.
// v25: A twenty-fourth judged set, written the same way (the corpus and the bench's loader, splitter and
//   corpus code only; 146 drafts the duplicate check flagged were reworded blind), once v24's test half
//   had been looked at, as a third fresh look at the engine v23 and v24 looked at: no ranking change came
//   between. 65 of its queries are unanswerable: 43 questions next to the covered ones, 22 workplace
//   questions. Split by its own seed (`hindsight-judged-split-v25`); reported beside the other sets, never merged.

/** The judged sets after the first, each scored and reported apart, in the order they were written. */
export const LATER_SETS = ["v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18", "v19", "v20", "v21", "v22", "v23", "v24", "v25"] as const;
export type LaterSet = (typeof LATER_SETS)[number];
/** The committed file of each later set: bench/queries/judged-vN.jsonl (the same from src/ and dist/). */
export const DEFAULT_LATER = Object.fromEntries(
  LATER_SETS.map((set) => [set, fileURLToPath(new URL(`../queries/judged-${set}.jsonl`, import.meta.url))]),
) as Record<LaterSet, string>;

/**
 * How the query is written: `symptom` (the user's own words), `typo` (misspelt), `prefix` (half-typed),
 * `alert` (an alert name), `error` (a pasted log or error line), `broad` (a topic matching several
 * documents) and `noanswer` (nothing in the corpus answers it; judged `{}`).
 */
export const STYLES = ["symptom", "typo", "prefix", "alert", "error", "broad", "noanswer"] as const;
export type QueryStyle = (typeof STYLES)[number];

export const SPLITS = ["tune", "test"] as const;
export type Split = (typeof SPLITS)[number];

export const MAX_GRADE = 3;

export interface JudgedSetQuery {
  q: string;
  /** corpus id -> grade: 3 the document about exactly this, 2 very relevant, 1 related, 0 judged not relevant. */
  rel: Judgements;
  style: QueryStyle;
  /** Absent only before the split is assigned (see split-queries.ts). */
  split?: Split;
}

const FIELDS = new Set(["q", "rel", "style", "split"]);

/** Whether a query has anything to find: noanswer queries have no document graded >= 1. */
export const hasRelevant = (rel: Judgements) => Object.values(rel).some((g) => g >= 1);

function problemsOf(value: unknown, known: ReadonlySet<string> | undefined, requireSplit: boolean): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return ['expected an object {"q", "rel", "style", "split"}'];
  const o = value as Record<string, unknown>;
  const problems: string[] = [];
  const extra = Object.keys(o).filter((k) => !FIELDS.has(k));
  if (extra.length) problems.push(`unknown field(s) ${extra.join(", ")} (expected q, rel, style, split)`);
  if (typeof o.q !== "string" || !o.q.trim()) problems.push('"q" must be a non-empty string');
  if (typeof o.style !== "string" || !(STYLES as readonly string[]).includes(o.style)) {
    problems.push(`"style" must be one of ${STYLES.join(", ")} (got ${JSON.stringify(o.style)})`);
  }
  if (o.split === undefined ? requireSplit : !(SPLITS as readonly string[]).includes(o.split as string)) {
    problems.push(`"split" must be one of ${SPLITS.join(", ")} (got ${JSON.stringify(o.split)}); run split-queries to assign it`);
  }
  if (typeof o.rel !== "object" || o.rel === null || Array.isArray(o.rel)) {
    problems.push('"rel" must be an object {"<corpus id>": grade}');
    return problems;
  }
  const rel = o.rel as Record<string, unknown>;
  for (const [id, grade] of Object.entries(rel)) {
    if (known && !known.has(id)) problems.push(`judged id not in the corpus: ${id}`);
    if (typeof grade !== "number" || !Number.isInteger(grade) || grade < 0 || grade > MAX_GRADE) {
      problems.push(`grade of ${id} must be an integer 0-${MAX_GRADE} (got ${JSON.stringify(grade)})`);
    }
  }
  const anyRelevant = Object.values(rel).some((g) => typeof g === "number" && g >= 1);
  if (o.style === "noanswer" && anyRelevant) problems.push("a noanswer query must not grade any document >= 1");
  if (o.style !== "noanswer" && typeof o.style === "string" && !anyRelevant) {
    problems.push('only noanswer queries may have no document graded >= 1 (use style "noanswer")');
  }
  return problems;
}

export interface LoadJudgedOptions {
  /** Corpus ids every judgement must name; unchecked when absent. */
  known?: ReadonlySet<string>;
  /** Whether every query must carry its split (true except when assigning it). */
  requireSplit?: boolean;
}

/** Parses and validates the judged file; throws a CorpusError listing `path:line: problem` for every bad line. */
export function parseJudged(text: string, path: string, options: LoadJudgedOptions = {}): JudgedSetQuery[] {
  const { known, requireSplit = true } = options;
  const queries: JudgedSetQuery[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  text.split("\n").forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      errors.push(`${path}:${line}: not JSON (${(err as Error).message})`);
      return;
    }
    const problems = problemsOf(value, known, requireSplit);
    const query = value as JudgedSetQuery;
    if (typeof query?.q === "string") {
      const key = query.q.trim().toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) problems.push(`duplicate of the query on line ${first}`);
      else seen.set(key, line);
    }
    if (problems.length) errors.push(...problems.map((p) => `${path}:${line}: ${p}`));
    else queries.push(query);
  });
  if (errors.length) {
    const shown = errors.slice(0, 20);
    throw new CorpusError(`invalid judged queries:\n  ${shown.join("\n  ")}${errors.length > shown.length ? `\n  … and ${errors.length - shown.length} more` : ""}`);
  }
  if (!queries.length) throw new CorpusError(`${path}: no queries`);
  return queries;
}

export function loadJudged(path: string = DEFAULT_JUDGED, options: LoadJudgedOptions = {}): JudgedSetQuery[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new CorpusError(`cannot read the judged queries at ${path}: ${(err as Error).message}`);
  }
  return parseJudged(text, path, options);
}

/** The first set's two files, and one file per later set. */
export interface JudgedSetPaths extends Record<LaterSet, string> {
  judged: string;
  noanswer: string;
}

/** judged.jsonl and noanswer-v2.jsonl together (the first judged set, each file split by its own seed), and each later set (split by its own seed, see split.ts). */
export interface JudgedSets extends Record<LaterSet, JudgedSetQuery[]> {
  judged: JudgedSetQuery[];
}

/**
 * Loads every judged set a relevance run scores. With `tuneOnly` (while tuning ranking) only the tune
 * halves are returned, so no test-half query of any set is run or shown. A query in two files fails
 * the load: the sets are meant to be independent samples.
 */
export function loadJudgedSets(paths: JudgedSetPaths, options: { known?: ReadonlySet<string>; tuneOnly?: boolean } = {}): JudgedSets {
  const { known, tuneOnly = false } = options;
  const load = (path: string) => ({ path, queries: loadJudged(path, { known }) });
  const first = [load(paths.judged), load(paths.noanswer)];
  const later = LATER_SETS.map((set) => load(paths[set]));
  const firstFile = new Map<string, string>();
  const repeated: string[] = [];
  for (const { path, queries } of [...first, ...later]) {
    for (const { q } of queries) {
      const key = q.trim().toLowerCase();
      const seen = firstFile.get(key);
      if (seen !== undefined) repeated.push(`${JSON.stringify(q)} (${seen} and ${path})`);
      else firstFile.set(key, path);
    }
  }
  if (repeated.length) throw new CorpusError(`queries in more than one judged file: ${repeated.join(", ")}`);
  const pick = (queries: JudgedSetQuery[]) => (tuneOnly ? queries.filter((q) => q.split === "tune") : queries);
  const sets = Object.fromEntries(LATER_SETS.map((set, i) => [set, pick(later[i]!.queries)])) as Record<LaterSet, JudgedSetQuery[]>;
  return { judged: pick(first.flatMap((f) => f.queries)), ...sets };
}
