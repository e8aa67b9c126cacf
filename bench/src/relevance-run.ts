// Runs judged queries through ranking engines and scores them; the report is plain text so it reads
// the same in a terminal and in CI logs. Queries without any document graded >= 1 (the judged set's
// noanswer queries) are left out of MRR/nDCG/recall, which they cannot earn, and measured instead by
// the precision check: how often the engine rightly returns nothing.
import { CUTOFF, meanScores, scoreQuery, type Judgements, type MeanScores, type QueryScore } from "./metrics.js";
import { hasRelevant, LATER_SETS, STYLES, type LaterSet, type QueryStyle, type Split } from "./judged.js";
import type { RankingEngine } from "./peers.js";
import { Rng } from "./prng.js";
import { formatTable } from "./table.js";

/** A query as the runner needs it; style and split only for the judged set. */
export interface RunQuery {
  q: string;
  rel: Judgements;
  style?: QueryStyle;
  split?: Split;
}

/** `weak`: the engine called its hits a weak match (only engines that can say so set it). */
export type QueryRun = QueryScore & { q: string; ranked: string[]; weak?: boolean };

export interface EngineRun {
  engine: string;
  /** Set when the engine could not answer; its scores are then absent. */
  error: string | null;
  perQuery: QueryRun[];
  mrr: number;
  ndcg: number;
  recall: number;
}

const failed = (engine: string, err: unknown): EngineRun => ({ engine, error: (err as Error).message, perQuery: [], mrr: 0, ndcg: 0, recall: 0 });

/** Every query through the engine; the means cover only queries with something to find. */
export async function runEngine(engine: RankingEngine, queries: readonly RunQuery[]): Promise<EngineRun> {
  const perQuery: QueryRun[] = [];
  try {
    for (const { q, rel } of queries) {
      const { ranked, weak } = engine.searchFlagged ? await engine.searchFlagged(q, CUTOFF) : { ranked: await engine.search(q, CUTOFF), weak: undefined };
      perQuery.push({ q, ranked, weak, ...scoreQuery(ranked, rel) });
    }
  } catch (err) {
    return failed(engine.name, err);
  }
  return { engine: engine.name, error: null, perQuery, ...meanScores(perQuery.filter((_, i) => hasRelevant(queries[i]!.rel))) };
}

export const RANDOM_SEED = "relevance-random-strings-v1";
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** `n` seeded random alphanumeric strings of 10-20 characters: queries no document can answer. */
export function randomStrings(n = 200, seed = RANDOM_SEED): string[] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () => Array.from({ length: rng.int(10, 20) }, () => rng.pick([...ALPHANUMERIC])).join(""));
}

/**
 * Everything one engine answered: the dev set, the first judged set, each later judged set (v3, v4,
 * v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, v25: run and scored apart from the others) and the random strings.
 */
export interface EngineResults extends Record<LaterSet, EngineRun> {
  engine: string;
  error: string | null;
  dev: EngineRun;
  judged: EngineRun;
  /** How many hits (up to the cutoff) each random string returned. */
  random: { q: string; hits: number }[];
}

/** The queries of one run: a later set left out is run as empty. */
export type RunSets = { dev: readonly RunQuery[]; judged: readonly RunQuery[]; random: readonly string[] } & Partial<Record<LaterSet, readonly RunQuery[]>>;

export async function runAll(engine: RankingEngine, sets: RunSets): Promise<EngineResults> {
  const dev = await runEngine(engine, sets.dev);
  const judged = dev.error ? dev : await runEngine(engine, sets.judged);
  // Once one set fails the engine is not asked again: the later sets carry that failure.
  const later = {} as Record<LaterSet, EngineRun>;
  let previous = judged;
  for (const set of LATER_SETS) previous = later[set] = previous.error ? previous : await runEngine(engine, sets[set] ?? []);
  const random: EngineResults["random"] = [];
  let error = dev.error ?? judged.error ?? previous.error;
  if (!error) {
    try {
      for (const q of sets.random) random.push({ q, hits: (await engine.search(q, CUTOFF)).length });
    } catch (err) {
      error = (err as Error).message;
    }
  }
  return { engine: engine.name, error, dev, judged, ...later, random };
}

export function failedResults(engine: string, err: unknown): EngineResults {
  const run = failed(engine, err);
  return { engine, error: run.error, dev: run, judged: run, ...laterRecord(() => run), random: [] };
}

// ---- figures --------------------------------------------------------------------------------------

export interface SetFigures extends MeanScores {
  /** Queries scored (those with a document graded >= 1). */
  queries: number;
  /** Scored queries without a relevant hit in the top 10. */
  missed: number;
}

/** Means over the queries `pick` selects that have something to find. */
export function setFigures(run: EngineRun, queries: readonly RunQuery[], pick: (q: RunQuery) => boolean = () => true): SetFigures {
  const scored = run.perQuery.filter((_, i) => pick(queries[i]!) && hasRelevant(queries[i]!.rel));
  return { queries: scored.length, missed: scored.filter((p) => p.firstRelevant === null).length, ...meanScores(scored) };
}

export interface Share {
  empty: number;
  of: number;
}

/** How many of the picked queries returned nothing at all. */
export function emptyShare(run: EngineRun, queries: readonly RunQuery[], pick: (q: RunQuery) => boolean): Share {
  const picked = run.perQuery.filter((_, i) => pick(queries[i]!));
  return { empty: picked.filter((p) => p.ranked.length === 0).length, of: picked.length };
}

/**
 * What the weak-match flag tells apart on one half: of the unanswerable queries, how many got nothing
 * or hits flagged weak (`caught`); of the answerable ones that got hits, how many were flagged weak
 * anyway (`flagged`, the flag's false alarms; their hits still count in MRR and nDCG).
 */
export interface WeakFlagShare {
  caught: number;
  noanswer: number;
  flagged: number;
  answered: number;
}

export function weakFlagShare(run: EngineRun, queries: readonly RunQuery[], pick: (q: RunQuery) => boolean): WeakFlagShare {
  const picked = run.perQuery.flatMap((p, i) => (pick(queries[i]!) ? [{ p, answerable: hasRelevant(queries[i]!.rel) }] : []));
  const noanswer = picked.filter((x) => !x.answerable).map((x) => x.p);
  const answered = picked.filter((x) => x.answerable && x.p.ranked.length > 0).map((x) => x.p);
  return {
    caught: noanswer.filter((p) => p.ranked.length === 0 || p.weak === true).length,
    noanswer: noanswer.length,
    flagged: answered.filter((p) => p.weak === true).length,
    answered: answered.length,
  };
}

/** The halves of the judged sets: the first set's tune and test, then each later set's (`v3tune`, `v3test`, ...). */
export type Half = Split | `${LaterSet}${Split}`;
const HALVES: readonly Half[] = ["tune", "test", ...LATER_SETS.flatMap((set) => [`${set}tune`, `${set}test`] as const)];
/** The later set a half belongs to; undefined for the first set's halves. */
const laterSetOf = (half: Half): LaterSet | undefined => LATER_SETS.find((set) => half.startsWith(set));

function laterRecord<T>(f: (set: LaterSet) => T): Record<LaterSet, T> {
  return Object.fromEntries(LATER_SETS.map((set) => [set, f(set)])) as Record<LaterSet, T>;
}

/** The noanswer precision of each later set's halves: `v3NoanswerTune`, `v3NoanswerTest`, ... */
export type LaterNoanswerKey = `${LaterSet}Noanswer${"Tune" | "Test"}`;
const noanswerKey = (set: LaterSet, split: Split): LaterNoanswerKey => `${set}Noanswer${split === "tune" ? "Tune" : "Test"}`;

export interface RelevanceFigures {
  engine: string;
  error: string | null;
  sets: Record<"dev" | "judged" | Half, SetFigures>;
  /** Per style (noanswer excluded), on each half. */
  styles: Record<Half, Partial<Record<QueryStyle, SetFigures>>>;
  precision: {
    noanswerTune: Share;
    noanswerTest: Share;
    noanswer: Share;
    random: Share;
  } & Record<LaterNoanswerKey, Share>;
  /** Per half, what the weak-match flag tells apart; null for an engine that never said. */
  weakFlag: Record<Half, WeakFlagShare> | null;
}

const SCORED_STYLES = STYLES.filter((s) => s !== "noanswer");

export function relevanceFigures(
  results: EngineResults,
  dev: readonly RunQuery[],
  judged: readonly RunQuery[],
  /** The later sets' queries, by set; a set not given was not run. */
  laterSets: Partial<Record<LaterSet, readonly RunQuery[]>> = {},
): RelevanceFigures {
  const later = laterRecord((set): readonly RunQuery[] => laterSets[set] ?? []);
  // Each half is a run (the first judged set's or a later set's) and a split within it.
  const halfOf = (half: Half) => {
    const set = laterSetOf(half);
    const [run, queries] = set ? [results[set], later[set]] : [results.judged, judged];
    return { run, queries, split: (half.endsWith("tune") ? "tune" : "test") as Split };
  };
  const figures = (half: Half, style?: QueryStyle) => {
    const { run, queries, split } = halfOf(half);
    return setFigures(run, queries, (q) => q.split === split && (style === undefined || q.style === style));
  };
  const noanswer = (half: Half) => {
    const { run, queries, split } = halfOf(half);
    return emptyShare(run, queries, (q) => q.style === "noanswer" && q.split === split);
  };
  const flags = [results.judged, ...LATER_SETS.map((set) => results[set])].some((run) => run.perQuery.some((p) => p.weak !== undefined));
  const weakFlag = (half: Half) => {
    const { run, queries, split } = halfOf(half);
    return weakFlagShare(run, queries, (q) => q.split === split);
  };
  return {
    engine: results.engine,
    error: results.error,
    sets: { dev: setFigures(results.dev, dev), judged: setFigures(results.judged, judged), ...byHalf((half) => figures(half)) },
    styles: byHalf((half) => Object.fromEntries(SCORED_STYLES.map((style) => [style, figures(half, style)]))),
    precision: {
      noanswerTune: noanswer("tune"),
      noanswerTest: noanswer("test"),
      noanswer: emptyShare(results.judged, judged, (q) => q.style === "noanswer"),
      ...(Object.fromEntries(
        LATER_SETS.flatMap((set) => (["tune", "test"] as const).map((split) => [noanswerKey(set, split), noanswer(`${set}${split}`)])),
      ) as Record<LaterNoanswerKey, Share>),
      random: { empty: results.random.filter((r) => r.hits === 0).length, of: results.random.length },
    },
    weakFlag: flags ? byHalf(weakFlag) : null,
  };
}

function byHalf<T>(f: (half: Half) => T): Record<Half, T> {
  return Object.fromEntries(HALVES.map((half) => [half, f(half)])) as Record<Half, T>;
}

// ---- report ---------------------------------------------------------------------------------------

const fixed = (n: number) => n.toFixed(3);
const METRIC_HEADERS = [`MRR@${CUTOFF}`, `nDCG@${CUTOFF}`, `R@${CUTOFF}`, "miss"];

function metricCells(f: RelevanceFigures, pick: (f: RelevanceFigures) => SetFigures | undefined): string[] {
  const s = pick(f);
  if (f.error || !s) return METRIC_HEADERS.map(() => "-");
  return [fixed(s.mrr), fixed(s.ndcg), fixed(s.recall), String(s.missed)];
}

/**
 * A table whose columns after the `lead` ones come in one group per engine, with the engine names on a
 * line above their group, so engines read side by side.
 */
export function groupedTable(lead: readonly string[], groups: readonly string[], sub: readonly string[], rows: readonly (readonly string[])[]): string {
  const header = [...lead, ...groups.flatMap(() => sub)];
  const table = formatTable(header, rows, { align: header.map((_, i) => (i === 0 ? "left" : "right")) });
  const lines = table.split("\n");
  const widths = lines[1]!.split("  ").map((dashes) => dashes.length);
  const start = (col: number) => widths.slice(0, col).reduce((sum, w) => sum + w + 2, 0);
  let top = "";
  groups.forEach((name, g) => {
    const from = start(lead.length + g * sub.length);
    const to = start(lead.length + (g + 1) * sub.length) - 2;
    const label = name.length > to - from ? name.slice(0, to - from) : name;
    top = top.padEnd(from) + " ".repeat(Math.floor((to - from - label.length) / 2)) + label;
  });
  return [top.trimEnd(), ...lines].join("\n");
}

/** "3/26  12%", or "-" for a half with none. */
const ratio = (n: number, of: number) => (of === 0 ? "-" : `${n}/${of} ${((100 * n) / of).toFixed(0).padStart(3)}%`);
const pct = (s: Share) => ratio(s.empty, s.of);

/** "tune", "test", "v3 tune", ...: how a half is named in the report. */
const halfLabel = (half: Half) => {
  const set = laterSetOf(half);
  return set ? `${set} ${half.slice(set.length)}` : half;
};
const SET_LABELS: Record<keyof RelevanceFigures["sets"], string> = {
  dev: "dev",
  judged: "tune+test",
  ...(Object.fromEntries(HALVES.map((half) => [half, halfLabel(half)])) as Record<Half, string>),
};

/**
 * The report. A half with no queries was not run (--tune-only leaves out every test half), so its rows
 * and its style table are left out rather than printed as zeros.
 */
export function formatRelevanceReport(figures: readonly RelevanceFigures[]): string {
  const names = figures.map((f) => f.engine);
  const answered = figures.find((f) => !f.error);
  const setRows = (["dev", "tune", "test", "judged", ...HALVES.filter((half) => laterSetOf(half))] as const).flatMap((set) => {
    const n = answered?.sets[set].queries;
    if (n === 0 && set !== "dev") return [];
    return [[SET_LABELS[set], n === undefined ? "-" : String(n), ...figures.flatMap((f) => metricCells(f, (x) => x.sets[set]))]];
  });
  const styleTable = (half: Half) =>
    groupedTable(
      ["style", "queries"],
      names,
      METRIC_HEADERS,
      SCORED_STYLES.map((style) => {
        const n = answered?.styles[half][style]?.queries;
        return [style, n === undefined ? "-" : String(n), ...figures.flatMap((f) => metricCells(f, (x) => x.styles[half][style]))];
      }),
    );
  // Each set's test half first, then its tune half.
  const styleHalves: Half[] = ["test", "tune", ...LATER_SETS.flatMap((set) => [`${set}test`, `${set}tune`] as const)];
  const styleTables = styleHalves
    .filter((half) => answered === undefined || answered.sets[half].queries > 0)
    .flatMap((half) => ["", `By style, ${halfLabel(half)} half:`, styleTable(half)]);
  const precisionColumns: [string, (p: RelevanceFigures["precision"]) => Share][] = [
    ["noanswer tune", (p) => p.noanswerTune],
    ["noanswer test", (p) => p.noanswerTest],
    ["noanswer all", (p) => p.noanswer],
    ...LATER_SETS.flatMap((set) =>
      (["tune", "test"] as const).map((split): [string, (p: RelevanceFigures["precision"]) => Share] => [`${set} noanswer ${split}`, (p) => p[noanswerKey(set, split)]]),
    ),
    ["random strings", (p) => p.random],
  ];
  const precision = formatTable(
    ["engine", ...precisionColumns.map(([name]) => name)],
    figures.map((f) => [f.engine, ...precisionColumns.map(([, pick]) => (f.error ? "-" : pct(pick(f.precision))))]),
    { align: ["left", ...precisionColumns.map(() => "right" as const)] },
  );
  // The weak-match flag, for engines that have one: each half that was run.
  const flagged = figures.filter((f) => !f.error && f.weakFlag);
  const weakTable = flagged.length
    ? groupedTable(
        ["half"],
        flagged.map((f) => f.engine),
        ["noanswer: nothing or weak", "answered flagged weak"],
        HALVES.filter((half) => flagged[0]!.weakFlag![half].noanswer + flagged[0]!.weakFlag![half].answered > 0).map((half) => [
          halfLabel(half),
          ...flagged.flatMap((f) => {
            const w = f.weakFlag![half];
            return [ratio(w.caught, w.noanswer), ratio(w.flagged, w.answered)];
          }),
        ]),
      )
    : null;
  const errors = figures.filter((f) => f.error).map((f) => `  ${f.engine}: ${f.error}`);
  return [
    `Relevance at ${CUTOFF} (R = recall; miss = queries without a relevant hit in the top ${CUTOFF}; noanswer queries excluded):`,
    groupedTable(["set", "queries"], names, METRIC_HEADERS, setRows),
    ...styleTables,
    "",
    `Precision: share of queries answered with no hits at all (noanswer queries; ${answered?.precision.random.of ?? 0} seeded random 10-20 character alphanumeric strings):`,
    precision,
    ...(weakTable
      ? [
          "",
          "Weak-match flag (engines that have one): unanswerable queries answered with nothing or with hits flagged weak; answerable queries whose hits were flagged weak (still scored above):",
          weakTable,
        ]
      : []),
    ...(errors.length ? ["", "Errors:", ...errors] : []),
  ].join("\n");
}

/** Rank of the first relevant hit per query and engine (>10 = none; for noanswer: hits returned). */
export function formatPerQuery(label: string, queries: readonly RunQuery[], runs: readonly EngineRun[]): string {
  const rows = queries.map((query, i) => [
    query.q.length > 70 ? `${query.q.slice(0, 69)}…` : query.q,
    query.style ?? "",
    query.split ?? "",
    ...runs.map((r) => {
      const p = r.perQuery[i];
      if (r.error || !p) return "-";
      if (!hasRelevant(query.rel)) return p.ranked.length === 0 ? "none" : `${p.ranked.length} hits`;
      return p.firstRelevant === null ? `>${CUTOFF}` : String(p.firstRelevant);
    }),
  ]);
  return [
    `${label}: rank of the first relevant hit (>${CUTOFF} = none in the top ${CUTOFF}; noanswer queries: hits returned)`,
    formatTable(["query", "style", "split", ...runs.map((r) => r.engine)], rows, { align: ["left", "left", "left", ...runs.map(() => "right" as const)] }),
  ].join("\n");
}
