// Where the time went under load, in a few lines: a V8 CPU profile of the server process (written by
// `node --cpu-prof`) summed up by self time per owner (our packages and apps, each npm package,
// Node internals, GC) and per function; and samples of Postgres's pg_stat_activity for the
// benchmark's database grouped by state and statement shape, so the report says which statements
// the backends were busy with. The parsing and grouping are pure; samplePostgres does the I/O.
import pg from "pg";
import { formatTable } from "./table.js";

// ---- V8 CPU profiles ----------------------------------------------------------------------------

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Who owns a script: `packages/search`, `apps/api`, an npm package name, `node:internal`, `wasm` (PGlite), or V8's own buckets. */
export function ownerOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node:internal";
  // PGlite's Postgres compiled to WebAssembly (one module per build).
  if (url.startsWith("wasm://")) return "wasm";
  const path = url.replace(/^file:\/\//, "");
  const nm = path.lastIndexOf("/node_modules/");
  if (nm >= 0) {
    const rest = path.slice(nm + "/node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? path);
  }
  const ours = /\/((?:packages|apps)\/[^/]+)\//.exec(path);
  return ours ? ours[1]! : path;
}

export interface ProfileRow {
  name: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  /** Share of samples that were not idle: how busy the process was. */
  busyShare: number;
  byOwner: ProfileRow[];
  byFunction: ProfileRow[];
}

/** Self time per owner and per function (`name file:line`), idle excluded from the shares. */
export function summariseCpuProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const frame = nodes.get(id);
    if (!frame) continue;
    total += us;
    if (frame.functionName === "(idle)") {
      idle += us;
      continue;
    }
    const owner = ownerOf(frame.url, frame.functionName);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + us);
    const file = frame.url ? ` ${frame.url.split("/").slice(-2).join("/")}:${frame.lineNumber + 1}` : "";
    const fn = `${frame.functionName || "(anonymous)"}${file} [${owner}]`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const busy = total - idle;
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy > 0 ? us / busy : NaN }));
  return { totalMs: total / 1000, busyShare: total > 0 ? busy / total : NaN, byOwner: rows(byOwner), byFunction: rows(byFunction) };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatProfileRows(title: string, rows: readonly ProfileRow[]): string {
  return formatTable([title, "self ms", "share"], rows.map((r) => [r.name, r.ms.toFixed(0), pct(r.share)]), { align: ["left", "right", "right"] });
}

// ---- Postgres activity samples ------------------------------------------------------------------

/**
 * A statement's shape: whitespace collapsed, literals and parameters replaced by `?`, IN-lists and
 * VALUES tuples folded, cut to `max` characters, so every search statement groups together.
 */
export function statementShape(query: string, max = 90): string {
  const shape = query
    .replace(/--[^\n]*/g, " ")
    .replace(/'(?:[^']|'')*'/g, "?")
    .replace(/\$\d+/g, "?")
    .replace(/\b\d+(?:\.\d+)?\b/g, "?")
    .replace(/\s+/g, " ")
    .replace(/\(\s*\?(?:\s*,\s*\?)*\s*\)/g, "(?)")
    .replace(/(?:\(\?\)\s*,\s*)+\(\?\)/g, "(?)")
    .trim()
    .toLowerCase();
  return shape.length > max ? `${shape.slice(0, max - 1)}…` : shape;
}

export interface ActivityRow {
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
  query: string | null;
}

/** One label per backend sample: `active: <shape>`, with the wait event when it was waiting. */
export function activityLabel(row: ActivityRow): string | null {
  if (!row.state || row.state === "idle") return null;
  const wait = row.wait_event_type && row.wait_event && row.wait_event !== "ClientRead" ? ` [${row.wait_event_type}:${row.wait_event}]` : "";
  // Idle in transaction: the backend waits on the app between statements of an open transaction.
  const what = row.state === "active" ? statementShape(row.query ?? "") : `after ${statementShape(row.query ?? "", 60)}`;
  return `${row.state}${wait}: ${what}`;
}

export interface ActivitySummary {
  samples: number;
  /** Mean number of backends that were not idle, per sample. */
  meanBusyBackends: number;
  rows: { label: string; share: number; meanBackends: number }[];
}

export function summariseActivity(labelsPerSample: readonly (readonly string[])[], top = 12): ActivitySummary {
  const counts = new Map<string, number>();
  let busy = 0;
  for (const labels of labelsPerSample) {
    busy += labels.length;
    for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const n = labelsPerSample.length;
  return {
    samples: n,
    meanBusyBackends: n ? busy / n : NaN,
    rows: [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, top)
      .map(([label, c]) => ({ label, share: busy ? c / busy : NaN, meanBackends: n ? c / n : NaN })),
  };
}

export function formatActivity(s: ActivitySummary): string {
  return [
    `Postgres: ${s.samples} samples of pg_stat_activity, ${Number.isFinite(s.meanBusyBackends) ? s.meanBusyBackends.toFixed(2) : "-"} backends busy on average`,
    formatTable(
      ["backend state: statement", "share", "backends"],
      s.rows.map((r) => [r.label, pct(r.share), r.meanBackends.toFixed(2)]),
      { align: ["left", "right", "right"] },
    ),
  ].join("\n");
}

/** Samples the benchmark database's backends every `intervalMs` until `stop` is called. */
export function samplePostgres(adminUrl: string, dbName: string, intervalMs = 50): { stop(): Promise<string[][]> } {
  const samples: string[][] = [];
  let running = true;
  const client = new pg.Client({ connectionString: adminUrl });
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<ActivityRow>(
        "select state, wait_event_type, wait_event, query from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'",
        [dbName],
      );
      samples.push(rows.map(activityLabel).filter((l): l is string => l !== null));
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  })();
  return {
    async stop() {
      running = false;
      try {
        await loop;
      } finally {
        await client.end().catch(() => undefined);
      }
      return samples;
    },
  };
}
