// Starts the real built product for the e2e suite: `node apps/api/dist/server.js`, which also serves the
// built portal, on a fresh PGlite data directory and a free port. Stops the whole process group after.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { API_SERVER, PORTAL_DIST, REPO_ROOT } from "./paths.js";

export interface RunningServer {
  baseUrl: string;
  adminToken: string;
  dataDir: string;
  /** Everything the server wrote to stdout and stderr, kept after stop() (it lives in `logDir`). */
  logFile: string;
  /** The server's recent output, for failure messages. */
  logTail(): string;
  stop(): Promise<void>;
}

/** Asks the OS for a port nobody listens on; the tiny window before the server binds it is acceptable here. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ServerOptions {
  seed?: boolean;
  timeoutMs?: number;
  /**
   * Demo mode (the people picker, the README's quick start) unless false. A non-demo server signs people
   * in with passwords or single sign-on only.
   */
  demo?: boolean;
  /** Listen here (default: a free port); a test that must name its URL in advance picks one with freePort(). */
  port?: number;
  /** Further environment for the server (e.g. the HINDSIGHT_OIDC_* settings of an SSO test). */
  env?: Record<string, string>;
  /**
   * Where the server's whole output goes (as `server-<name>.log`), so zz-logs.e2e.ts can grep it for
   * secrets: the run's directory, `inject("e2eRunDir")` in a test file. Default: the server's own
   * temporary directory, removed by stop().
   */
  logDir?: string;
  /** Names the log file (default "server"). */
  name?: string;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const missing = [API_SERVER, join(PORTAL_DIST, "index.html")].filter((f) => !existsSync(f));
  if (missing.length) {
    throw new Error(
      `the e2e suite runs the built product, but ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing: ` +
        "run `pnpm turbo run build --filter=@hindsight/api --filter=@hindsight/portal` (turbo's test:e2e task does this)",
    );
  }
  const runDir = mkdtempSync(join(tmpdir(), "hindsight-e2e-"));
  const dataDir = join(runDir, "data");
  // The server serves a snapshot of the built portal: a rebuild of apps/portal/dist during the run (a
  // developer's `vite build` empties the directory first) must not pull the pages from under the tests.
  const portalDir = join(runDir, "portal");
  cpSync(PORTAL_DIST, portalDir, { recursive: true });
  const port = options.port ?? (await freePort());
  const adminToken = `e2e-admin-${randomBytes(12).toString("hex")}`;
  // Only what the server needs: a stray DATABASE_URL or SEARCH_ENGINE from the shell must not point the
  // run at a shared database; the e2e product is the embedded default on an empty directory.
  const {
    DATABASE_URL: _db,
    SEARCH_ENGINE: _engine,
    MEILI_URL: _meili,
    MEILI_MASTER_KEY: _meiliKey,
    NODE_ENV: _nodeEnv,
    ...inherited
  } = process.env;
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    PORTAL_DIR: portalDir,
    HINDSIGHT_ADMIN_TOKEN: adminToken,
    HINDSIGHT_SEED: options.seed === false ? "false" : "true",
    HINDSIGHT_DEMO: options.demo === false ? "false" : "true",
    // debug: Fastify logs every request (method, URL, status) at debug only, so this is the most a
    // server ever writes; zz-logs.e2e.ts checks no secret reaches even that.
    LOG_LEVEL: "debug",
    // Plain http on 127.0.0.1: a Secure session cookie would never come back.
    COOKIE_SECURE: "false",
    NODE_ENV: "production",
    ...options.env,
  };

  // detached: the server leads its own process group, so stop() reaches anything it spawned.
  const child = spawn(process.execPath, [API_SERVER], { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  const logFile = join(options.logDir ?? runDir, `server-${options.name ?? "server"}-${port}.log`);
  appendFileSync(logFile, "");
  const keep = (chunk: Buffer) => {
    // Synchronously, so a test reading the file while the server runs sees everything written so far.
    appendFileSync(logFile, chunk);
    output.push(chunk.toString("utf8"));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const logTail = () => output.join("").split("\n").slice(-40).join("\n");

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
      const done = await Promise.race([exited(child).then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
        await exited(child);
      }
    }
    rmSync(runDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`the API server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${logTail()}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the API server did not answer ${baseUrl}/healthz in time:\n${logTail()}`);
    }
    await sleep(250);
  }
  return { baseUrl, adminToken, dataDir, logFile, logTail, stop };
}
