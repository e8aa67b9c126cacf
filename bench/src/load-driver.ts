// Drives a listening server with autocannon: `connections` keep-alive clients sharing one walk of
// the traffic plan (search/read/write cycle), each request's path and body taken from the shared
// TrafficSource in setupRequest; every answer, timeout and connection error is recorded per class.
// Closed loop: a client sends its next request when the previous one answered. (autocannon's rate
// options are not an open loop: they split the rate per connection and release it in one burst per
// second, and a connection whose share rounds down to 0 is not limited at all.)
import autocannon from "autocannon";
import { LoadRecorder, type LoadFigures, type WriteOutcome } from "./load-report.js";
import type { PlannedRequest, TrafficClass, TrafficSource } from "./traffic.js";

export interface DriveOptions {
  baseUrl: string;
  token: string;
  source: TrafficSource;
  plan: readonly TrafficClass[];
  connections: number;
  durationSeconds: number;
  /** Seconds without an answer before autocannon counts a timeout and reconnects. */
  timeoutSeconds?: number;
}

/** autocannon's own figures, kept to cross-check ours (its latency histogram holds only 2xx). */
export interface AutocannonFigures {
  requestsSent: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyP50: number;
  latencyP99: number;
  requestsPerSecondMean: number;
}

export interface DriveResult {
  figures: LoadFigures;
  autocannon: AutocannonFigures;
}

/** Per-client context autocannon hands setupRequest and onResponse: the request until its answer. */
interface PlanContext {
  pending?: PlannedRequest;
}

/**
 * The parts of autocannon 9's client this relies on beyond its typings (the version is pinned, and
 * load-driver.test.ts checks the attribution against a server that counts what it received): the
 * request iterator's per-client context, and the order of the client's events.
 */
interface ClientInternals {
  requestIterator: { context: PlanContext };
  on(event: "request", listener: () => void): unknown;
  on(event: "response", listener: (status: number, bytes: number, ms: number) => void): unknown;
  on(event: "timeout", listener: () => void): unknown;
  on(event: "connError", listener: (err: NodeJS.ErrnoException) => void): unknown;
}

function outcomeOf(body: unknown): WriteOutcome | null {
  try {
    const parsed = JSON.parse(typeof body === "string" ? body : String(body)) as { outcome?: unknown };
    return parsed.outcome === "created" || parsed.outcome === "updated" || parsed.outcome === "unchanged" ? parsed.outcome : null;
  } catch {
    return null;
  }
}

export async function driveLoad(options: DriveOptions): Promise<DriveResult> {
  const { source, plan } = options;
  const recorder = new LoadRecorder();
  const url = new URL(options.baseUrl);

  // One request slot whose setupRequest draws the class from a cycle shared by all clients: the mix
  // holds over everything sent, whatever each client's pace (a per-client cycle would start every
  // client on the same searches and reach the first write only after 20 requests each).
  let slot = 0;
  const request: autocannon.Request = {
    setupRequest: (req, context) => {
      const planned = source.next(plan[slot++ % plan.length]!);
      (context as PlanContext).pending = planned;
      return {
        ...req,
        method: planned.method,
        path: planned.path,
        ...(planned.body === undefined ? {} : { body: planned.body, headers: { ...req.headers, "content-type": "application/json" } }),
      };
    },
    onResponse: (status, body, context) => {
      if ((context as PlanContext).pending?.cls !== "write" || status < 200 || status >= 300) return;
      const outcome = outcomeOf(body);
      if (outcome) recorder.writeOutcome(outcome);
      else recorder.failure("write answered 2xx without an outcome");
    },
  };

  const setupClient = (client: autocannon.Client) => {
    const c = client as unknown as ClientInternals;
    const it = c.requestIterator;
    // The request in flight when the client last got ready to send: on a timeout the client
    // reconnects and emits "request" (before building its next request) and only then "timeout".
    let lastInFlight: PlannedRequest | undefined;
    c.on("request", () => (lastInFlight = it.context.pending));
    // "response" and "connError" are emitted before the client builds its next request, so
    // `pending` is still the request they are about.
    c.on("response", (status, _bytes, latencyMs) => {
      const pending = it.context.pending;
      if (pending) recorder.response(pending, status, latencyMs);
    });
    c.on("timeout", () => recorder.timeout(lastInFlight?.cls ?? "search"));
    c.on("connError", (err) => recorder.connError(it.context.pending?.cls ?? "search", err.code ?? err.message));
  };

  const result = await autocannon({
    url: `${url.protocol}//${url.host}`,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds ?? 10,
    headers: { authorization: `Bearer ${options.token}`, accept: "application/json" },
    requests: [request],
    setupClient,
  });
  return {
    figures: recorder.summary(result.duration),
    autocannon: {
      requestsSent: result.requests.sent,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      latencyP50: result.latency.p50,
      latencyP99: result.latency.p99,
      requestsPerSecondMean: result.requests.average,
    },
  };
}
