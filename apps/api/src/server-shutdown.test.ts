// Graceful shutdown of the built server as a real process (dist/server.js on a free port and a temp
// PGlite data directory): an import whose upload is still arriving when SIGTERM comes completes with
// 200 and its entries are kept; a new connection after SIGTERM is refused (or answered 503); the
// process exits 0 within 10 s; the data directory's lock is released, so a new process starts on it.
// The slow request is a real one: the client sends half of the body, waits for the shutdown to begin,
// then sends the rest (no test-only route in the product).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, SERVER_JS as serverJs } from "./reliability/server-process.js";

const TOKEN = "shutdown-test-admin-token";

interface Proc {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves when a line of output matches. */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
}

function start(port: number, dataDir: string): Proc {
  const child = spawn(process.execPath, [serverJs], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      HINDSIGHT_ADMIN_TOKEN: TOKEN,
      HINDSIGHT_SEED: "false",
      // debug: per-request lines, so the test knows when the server has the slow request.
      LOG_LEVEL: "debug",
      PORTAL_DIR: "/nonexistent",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  const onData = (d: Buffer) => {
    out += d.toString("utf8");
    for (const w of [...waiters]) {
      if (!w.re.test(out)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor: (re, timeoutMs = 60_000) =>
      new Promise<void>((resolve, reject) => {
        if (re.test(out)) return resolve();
        const timer = setTimeout(() => reject(new Error(`no output matching ${re} in time:\n${out.slice(-3000)}`)), timeoutMs);
        waiters.push({
          re,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
  };
}

async function waitHealthy(port: number, proc: Proc, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`server exited early: ${proc.output()}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not healthy in time: ${proc.output()}`);
}

describe("graceful shutdown of the server process", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-shutdown-"));
  const procs: Proc[] = [];
  afterAll(() => {
    for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("finishes a request in flight, refuses new ones, exits 0 within 10 s and releases the data directory", async () => {
    expect(fs.existsSync(serverJs), "apps/api must be built first (turbo test depends on build)").toBe(true);
    const port = await freePort();
    const first = start(port, dataDir);
    procs.push(first);
    await waitHealthy(port, first);

    // An import whose body arrives in two halves, the second after SIGTERM.
    const documents = Array.from({ length: 20 }, (_, i) => ({
      markdown: `---\nkind: runbook\ntitle: Shutdown runbook ${i}\n---\n\n## Steps\n\n1. Drain the node ${i}.\n`,
      externalKey: `shutdown-${i}`,
    }));
    const body = Buffer.from(JSON.stringify({ documents }));
    const half = Math.floor(body.length / 2);
    let requestRef: http.ClientRequest | undefined;
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          method: "POST",
          path: "/api/v1/import/markdown",
          agent: false,
          headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json", "content-length": body.length, "x-request-id": "slow-import" },
        },
        (res) => {
          let text = "";
          res.on("data", (d: Buffer) => (text += d.toString("utf8")));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.write(body.subarray(0, half));
      requestRef = req;
    });
    // The server has the request (its headers) and is waiting for the rest of the body.
    await first.waitFor(/"reqId":"slow-import"[^\n]*incoming request/);

    const signalledAt = Date.now();
    first.child.kill("SIGTERM");
    await first.waitFor(/shutting down: refusing new requests/);

    // A new connection now is refused, or answered 503 if it slipped in while the listener closed.
    const late = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
      (res) => ({ status: res.status, error: null as string | null }),
      (err: unknown) => ({ status: 0, error: String((err as { cause?: { code?: string } }).cause?.code ?? err) }),
    );
    if (late.error === null) expect(late.status).toBe(503);
    else expect(late.error).toMatch(/ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET/);
    expect(first.child.exitCode, "the process waits for the request in flight").toBeNull();

    // The rest of the body: the import completes.
    requestRef!.end(body.subarray(half));
    const done = await response;
    expect(done.status).toBe(200);
    expect(JSON.parse(done.text)).toMatchObject({ created: 20 });

    const code = await Promise.race([first.exited, new Promise<string>((r) => setTimeout(() => r("still running after 10 s"), 10_000))]);
    expect(code).toBe(0);
    const shutdownMs = Date.now() - signalledAt;
    expect(first.output()).toMatch(/shut down cleanly/);
    // A figure for docs/reliability.md (Operations) (includes the deliberate wait before the second half).
    console.log(`shutdown: SIGTERM to exit ${shutdownMs} ms (with one slow import in flight); a new connection got ${late.error ?? late.status}`);

    // The lock is released: a new process starts on the same directory, and the import is there.
    const second = start(port, dataDir);
    procs.push(second);
    await waitHealthy(port, second);
    const got = await fetch(`http://127.0.0.1:${port}/api/v1/search?q=${encodeURIComponent("shutdown runbook")}&limit=50`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { total: number }).total).toBe(20);
    const idleAt = Date.now();
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
    console.log(`shutdown: SIGTERM to exit ${Date.now() - idleAt} ms (idle server)`);
  }, 120_000);
});
