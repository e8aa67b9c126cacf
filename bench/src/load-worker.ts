// Worker-thread entry for runLoad: receives LoadOptions as workerData, posts back a WorkerReply.
import { parentPort, workerData } from "node:worker_threads";
import { runLoad, type LoadOptions, type WorkerReply } from "./load.js";

if (!parentPort) throw new Error("load-worker.js runs as a worker thread");
const port = parentPort;
runLoad(workerData as LoadOptions).then(
  (result) => port.postMessage({ ok: true, result } satisfies WorkerReply),
  (err: unknown) => port.postMessage({ ok: false, error: (err as Error).message } satisfies WorkerReply),
);
