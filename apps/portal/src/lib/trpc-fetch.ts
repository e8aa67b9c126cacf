// The signed-in portal's calls to the API: tRPC's batched HTTP form, as @trpc/client's httpBatchLink
// speaks it, in plain fetches. The tRPC client (its links, observables, stream readers and the server
// helpers they import) was 8 kB gzipped of every signed-in page's first download for this one link;
// the wire format is small and stable (tRPC 11, no transformer):
//   - the queries called in one tick go out as one GET /trpc/a.b,c.d?batch=1&input={"0":…,"1":…},
//     the mutations as one POST /trpc/a.b,c.d?batch=1 with that object as its JSON body;
//   - the answer is an array, one `{ result: { data } }` or `{ error: { message, data } }` per call
//     (a single object, e.g. when the whole request was refused, answers every call).
// A failed call rejects with ApiCallError (lib/api-error.ts), as the tRPC client's TRPCClientError
// reads to lib/errors.ts. As in httpBatchLink, aborting one call's signal rejects that call, and the
// request itself is aborted only once every call in it has been aborted.
import { resultOf, unreachable } from "./api-error";

export type CallType = "query" | "mutation";

export interface CallOptions {
  signal?: AbortSignal | null;
}

/** What the options and client proxies (lib/trpc-proxy.ts) call: a procedure by its dotted path. */
export interface UntypedClient {
  query(path: string, input: unknown, opts?: CallOptions): Promise<unknown>;
  mutation(path: string, input: unknown, opts?: CallOptions): Promise<unknown>;
}

export interface TrpcFetchOptions {
  /** Where the tRPC router is mounted, e.g. "/trpc". */
  url: string;
  headers?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

interface Call {
  path: string;
  input: unknown;
  signal: AbortSignal | null;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const METHOD: Record<CallType, string> = { query: "GET", mutation: "POST" };

/** An AbortSignal that aborts once every one of `signals` has (never, when one of them is missing). */
function allAborted(signals: (AbortSignal | null)[]): AbortSignal {
  const controller = new AbortController();
  let aborted = 0;
  const onAbort = () => {
    if (++aborted === signals.length) controller.abort();
  };
  for (const signal of signals) {
    if (signal?.aborted) onAbort();
    else signal?.addEventListener("abort", onAbort, { once: true });
  }
  return controller.signal;
}

function abortError(): Error {
  return new DOMException("The call was aborted", "AbortError");
}

export function createTrpcFetch(options: TrpcFetchOptions): UntypedClient {
  const base = options.url.replace(/\/$/, "");
  const pending: Record<CallType, Call[] | null> = { query: null, mutation: null };

  async function send(type: CallType, calls: Call[]): Promise<void> {
    const path = calls.map((call) => call.path).join(",");
    // As tRPC's arrayToDict + JSON.stringify: an undefined input is left out.
    const inputs = JSON.stringify(Object.fromEntries(calls.map((call, index) => [index, call.input])));
    const url = type === "query" ? `${base}/${path}?batch=1&input=${encodeURIComponent(inputs)}` : `${base}/${path}?batch=1`;
    let response: Response;
    let body: unknown;
    try {
      response = await (options.fetch ?? globalThis.fetch)(url, {
        method: METHOD[type],
        signal: allAborted(calls.map((call) => call.signal)),
        body: type === "mutation" ? inputs : undefined,
        headers: { ...(type === "mutation" ? { "content-type": "application/json" } : {}), ...options.headers },
      });
      body = await response.json();
    } catch (cause) {
      for (const call of calls) call.reject(unreachable(cause));
      return;
    }
    calls.forEach((call, index) => {
      try {
        call.resolve(resultOf(Array.isArray(body) ? body[index] : body, response.status));
      } catch (error) {
        call.reject(error);
      }
    });
  }

  function dispatch(type: CallType) {
    const calls = (pending[type] ?? []).filter((call) => {
      if (!call.signal?.aborted) return true;
      call.reject(unreachable(abortError()));
      return false;
    });
    pending[type] = null;
    if (calls.length) void send(type, calls);
  }

  function call(type: CallType, path: string, input: unknown, opts?: CallOptions): Promise<unknown> {
    const signal = opts?.signal ?? null;
    if (signal?.aborted) return Promise.reject(unreachable(abortError()));
    return new Promise((resolve, reject) => {
      const entry: Call = { path, input, signal, resolve, reject };
      // The call's own promise settles at once when its signal aborts; the request goes on for the others.
      signal?.addEventListener("abort", () => reject(unreachable(abortError())), { once: true });
      if (!pending[type]) {
        pending[type] = [];
        setTimeout(() => dispatch(type));
      }
      pending[type].push(entry);
    });
  }

  return {
    query: (path, input, opts) => call("query", path, input, opts),
    mutation: (path, input, opts) => call("mutation", path, input, opts),
  };
}

