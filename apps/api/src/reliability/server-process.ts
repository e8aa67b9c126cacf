// Test support for the reliability suites: the real built server (dist/server.js) as a child process
// that can be SIGKILLed and started again on the same data, a seeded PRNG so a failing run can be
// replayed. Throwaway Postgres databases for the processes to share come from @hindsight/db/testing.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { fileURLToPath } from "node:url";

export const SERVER_JS = fileURLToPath(new URL("../../dist/server.js", import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Everything the process printed (for failure messages). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL: no shutdown hooks, no lock release, nothing flushed by the process itself. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  alive(): boolean;
  /** Resolves when /healthz answers 200; throws if the process exits first or the time runs out. */
  waitHealthy(timeoutMs?: number): Promise<void>;
}

/** Spawns dist/server.js with only the given environment (plus PATH and quiet defaults); does not wait for it. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  if (!fs.existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: build apps/api first (turbo's test task does)`);
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_JS], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      PORTAL_DIR: "/nonexistent-portal",
      HINDSIGHT_SEED: "false",
      HINDSIGHT_DIGESTS: "false",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (d: Buffer) => {
    out = (out + d.toString("utf8")).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  const baseUrl = `http://127.0.0.1:${port}`;
  const proc: ServerProcess = {
    child,
    baseUrl,
    output: () => out,
    exited,
    alive,
    kill: async () => {
      if (alive()) child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (alive()) child.kill("SIGTERM");
      await exited;
    },
    waitHealthy: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (!alive()) throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${out}`);
        try {
          const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
          if (res.status === 200) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) {
          await proc.kill();
          throw new Error(`the server did not become healthy in ${timeoutMs} ms:\n${out}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
  return proc;
}

/** Starts dist/server.js and waits until /healthz answers 200. */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 60_000): Promise<ServerProcess> {
  const proc = await spawnServer(env);
  await proc.waitHealthy(timeoutMs);
  return proc;
}

/** mulberry32: a small seeded PRNG, so the kill schedule of a failing run can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

