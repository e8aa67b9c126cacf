// What `pnpm bench:load` measured, and how it prints: a recorder the load generator feeds with each
// response (class, status, latency), timeout and connection error, summarised per traffic class and
// overall (nearest-rank p50/p95/p99 from every sample, not a histogram's buckets), and the plain-text
// report with the product owner's goal (0 errors, p99 < 250 ms) checked. Pure: no I/O.
import type { QueryClass } from "./generator.js";
import { ms, summarise, type LatencySummary } from "./stats.js";
import { formatTable } from "./table.js";
import { TRAFFIC_CLASSES, type PlannedRequest, type TrafficClass } from "./traffic.js";

export type WriteOutcome = "created" | "updated" | "unchanged";

export interface ClassFigures {
  /** Responses received (any status). */
  responses: number;
  ok: number;
  non2xx: number;
  /** Status code -> count, for the non-2xx answers. */
  statuses: Record<string, number>;
  timeouts: number;
  connErrors: number;
  /** Latency of every response received, 2xx or not (a fast 500 still counts as an answer). */
  latency: LatencySummary;
  throughput: number;
}

export interface LoadFigures {
  seconds: number;
  responses: number;
  throughput: number;
  latency: LatencySummary;
  non2xx: number;
  /** Timeouts plus connection errors (resets, refused): requests that got no answer at all. */
  errors: number;
  timeouts: number;
  connErrors: number;
  /** Share of responses per class, to check the mix that was actually served. */
  share: Record<TrafficClass, number>;
  byClass: Record<TrafficClass, ClassFigures>;
  /** Search latency per query class (words, typo, prefix, error, alert, filtered). */
  bySearchClass: Partial<Record<QueryClass, LatencySummary>>;
  writes: { acknowledged: number; created: number; updated: number; unchanged: number };
  /** First few distinct failure descriptions (status and message), never request bodies or tokens. */
  firstFailures: string[];
}

interface ClassTally {
  latencies: number[];
  ok: number;
  statuses: Record<string, number>;
  timeouts: number;
  connErrors: number;
}

const MAX_FAILURES_KEPT = 5;

export class LoadRecorder {
  private readonly tally: Record<TrafficClass, ClassTally>;
  private readonly searchLatencies = new Map<QueryClass, number[]>();
  private readonly writes = { created: 0, updated: 0, unchanged: 0 };
  private readonly failures = new Set<string>();

  constructor() {
    this.tally = Object.fromEntries(TRAFFIC_CLASSES.map((c) => [c, { latencies: [], ok: 0, statuses: {}, timeouts: 0, connErrors: 0 }])) as unknown as Record<
      TrafficClass,
      ClassTally
    >;
  }

  response(req: Pick<PlannedRequest, "cls" | "detail">, status: number, latencyMs: number): void {
    const t = this.tally[req.cls];
    t.latencies.push(latencyMs);
    if (status >= 200 && status < 300) t.ok++;
    else {
      t.statuses[status] = (t.statuses[status] ?? 0) + 1;
      this.failure(`${req.cls} answered ${status}`);
    }
    if (req.cls === "search") {
      const detail = req.detail as QueryClass;
      let list = this.searchLatencies.get(detail);
      if (!list) this.searchLatencies.set(detail, (list = []));
      list.push(latencyMs);
    }
  }

  /** A write's reply body said what happened (counted only for 2xx replies). */
  writeOutcome(outcome: WriteOutcome): void {
    this.writes[outcome]++;
  }

  timeout(cls: TrafficClass): void {
    this.tally[cls].timeouts++;
    this.failure(`${cls} timed out`);
  }

  connError(cls: TrafficClass, code: string): void {
    this.tally[cls].connErrors++;
    this.failure(`${cls} connection error ${code}`);
  }

  failure(description: string): void {
    if (this.failures.size < MAX_FAILURES_KEPT) this.failures.add(description.slice(0, 300));
  }

  summary(seconds: number): LoadFigures {
    const perSecond = (n: number) => (seconds > 0 ? n / seconds : NaN);
    const byClass = Object.fromEntries(
      TRAFFIC_CLASSES.map((c) => {
        const t = this.tally[c];
        const non2xx = t.latencies.length - t.ok;
        const figures: ClassFigures = {
          responses: t.latencies.length,
          ok: t.ok,
          non2xx,
          statuses: { ...t.statuses },
          timeouts: t.timeouts,
          connErrors: t.connErrors,
          latency: summarise(t.latencies),
          throughput: perSecond(t.latencies.length),
        };
        return [c, figures];
      }),
    ) as Record<TrafficClass, ClassFigures>;
    const all = TRAFFIC_CLASSES.flatMap((c) => this.tally[c].latencies);
    const sum = (f: (x: ClassFigures) => number) => TRAFFIC_CLASSES.reduce((s, c) => s + f(byClass[c]), 0);
    const timeouts = sum((x) => x.timeouts);
    const connErrors = sum((x) => x.connErrors);
    return {
      seconds,
      responses: all.length,
      throughput: perSecond(all.length),
      latency: summarise(all),
      non2xx: sum((x) => x.non2xx),
      errors: timeouts + connErrors,
      timeouts,
      connErrors,
      share: Object.fromEntries(TRAFFIC_CLASSES.map((c) => [c, all.length ? byClass[c].responses / all.length : NaN])) as Record<TrafficClass, number>,
      byClass,
      bySearchClass: Object.fromEntries([...this.searchLatencies].map(([k, v]) => [k, summarise(v)])),
      writes: { acknowledged: byClass.write.ok, ...this.writes },
      firstFailures: [...this.failures],
    };
  }
}

export interface LoadGoal {
  /** p99 bound in milliseconds (all traffic). */
  p99Ms: number;
  /** Most requests allowed to fail (timeouts, connection errors, non-2xx). */
  maxFailures: number;
}

export const PRODUCT_GOAL: LoadGoal = { p99Ms: 250, maxFailures: 0 };

export interface GoalVerdict {
  met: boolean;
  reasons: string[];
}

export function checkGoal(f: LoadFigures, goal: LoadGoal = PRODUCT_GOAL): GoalVerdict {
  const reasons: string[] = [];
  const failed = f.errors + f.non2xx;
  if (f.responses === 0) reasons.push("no request was answered");
  if (failed > goal.maxFailures) reasons.push(`${failed} failed requests (${f.errors} errors, ${f.non2xx} non-2xx), goal ${goal.maxFailures}`);
  if (!(f.latency.p99 < goal.p99Ms)) reasons.push(`p99 ${ms(f.latency.p99)} ms, goal < ${goal.p99Ms} ms`);
  return { met: reasons.length === 0, reasons };
}

const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "-");
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "-");
const rate = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 1 : 0) : "-");

function statusList(statuses: Record<string, number>): string {
  const list = Object.entries(statuses).sort(([a], [b]) => a.localeCompare(b));
  return list.length ? list.map(([s, n]) => `${s}×${n}`).join(" ") : "";
}

/** The per-class table: one row per traffic class and one for all of them. */
export function formatFigures(f: LoadFigures): string {
  const row = (name: string, x: Omit<ClassFigures, "statuses"> & { statuses?: Record<string, number> }, share: number) => [
    name,
    fmtInt(x.responses),
    pct(share),
    rate(x.throughput),
    ms(x.latency.p50),
    ms(x.latency.p95),
    ms(x.latency.p99),
    ms(x.latency.max),
    `${fmtInt(x.non2xx)}${x.statuses && statusList(x.statuses) ? ` (${statusList(x.statuses)})` : ""}`,
    fmtInt(x.timeouts + x.connErrors),
  ];
  const allStatuses: Record<string, number> = {};
  for (const c of TRAFFIC_CLASSES) for (const [s, n] of Object.entries(f.byClass[c].statuses)) allStatuses[s] = (allStatuses[s] ?? 0) + n;
  return formatTable(
    ["class", "responses", "share", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "non-2xx", "errors"],
    [
      ...TRAFFIC_CLASSES.map((c) => row(c, f.byClass[c], f.share[c])),
      row(
        "all",
        { responses: f.responses, ok: f.responses - f.non2xx, non2xx: f.non2xx, statuses: allStatuses, timeouts: f.timeouts, connErrors: f.connErrors, latency: f.latency, throughput: f.throughput },
        f.responses ? 1 : NaN,
      ),
    ],
    { align: ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right"] },
  );
}

export function formatSearchClasses(f: LoadFigures): string {
  const rows = Object.entries(f.bySearchClass).map(([c, s]) => [c, fmtInt(s.n), ms(s.p50), ms(s.p95), ms(s.p99)]);
  return formatTable(["search class", "n", "p50 ms", "p95 ms", "p99 ms"], rows, { align: ["left", "right", "right", "right", "right"] });
}

/**
 * Little's law for a closed loop: with `connections` clients each waiting for its answer, the mean
 * latency is connections / throughput, whatever the server does. It says how fast the server must
 * be for a latency goal to be reachable at all at this concurrency.
 */
export function closedLoopMeanMs(connections: number, throughput: number): number {
  return throughput > 0 ? (connections / throughput) * 1000 : NaN;
}

export function formatWrites(f: LoadFigures): string {
  const sent = f.byClass.write.responses + f.byClass.write.timeouts + f.byClass.write.connErrors;
  return `writes: ${fmtInt(f.writes.acknowledged)} acknowledged (2xx) of ${fmtInt(sent)} sent: ${fmtInt(f.writes.created)} created, ${fmtInt(f.writes.updated)} updated, ${fmtInt(f.writes.unchanged)} unchanged`;
}

/** Milliseconds of CPU per answered request, from cores used over a run and its throughput. */
export function cpuMsPerRequest(cores: number, throughput: number): number {
  return throughput > 0 ? (cores / throughput) * 1000 : NaN;
}

export interface Capacity {
  /** What the machine could answer per second if the server, database and generator had every core. */
  machine: number;
  /** What the server's single JavaScript thread could answer per second at 100% of one core. */
  serverThread: number;
}

/**
 * Upper bounds from CPU cost per request (which, unlike latency, hardly depends on how busy the
 * machine was): the cores divided by all parties' cost, and one core divided by the server's.
 */
export function capacity(cpuMs: { server: number; database: number | null; generator: number }, cores: number): Capacity {
  const total = cpuMs.server + (cpuMs.database ?? 0) + cpuMs.generator;
  return { machine: total > 0 ? (cores * 1000) / total : NaN, serverThread: cpuMs.server > 0 ? 1000 / cpuMs.server : NaN };
}
