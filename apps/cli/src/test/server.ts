// Integration-test helpers: the real Hindsight API started in this process (buildApp over a PGlite
// data directory in a temp folder, no demo seed, an admin token), listening on a free port, and a
// captured Io to run the CLI against it.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { buildApp, loadConfig } from "@hindsight/api";
import type { Io } from "../io.js";
import { run } from "../program.js";

export interface TestServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "hindsight-cli-db-"));
  const token = `cli-test-${randomBytes(12).toString("hex")}`;
  const config = loadConfig({
    DATA_DIR: dataDir,
    HINDSIGHT_ADMIN_TOKEN: token,
    HINDSIGHT_SEED: "false",
    LOG_LEVEL: "silent",
    PORTAL_DIR: path.join(dataDir, "no-portal"),
  });
  const app = await buildApp(config);
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error(`unexpected listen address ${String(address)}`);
  return {
    url: `http://127.0.0.1:${address.port}`,
    token,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Captured {
  io: Io;
  stdout: string[];
  stderr: string[];
  /** Everything printed, both streams. */
  text(): string;
}

export function captureIo(stdin = ""): Captured {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    io: {
      out: (l) => void stdout.push(l),
      err: (l) => void stderr.push(l),
      interactive: false,
      progressStream: process.stderr,
      readStdin: async () => stdin,
    },
    stdout,
    stderr,
    text: () => [...stdout, ...stderr].join("\n"),
  };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  all: string;
}

/** Runs the CLI with the given environment (nothing inherited from the test process). */
export async function cli(argv: string[], env: Record<string, string | undefined>, stdin = ""): Promise<CliResult> {
  const c = captureIo(stdin);
  const code = await run(argv, { io: c.io, env });
  return { code, stdout: c.stdout.join("\n"), stderr: c.stderr.join("\n"), all: c.text() };
}
