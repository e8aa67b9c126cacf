// The parent side of the benchmark server (load-server.ts): forks it with an IPC channel, waits for
// it to listen, and wraps its messages as calls. bench:load and bench:search both drive the app
// this way, so the load generator never shares the server's event loop and the server's memory is
// measured apart from the benchmark's.
import { fork, type ChildProcess } from "node:child_process";
import type { SearchQuery } from "@hindsight/search";
import type { DiskUsage } from "./curve.js";
import type { DbKind, PgliteStorage } from "./hindsight-app.js";
import type { LoadResult } from "./load.js";
import type { ParentMessage, ServerMessage, ServerUsage } from "./load-server.js";

export interface ServerChild {
  child: ChildProcess;
  baseUrl: string;
  token: string;
  label: string;
  usage(): Promise<ServerUsage>;
  profileStart(): Promise<void>;
  profileStop(file: string): Promise<void>;
  /** Times the search engine alone in the server process: `concurrency` closed loops over `queries`. */
  engineRun(queries: SearchQuery[], concurrency: number, warmup: number): Promise<LoadResult>;
  disk(): Promise<DiskUsage>;
  stop(): Promise<void>;
}

export interface ServerOptions {
  postgresUrl: string;
  /** PGlite only; bench:load keeps it in memory, bench:search in a data directory by default. */
  pgliteStorage?: PgliteStorage;
  /** Postgres only: this named database, created when missing and kept afterwards (bench:search --keep-db). */
  keepDatabase?: string;
}

export function startServer(db: DbKind, opts: ServerOptions): Promise<ServerChild> {
  const child = fork(new URL("./load-server.js", import.meta.url), [db, opts.postgresUrl, opts.pgliteStorage ?? "memory", opts.keepDatabase ?? ""], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const send = (m: ParentMessage) => child.send(m);
  /** Sends `m` and waits for the first reply of type `replyType` (or a failure, or the child's exit). */
  const ask = <T extends ServerMessage["type"]>(m: ParentMessage, replyType: T) =>
    new Promise<Extract<ServerMessage, { type: T }>>((res, rej) => {
      const listener = (r: ServerMessage) => {
        if (r.type !== replyType && r.type !== "failed") return;
        child.off("message", listener);
        if (r.type === "failed") rej(new Error(`the server failed: ${r.message}`));
        else res(r as Extract<ServerMessage, { type: T }>);
      };
      child.on("message", listener);
      void exited.then((code) => rej(new Error(`the server exited with code ${code}`)));
      send(m);
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not start within 180 s")), 180_000);
    const onMessage = (m: ServerMessage) => {
      if (m.type === "failed") {
        clearTimeout(timer);
        reject(new Error(`the server failed to start: ${m.message}`));
      } else if (m.type === "ready") {
        clearTimeout(timer);
        child.off("message", onMessage);
        resolve({
          child,
          baseUrl: m.baseUrl,
          token: m.token,
          label: m.label,
          usage: async () => (await ask({ type: "usage" }, "usage")).usage,
          profileStart: async () => void (await ask({ type: "profile-start" }, "profile-started")),
          profileStop: async (file) => void (await ask({ type: "profile-stop", file }, "profile-written")),
          engineRun: async (queries, concurrency, warmup) => (await ask({ type: "engine-run", queries, concurrency, warmup }, "engine-result")).result,
          disk: async () => (await ask({ type: "disk" }, "disk")).disk,
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) {
              send({ type: "stop" });
              // The child drops its database (a kept one it only closes) and exits; if it hangs, SIGTERM
              // runs the same cleanup.
              const force = setTimeout(() => child.kill("SIGTERM"), 30_000);
              await exited;
              clearTimeout(force);
            }
          },
        });
      }
    };
    child.on("message", onMessage);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with code ${code} before it was ready`));
    });
  });
}
