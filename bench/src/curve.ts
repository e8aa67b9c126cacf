// How search cost grows with the corpus (`pnpm bench:search --sizes 10000,100000,1000000`): the pure
// parts of the run. Sizes are cumulative steps on one database (import 10k, measure, import 90k
// more, measure, ...); each step records latency, the index's size on disk and the server's memory;
// the goal checks of the performance issue are computed here from those figures.
import { InvalidArgumentError } from "commander";

// ---- sizes --------------------------------------------------------------------------------------

const SUFFIX: Record<string, number> = { "": 1, k: 1_000, m: 1_000_000 };

/**
 * `--sizes`: a comma-separated list of entry counts, with `_` separators or a k/M suffix allowed
 * ("10000", "100_000", "1M"). Returned ascending without duplicates: the steps are cumulative, so
 * the order given does not matter.
 */
export function parseSizes(value: string): number[] {
  const items = value.split(",").map((s) => s.trim().replace(/_/g, "")).filter(Boolean);
  const nums = items.map((s) => {
    const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(s);
    if (!m) return NaN;
    // 1.1 * 1000 is 1100.0000000000002 in floating point: a decimal that lands on a whole count is that count.
    const n = Number(m[1]) * SUFFIX[m[2]!.toLowerCase()]!;
    return Math.abs(n - Math.round(n)) < 1e-6 ? Math.round(n) : n;
  });
  if (!nums.length || nums.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new InvalidArgumentError("expected a comma-separated list of positive entry counts, e.g. 10000,100000,1000000 or 10k,100k,1M");
  }
  return [...new Set(nums)].sort((a, b) => a - b);
}

export interface ImportStep {
  /** Entries [from, to) are imported in this step; the database then holds `to` entries. */
  from: number;
  to: number;
}

/** The import steps for ascending sizes: each imports only what the previous size did not. */
export function importSteps(sizes: readonly number[]): ImportStep[] {
  return sizes.map((to, i) => {
    const from = i === 0 ? 0 : sizes[i - 1]!;
    if (to <= from) throw new Error(`sizes must be ascending, got ${sizes.join(", ")}`);
    return { from, to };
  });
}

/**
 * The steps for a kept database that already holds `existing` entries (the generator's first
 * `existing`, imported by an earlier run): each step imports only what is not there yet, and a size the
 * database has already passed cannot be measured on it.
 */
export function resumeSteps(steps: readonly ImportStep[], existing: number): ImportStep[] {
  const first = steps[0];
  if (first && existing > first.to) {
    throw new Error(`the kept database holds ${existing.toLocaleString("en-US")} entries, more than the size ${first.to.toLocaleString("en-US")}: measure sizes from ${existing.toLocaleString("en-US")} up, or use another database`);
  }
  return steps.map((s) => ({ from: Math.max(s.from, existing), to: s.to }));
}

// ---- size on disk -------------------------------------------------------------------------------

/** The search index's own relations. */
export const INDEX_RELATIONS = ["search_postings", "search_terms", "search_docs"] as const;
/** What the disk figures cover: the index, and the entries (with their revisions) it is built from. */
export const DISK_RELATIONS = [...INDEX_RELATIONS, "entries", "entry_revisions"] as const;

/**
 * One statement, no parameters (PGlite and node-postgres take it alike, also over `exec`-only paths):
 * per relation its heap (with TOAST), its indexes and the total, in bytes as float8 (bigint would come
 * back as a string from node-postgres and as a BigInt from PGlite). A relation that does not exist
 * (renamed by a migration) answers a row with nulls rather than failing the whole benchmark.
 */
export function diskSizeSql(relations: readonly string[] = DISK_RELATIONS): string {
  if (!relations.length) throw new Error("no relations to measure");
  for (const r of relations) if (!/^[a-z_][a-z0-9_]*$/.test(r)) throw new Error(`not a plain table name: ${JSON.stringify(r)}`);
  const list = relations.map((r, i) => `('${r}', ${i + 1})`).join(", ");
  return [
    "select r.name, c.oid is not null as present,",
    "  pg_table_size(c.oid)::float8 as table_bytes,",
    "  pg_indexes_size(c.oid)::float8 as index_bytes,",
    "  pg_total_relation_size(c.oid)::float8 as total_bytes,",
    "  pg_database_size(current_database())::float8 as database_bytes",
    `from (values ${list}) as r(name, ord)`,
    "left join pg_class c on c.oid = to_regclass(r.name)",
    "order by r.ord",
  ].join("\n");
}

export interface RelationSize {
  name: string;
  present: boolean;
  tableBytes: number;
  indexBytes: number;
  totalBytes: number;
}

export interface DiskUsage {
  relations: RelationSize[];
  /** search_postings + search_terms + search_docs, with their indexes. */
  searchIndexBytes: number;
  /** entries + entry_revisions, with their indexes. */
  entriesBytes: number;
  /** pg_database_size: everything, catalogs and the search log included. */
  databaseBytes: number;
  /** PGlite with a data directory: the files under it (null for Postgres or in-memory PGlite). */
  dataDirBytes: number | null;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** The rows of diskSizeSql, totalled into the figures the report prints. */
export function summariseDisk(rows: readonly Record<string, unknown>[], dataDirBytes: number | null): DiskUsage {
  const relations = rows.map((r) => ({
    name: String(r.name),
    present: r.present === true || r.present === "t",
    tableBytes: num(r.table_bytes),
    indexBytes: num(r.index_bytes),
    totalBytes: num(r.total_bytes),
  }));
  const sum = (names: readonly string[]) => relations.filter((r) => names.includes(r.name)).reduce((s, r) => s + r.totalBytes, 0);
  return {
    relations,
    searchIndexBytes: sum(INDEX_RELATIONS),
    entriesBytes: sum(["entries", "entry_revisions"]),
    databaseBytes: num(rows[0]?.database_bytes),
    dataDirBytes,
  };
}

// ---- goal checks --------------------------------------------------------------------------------

/** The figures of one measured step that the goal checks and the chart need. */
export interface CurvePoint {
  db: "pglite" | "postgres";
  /** PGlite kept its pages in a data directory (the embedded server), not in memory. */
  onDisk: boolean;
  size: number;
  engine: { p50: number; p95: number } | null;
  /** HTTP at the lowest concurrency (1 by default). */
  http: { p50: number; p95: number } | null;
  /** Requests per second at the highest concurrency (8 by default), through HTTP and the engine alone. */
  concurrency: number;
  httpThroughput: number | null;
  engineThroughput: number | null;
  /** RSS of the process serving the API after the step's measurements. */
  serverRss: number;
}

export type Verdict = "PASS" | "FAIL" | "n/a";

export interface GoalCheck {
  goal: string;
  verdict: Verdict;
  detail: string;
}

export const GOALS = {
  growthFactor: 2,
  rssBytes: 1e9,
  throughputRatio: 0.8,
} as const;

const fmtMs = (x: number) => `${x.toFixed(1)} ms`;
const gb = (n: number) => `${(n / 1e9).toFixed(2)} GB`;
const verdict = (ok: boolean): Verdict => (ok ? "PASS" : "FAIL");

/**
 * The performance issue's checks on these figures: p95 at 1M ≤ 2× p95 at 100k (per database, over
 * HTTP with one client), RSS of the embedded server ≤ 1 GB at 100k, and API throughput ≥ 0.8× the
 * engine alone at the highest concurrency (per database and size). A check whose sizes were not run
 * says n/a and which sizes it needs.
 */
export function goalChecks(points: readonly CurvePoint[]): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const dbs = [...new Set(points.map((p) => p.db))];
  for (const db of dbs) {
    const at = (size: number) => points.find((p) => p.db === db && p.size === size);
    const [small, big] = [at(100_000), at(1_000_000)];
    const goal = `${db}: HTTP p95 at 1,000,000 <= ${GOALS.growthFactor}x p95 at 100,000`;
    if (!small?.http || !big?.http) {
      checks.push({ goal, verdict: "n/a", detail: "needs --sizes with 100000 and 1000000" });
    } else {
      const factor = big.http.p95 / small.http.p95;
      checks.push({ goal, verdict: verdict(factor <= GOALS.growthFactor), detail: `${fmtMs(big.http.p95)} vs ${fmtMs(small.http.p95)} = ${factor.toFixed(2)}x` });
    }
  }

  const embedded = points.find((p) => p.db === "pglite" && p.size === 100_000);
  const rssGoal = `pglite (embedded server): RSS at 100,000 entries <= ${gb(GOALS.rssBytes)}`;
  if (!embedded) checks.push({ goal: rssGoal, verdict: "n/a", detail: "needs --db pglite with size 100000" });
  else if (!embedded.onDisk) checks.push({ goal: rssGoal, verdict: "n/a", detail: `PGlite ran in memory (${gb(embedded.serverRss)}); the embedded server keeps a data directory: --pglite-storage disk` });
  else checks.push({ goal: rssGoal, verdict: verdict(embedded.serverRss <= GOALS.rssBytes), detail: gb(embedded.serverRss) });

  for (const p of points) {
    const goal = `${p.db} ${p.size.toLocaleString("en-US")}: API throughput >= ${GOALS.throughputRatio}x engine alone at ${p.concurrency} clients`;
    const ratio = throughputRatio(p);
    if (ratio === null) checks.push({ goal, verdict: "n/a", detail: "not measured" });
    else checks.push({ goal, verdict: verdict(ratio >= GOALS.throughputRatio), detail: `${p.httpThroughput!.toFixed(0)} / ${p.engineThroughput!.toFixed(0)} req/s = ${ratio.toFixed(2)}` });
  }
  return checks;
}

export function throughputRatio(p: Pick<CurvePoint, "httpThroughput" | "engineThroughput">): number | null {
  if (!p.httpThroughput || !p.engineThroughput) return null;
  return p.httpThroughput / p.engineThroughput;
}

export function formatGoalChecks(checks: readonly GoalCheck[]): string {
  return checks.map((c) => `${c.verdict.padEnd(4)}  ${c.goal}: ${c.detail}`).join("\n");
}
