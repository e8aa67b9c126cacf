// The data directory lock after a crash: a lock left by a process that no longer runs is taken over at
// once; a lock whose owner runs, or cannot be checked (another host), is still refused.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirLocked, LOCK_NAME, lockDataDir, OWNER_NAME } from "./data-dir-lock.js";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-stale-lock-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A data directory as a SIGKILLed server leaves it: the lock directory and its owner record. */
function leftBehind(name: string, owner: { pid: number; host: string }): string {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, LOCK_NAME), { recursive: true });
  fs.writeFileSync(path.join(dir, OWNER_NAME), JSON.stringify(owner));
  return dir;
}

/** The pid of a process that has exited (the kernel does not hand it out again this quickly). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(r.stdout);
}

const fail = (err: Error) => {
  throw err;
};

describe("data directory lock left by a dead process", () => {
  it("takes over a lock whose owner no longer runs, and records itself as the owner", async () => {
    const dir = leftBehind("dead", { pid: deadPid(), host: os.hostname() });
    const release = await lockDataDir(dir, fail);
    expect(JSON.parse(fs.readFileSync(path.join(dir, OWNER_NAME), "utf8"))).toEqual({ pid: process.pid, host: os.hostname() });
    await expect(lockDataDir(dir, fail)).rejects.toBeInstanceOf(DataDirLocked);
    await release();
    expect(fs.existsSync(path.join(dir, LOCK_NAME))).toBe(false);
    expect(fs.existsSync(path.join(dir, OWNER_NAME))).toBe(false);
  });

  it("takes over a lock recorded with its own pid that it does not hold (a restarted container's pid 1)", async () => {
    const dir = leftBehind("same-pid", { pid: process.pid, host: os.hostname() });
    const release = await lockDataDir(dir, fail);
    await release();
  });

  it("refuses a lock whose owner still runs", async () => {
    // This test's parent process is alive for sure.
    const dir = leftBehind("alive", { pid: process.ppid, host: os.hostname() });
    await expect(lockDataDir(dir, fail)).rejects.toBeInstanceOf(DataDirLocked);
  });

  it("refuses a fresh lock it cannot check (another host, or no owner record) until it goes stale", async () => {
    const other = leftBehind("other-host", { pid: deadPid(), host: `not-${os.hostname()}` });
    await expect(lockDataDir(other, fail)).rejects.toBeInstanceOf(DataDirLocked);
    const bare = path.join(root, "bare");
    fs.mkdirSync(path.join(bare, LOCK_NAME), { recursive: true });
    await expect(lockDataDir(bare, fail)).rejects.toBeInstanceOf(DataDirLocked);
  });
});
