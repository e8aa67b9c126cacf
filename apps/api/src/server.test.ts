// The built server as a process: boot on PGlite, refuse a second process on the same data
// directory, keep the data intact, and refuse bad configuration naming the variable.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, SERVER_JS as serverJs } from "./reliability/server-process.js";


interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, [serverJs], {
    env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "warn", PORTAL_DIR: "/nonexistent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitHealthy(port: number, run: Run, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (run.child.exitCode !== null) throw new Error(`server exited early: ${run.output()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not healthy in time: ${run.output()}`);
}

describe("hindsight server process", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-server-"));
  const running: Run[] = [];
  afterAll(async () => {
    for (const r of running) if (r.child.exitCode === null) r.child.kill("SIGKILL");
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves /healthz on PGlite, seeds once, and refuses a second process on the same DATA_DIR", async () => {
    expect(fs.existsSync(serverJs), "apps/api must be built first (turbo test depends on build)").toBe(true);
    const port = await freePort();
    const first = start({ PORT: String(port), DATA_DIR: dataDir, HINDSIGHT_ADMIN_TOKEN: "t" });
    running.push(first);
    await waitHealthy(port, first);
    const health = await (await fetch(`http://127.0.0.1:${port}/healthz`)).json();
    expect(health).toEqual({ status: "ok", database: "pglite", search: { engine: "postgres", ok: true } });

    const created = await fetch(`http://127.0.0.1:${port}/api/v1/entries`, {
      method: "POST",
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      body: JSON.stringify({ kind: "fix", title: "survives restarts", externalKey: "lock-test" }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const second = start({ PORT: String(await freePort()), DATA_DIR: dataDir });
    running.push(second);
    const code = await Promise.race([second.exited, new Promise((r) => setTimeout(() => r("timeout"), 20_000))]);
    expect(code).toBe(2);
    expect(second.output()).toMatch(/in use by another Hindsight process/);

    // The first process is unaffected, and after a clean stop the data is all there.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const third = start({ PORT: String(port), DATA_DIR: dataDir, HINDSIGHT_ADMIN_TOKEN: "t" });
    running.push(third);
    await waitHealthy(port, third);
    const got = await fetch(`http://127.0.0.1:${port}/api/v1/entries/${id}`, { headers: { authorization: "Bearer t" } });
    expect(got.status).toBe(200);
    expect(((await got.json()) as { entry: { title: string } }).entry.title).toBe("survives restarts");
    third.child.kill("SIGTERM");
    expect(await third.exited).toBe(0);
  });

  it("stops at boot with a message naming a bad variable", async () => {
    const run = start({ PORT: "not-a-port", DATA_DIR: dataDir });
    running.push(run);
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/PORT/);
  });

  it("stops at boot on a malformed SMTP URL, naming the variable but never its value (it may hold a password)", async () => {
    const run = start({ DATA_DIR: dataDir, HINDSIGHT_SMTP_URL: "smtp//digest:hunter2-pw@mail.example.com", HINDSIGHT_MAIL_FROM: "hindsight@example.com" });
    running.push(run);
    expect(await run.exited).toBe(2);
    expect(run.output()).toMatch(/HINDSIGHT_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(run.output()).not.toContain("hunter2");
  });
});
