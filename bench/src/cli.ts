// Small pieces the benchmark commands share: list parsing for options, a main wrapper that prints an
// error plainly and sets a non-zero exit code (scores never do), and the end of a run.
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidArgumentError } from "commander";

/**
 * A file path the user typed, resolved against the directory they ran the command in: `pnpm
 * bench:search --chart docs/x.svg` runs the script inside bench, and pnpm passes the
 * caller's directory as INIT_CWD.
 */
export function userPath(path: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), path);
}

export function listOf<T extends string>(allowed: readonly T[]) {
  return (value: string): T[] => {
    const items = value.split(",").map((s) => s.trim()).filter(Boolean);
    const bad = items.filter((s) => !allowed.includes(s as T));
    if (bad.length || !items.length) throw new InvalidArgumentError(`expected a comma-separated list of ${allowed.join(", ")}`);
    return [...new Set(items)] as T[];
  };
}

export function positiveInts(value: string): number[] {
  const items = value.split(",").map((s) => s.trim().replace(/_/g, "")).filter(Boolean);
  const nums = items.map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  if (!nums.length || nums.some((n) => !Number.isSafeInteger(n) || n < 1)) {
    throw new InvalidArgumentError("expected a comma-separated list of positive integers, e.g. 10000,100000");
  }
  return nums;
}

export function positiveInt(value: string): number {
  const [n] = positiveInts(value);
  if (value.includes(",")) throw new InvalidArgumentError("expected one positive integer");
  return n!;
}

export async function runMain(name: string, main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.BENCH_DEBUG && err instanceof Error) console.error(err.stack);
    process.exitCode = 1;
  }
}

/**
 * On Ctrl-C or SIGTERM, runs `stop` (dropping a throwaway database, say) and exits 130; a second
 * signal exits at once. Returns whether a stop was asked for, so loops can stop starting work.
 * Listeners stay registered (`on`, not `once`): proper-lockfile's signal-exit, loaded through
 * @hindsight/db, re-raises the signal, killing the process mid-cleanup, once it is the last listener.
 */
export function onStopSignal(stop: () => Promise<void>): () => boolean {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(130);
    stopping = true;
    console.error(`\n${signal}: stopping, dropping the throwaway database`);
    stop().then(
      () => process.exit(130),
      (err: unknown) => {
        console.error(`cleanup failed: ${(err as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => stopping;
}

/**
 * The end of a benchmark run: the figures written to `--json` when asked, every failure listed, and
 * the exit code (1 when anything failed; slow is not a failure).
 */
export function finishRun(json: string | undefined, figures: unknown, failures: readonly string[]): number {
  if (json) {
    writeFileSync(userPath(json), JSON.stringify(figures, null, 2));
    console.log(`\nwrote ${userPath(json)}`);
  }
  if (failures.length) {
    console.error(`\nerrors:\n${failures.map((f) => `  ${f}`).join("\n")}`);
    return 1;
  }
  return 0;
}
