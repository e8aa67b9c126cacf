// A closed-loop HTTP load generator: `concurrency` clients, each sending its next request as soon as
// the previous answered, over a fixed list of paths, recording each request's latency. It runs in a
// worker thread (load-worker.ts) during benchmarks so the client's own work does not queue behind
// the server on the same event loop; tests call it directly.
import { Worker } from "node:worker_threads";

export interface LoadOptions {
  baseUrl: string;
  token: string;
  /** Request paths in order; clients take the next one from a shared cursor. */
  paths: readonly string[];
  concurrency: number;
  /** Requests sent first and not recorded (connection setup, JIT, caches). */
  warmup?: number;
}

export interface LoadResult {
  /** Milliseconds per recorded request, in completion order. */
  latencies: number[];
  /** Latencies by index into `paths` (or the items of runClosedLoop; NaN for failed requests). */
  byPath: number[];
  errors: number;
  firstError: string | null;
  /** Wall time of the recorded part, for throughput. */
  wallMs: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { baseUrl, token, paths, concurrency } = options;
  const headers = { authorization: `Bearer ${token}`, accept: "application/json" };
  return runClosedLoop(paths, concurrency, options.warmup ?? 0, async (path) => {
    const res = await fetch(baseUrl + path, { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`GET ${path.split("?")[0]} answered ${res.status}: ${text.slice(0, 200)}`);
  });
}

/**
 * `concurrency` loops sharing one cursor over `items`, each calling `call` on the next item as soon
 * as its previous call settled, timing every call; a call that throws counts as an error. The first
 * `warmup` items (cycling) are called first, one at a time, and not recorded. The HTTP load above and
 * the engine-alone load of bench:search (in the server process) are both this loop.
 */
export async function runClosedLoop<T>(items: readonly T[], concurrency: number, warmup: number, call: (item: T) => Promise<unknown>): Promise<LoadResult> {
  let errors = 0;
  let firstError: string | null = null;

  const one = async (item: T): Promise<number | null> => {
    const started = performance.now();
    try {
      await call(item);
      return performance.now() - started;
    } catch (err) {
      errors++;
      firstError ??= (err as Error).message;
      return null;
    }
  };

  // Warmup cycles through the same items without recording them; its failures count like any other.
  for (let i = 0; i < warmup && items.length; i++) await one(items[i % items.length]!);

  const latencies: number[] = [];
  const byPath: number[] = new Array<number>(items.length).fill(NaN);
  let cursor = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.max(1, concurrency) }, async () => {
      for (;;) {
        const i = cursor++;
        if (i >= items.length) return;
        const elapsed = await one(items[i]!);
        if (elapsed !== null) {
          latencies.push(elapsed);
          byPath[i] = elapsed;
        }
      }
    }),
  );
  return { latencies, byPath, errors, firstError, wallMs: performance.now() - started };
}

export type WorkerReply = { ok: true; result: LoadResult } | { ok: false; error: string };

/** runLoad in a worker thread (the compiled load-worker.js beside this module). */
export function runLoadInWorker(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./load-worker.js", import.meta.url), { workerData: options });
    let settled = false;
    worker.once("message", (reply: WorkerReply) => {
      settled = true;
      void worker.terminate();
      if (reply.ok) resolve(reply.result);
      else reject(new Error(`load worker: ${reply.error}`));
    });
    worker.once("error", (err) => {
      settled = true;
      reject(err);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`load worker exited with code ${code} before answering`));
    });
  });
}
