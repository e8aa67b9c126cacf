// CPU time of the Postgres backends serving the benchmark's database, read from Linux /proc, so the
// cost per request can be read on a busy machine, where wall time mostly measures the queue.
import { readFileSync } from "node:fs";
import pg from "pg";

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds used so far by each backend connected to the database `label` ends with; null where it cannot be read. */
export async function postgresBackendCpu(adminUrl: string, label: string): Promise<Map<number, number> | null> {
  const dbName = label.split("/").pop();
  if (!dbName || process.platform !== "linux") return null;
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ pid: number }>("select pid from pg_stat_activity where datname = $1", [dbName]);
    const out = new Map<number, number>();
    for (const { pid } of rows) {
      try {
        // Fields after the command name: utime and stime are the 12th and 13th.
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        out.set(pid, (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS);
      } catch {
        // Postgres on another host or the backend just left: nothing to read.
      }
    }
    return out;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** CPU seconds the backends used between two readings (a backend that appeared meanwhile counts from 0). */
export function cpuDelta(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after || !after.size) return null;
  let sum = 0;
  for (const [pid, t] of after) sum += t - (before.get(pid) ?? 0);
  return sum;
}
