// The PGlite data directory's lock: one process per directory (PGlite has no lock of its own, and two
// processes on one directory corrupt it). proper-lockfile takes it atomically (mkdir) and refreshes it
// while held, so a dead process's lock goes stale after STALE_MS. A process killed with SIGKILL (OOM
// killer, `kill -9`, a crashed container) cannot remove it, and the restart that follows must not wait
// for staleness or need someone to delete the file: the owner's pid and host are recorded beside the
// lock, and a lock whose owner is provably dead is taken over at once.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";

export class DataDirLocked extends Error {
  constructor(readonly dataDir: string) {
    super(
      `The data directory ${dataDir} is in use by another Hindsight process. ` +
        `Stop that process first, or set DATA_DIR to another directory. (PGlite allows one process per directory.)`,
    );
    this.name = "DataDirLocked";
  }
}

export const LOCK_NAME = "hindsight.lock";
/** Beside the lock, not inside it: proper-lockfile removes its lock directory with rmdir, which needs it empty. */
export const OWNER_NAME = "hindsight.lock.owner";
const STALE_MS = 15_000;

interface Owner {
  pid: number;
  host: string;
}

/** Lock paths this process holds: with pid 1 in every container, our own pid in a lock may be a previous life's. */
const heldHere = new Set<string>();

function readOwner(file: string): Owner | null {
  try {
    const v = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<Owner>;
    return typeof v.pid === "number" && Number.isInteger(v.pid) && v.pid > 0 && typeof v.host === "string" ? { pid: v.pid, host: v.host } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * True when the recorded owner is certainly gone: a pid on this host that no longer runs, or our own pid
 * when this process does not hold the lock (a restarted container). Anything unverifiable (no owner
 * record, another host) is left to staleness.
 */
function ownerIsGone(lockPath: string, ownerFile: string): boolean {
  const owner = readOwner(ownerFile);
  if (!owner || owner.host !== os.hostname()) return false;
  if (owner.pid === process.pid) return !heldHere.has(lockPath);
  return !isAlive(owner.pid);
}

/** Takes the data directory's lock or throws DataDirLocked; returns the release function. */
export async function lockDataDir(dataDir: string, onCompromised: (err: Error) => void): Promise<() => Promise<void>> {
  const lockPath = path.join(dataDir, LOCK_NAME);
  const ownerFile = path.join(dataDir, OWNER_NAME);
  const take = () => lockfile.lock(dataDir, { lockfilePath: lockPath, stale: STALE_MS, update: 5_000, retries: 0, onCompromised });
  let release: () => Promise<void>;
  try {
    release = await take();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ELOCKED") throw err;
    if (!ownerIsGone(lockPath, ownerFile)) throw new DataDirLocked(dataDir);
    // The owner died without releasing. Two processes recovering at the same instant could both get
    // here; the mkdir in `take` still lets only one of them in (the same race proper-lockfile's own
    // staleness takes over a lock with).
    fs.rmSync(lockPath, { recursive: true, force: true });
    try {
      release = await take();
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === "ELOCKED") throw new DataDirLocked(dataDir);
      throw again;
    }
  }
  heldHere.add(lockPath);
  const tmp = `${ownerFile}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ pid: process.pid, host: os.hostname() } satisfies Owner));
  fs.renameSync(tmp, ownerFile);
  return async () => {
    heldHere.delete(lockPath);
    fs.rmSync(ownerFile, { force: true });
    await release();
  };
}
