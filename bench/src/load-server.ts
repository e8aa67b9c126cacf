// The server side of `pnpm bench:load` and `pnpm bench:search`: a child process (forked through
// server-child.ts with an IPC channel) that starts the real app on a throwaway database
// (startHindsight) and listens on 127.0.0.1, so the load generator does not share its event loop and
// the server's memory is its own. It reports its base URL and bearer token over IPC (never on argv or
// stdout), answers usage probes (CPU time, event-loop utilisation, memory) so the report can say
// whether the server process was saturated, profiles its CPU between two messages (the measured
// window only, not the import), times the search engine alone on a list of queries (no HTTP, auth or
// search log, in the process that holds the database), measures the index's size on disk, and drops
// its database when told to stop, when the parent goes away, or on SIGINT/SIGTERM.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import type { SearchQuery } from "@hindsight/search";
import { onStopSignal } from "./cli.js";
import type { DiskUsage } from "./curve.js";
import { measureDisk, startHindsight, type DbKind, type PgliteStorage, type RunningHindsight } from "./hindsight-app.js";
import { runClosedLoop, type LoadResult } from "./load.js";

export type ParentMessage =
  | { type: "usage" }
  | { type: "stop" }
  | { type: "profile-start" }
  | { type: "profile-stop"; file: string }
  | { type: "engine-run"; queries: SearchQuery[]; concurrency: number; warmup: number }
  | { type: "disk" };

export interface ServerUsage {
  /** process.cpuUsage() in microseconds since start. */
  cpuUserMicros: number;
  cpuSystemMicros: number;
  /** performance.eventLoopUtilization() since start: idle and active milliseconds. */
  eluIdleMs: number;
  eluActiveMs: number;
  rssBytes: number;
  /** The highest RSS the process has had (getrusage ru_maxrss). */
  maxRssBytes: number;
}

export type ServerMessage =
  | { type: "ready"; baseUrl: string; token: string; label: string }
  | { type: "usage"; usage: ServerUsage }
  | { type: "profile-started" }
  | { type: "profile-written"; file: string }
  | { type: "engine-result"; result: LoadResult }
  | { type: "disk"; disk: DiskUsage }
  | { type: "failed"; message: string };

function usage(): ServerUsage {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return { cpuUserMicros: cpu.user, cpuSystemMicros: cpu.system, eluIdleMs: elu.idle, eluActiveMs: elu.active, rssBytes: process.memoryUsage().rss, maxRssBytes: process.resourceUsage().maxRSS * 1024 };
}

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error("load-server.js runs as a forked child of a benchmark (server-child.ts; it needs an IPC channel)");
  const [db, postgresUrl, pgliteStorage = "memory", keepDatabase = ""] = process.argv.slice(2) as [DbKind, string, PgliteStorage?, string?];
  if (db !== "pglite" && db !== "postgres") throw new Error(`unknown database ${String(db)}`);
  if (pgliteStorage !== "memory" && pgliteStorage !== "disk") throw new Error(`unknown PGlite storage ${String(pgliteStorage)}`);

  let h: RunningHindsight | null = null;
  // Exiting (rather than waiting for the loop to drain) is what writes a --cpu-prof profile.
  const stopAndExit = async (code: number) => {
    try {
      await h?.close();
    } finally {
      process.exit(code);
    }
  };
  onStopSignal(async () => h?.close());
  process.on("disconnect", () => void stopAndExit(0));
  let session: Session | null = null;
  process.on("message", (m: ParentMessage) => {
    if (m.type === "usage") send({ type: "usage", usage: usage() } satisfies ServerMessage);
    else if (m.type === "stop") void stopAndExit(0);
    else if (m.type === "profile-start") {
      void (async () => {
        session = new Session();
        session.connect();
        await session.post("Profiler.enable");
        // 1 ms sampling (V8's default is 1 ms too); the profile covers only what happens until profile-stop.
        await session.post("Profiler.setSamplingInterval", { interval: 1000 });
        await session.post("Profiler.start");
        send({ type: "profile-started" } satisfies ServerMessage);
      })();
    } else if (m.type === "profile-stop" && session) {
      const s = session;
      void (async () => {
        const { profile } = await s.post("Profiler.stop");
        s.disconnect();
        writeFileSync(m.file, JSON.stringify(profile));
        send({ type: "profile-written", file: m.file } satisfies ServerMessage);
      })();
    } else if (m.type === "engine-run" && h) {
      const engine = h.engine;
      void runClosedLoop(m.queries, m.concurrency, m.warmup, (q) => engine.search(q)).then((result) =>
        send({ type: "engine-result", result } satisfies ServerMessage),
      );
    } else if (m.type === "disk" && h) {
      void measureDisk(h.db).then(
        (disk) => send({ type: "disk", disk } satisfies ServerMessage),
        (err: unknown) => send({ type: "failed", message: `size on disk: ${(err as Error).message}` } satisfies ServerMessage),
      );
    }
  });

  try {
    h = await startHindsight(db, { postgresUrl, pgliteStorage, ...(keepDatabase ? { keepDatabase } : {}) });
    const baseUrl = await h.listen();
    send({ type: "ready", baseUrl, token: h.token, label: h.db.label } satisfies ServerMessage);
  } catch (err) {
    send({ type: "failed", message: (err as Error).message } satisfies ServerMessage);
    await stopAndExit(1);
  }
}

await main();
