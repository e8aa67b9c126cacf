// The server side of `pnpm bench:load`: a child process (forked by load-bench.ts with an IPC channel)
// that starts the real app on a throwaway database (startHindsight, as bench:search does) and
// listens on 127.0.0.1, so the load generator does not share its event loop. It reports its base URL
// and bearer token over IPC (never on argv or stdout), answers usage probes (CPU time, event-loop
// utilisation, memory) so the report can say whether the server process was saturated, profiles its
// CPU between two messages (the measured window only, not the import), and drops its database when
// told to stop, when the parent goes away, or on SIGINT/SIGTERM.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import { onStopSignal } from "./cli.js";
import { startHindsight, type DbKind, type RunningHindsight } from "./hindsight-app.js";

export type ParentMessage = { type: "usage" } | { type: "stop" } | { type: "profile-start" } | { type: "profile-stop"; file: string };

export interface ServerUsage {
  /** process.cpuUsage() in microseconds since start. */
  cpuUserMicros: number;
  cpuSystemMicros: number;
  /** performance.eventLoopUtilization() since start: idle and active milliseconds. */
  eluIdleMs: number;
  eluActiveMs: number;
  rssBytes: number;
}

export type ServerMessage =
  | { type: "ready"; baseUrl: string; token: string; label: string }
  | { type: "usage"; usage: ServerUsage }
  | { type: "profile-started" }
  | { type: "profile-written"; file: string }
  | { type: "failed"; message: string };

function usage(): ServerUsage {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  return { cpuUserMicros: cpu.user, cpuSystemMicros: cpu.system, eluIdleMs: elu.idle, eluActiveMs: elu.active, rssBytes: process.memoryUsage().rss };
}

async function main(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error("load-server.js runs as a forked child of load-bench.js (it needs an IPC channel)");
  const [db, postgresUrl] = process.argv.slice(2) as [DbKind, string];
  if (db !== "pglite" && db !== "postgres") throw new Error(`unknown database ${String(db)}`);

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
    }
  });

  try {
    h = await startHindsight(db, { postgresUrl });
    const baseUrl = await h.listen();
    send({ type: "ready", baseUrl, token: h.token, label: h.db.label } satisfies ServerMessage);
  } catch (err) {
    send({ type: "failed", message: (err as Error).message } satisfies ServerMessage);
    await stopAndExit(1);
  }
}

await main();
