// The portal's tRPC runtime against the libraries it stands in for: for the same calls, the options
// proxy builds the same keys and options as @trpc/tanstack-react-query's createTRPCOptionsProxy, and
// its queries and mutations send the same requests as @trpc/client's httpBatchLink (both over one
// recording fetch), so TanStack Query's cache and the API see no difference.
import type { AppRouter } from "@hindsight/api";
import { QueryClient, skipToken, type QueryFunctionContext } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { describe, expect, it } from "vitest";
import { createTrpcFetch } from "./trpc-fetch";
import { createClientProxy, createOptionsProxy } from "./trpc-proxy";

interface Sent {
  url: string;
  method: string;
  body: unknown;
  headers: Record<string, string>;
}

/** A fetch that records each request and answers every call in it with `answer(path)`. */
function recordingFetch(answer: (path: string) => unknown = (path) => ({ path })) {
  const sent: Sent[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    sent.push({
      url,
      method: init?.method ?? "GET",
      body: init?.body ?? null,
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
    });
    const paths = decodeURIComponent(new URL(url, "http://portal").pathname.replace(/^\/trpc\//, "")).split(",");
    return new Response(JSON.stringify(paths.map((path) => ({ result: { data: answer(path) } }))), { status: 200 });
  };
  return { sent, fetch };
}

const HEADERS = { "x-hindsight-csrf": "1" };

/** The libraries' proxy and the portal's, each over its own recording fetch. */
function both() {
  const queryClient = new QueryClient();
  const theirsFetch = recordingFetch();
  const oursFetch = recordingFetch();
  const theirsClient = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: "/trpc", headers: HEADERS, fetch: theirsFetch.fetch })],
  });
  const oursUntyped = createTrpcFetch({ url: "/trpc", headers: HEADERS, fetch: oursFetch.fetch });
  return {
    queryClient,
    theirs: createTRPCOptionsProxy<AppRouter>({ client: theirsClient, queryClient }),
    ours: createOptionsProxy(oursUntyped, queryClient),
    theirsClient,
    oursClient: createClientProxy(oursUntyped),
    theirsSent: theirsFetch.sent,
    oursSent: oursFetch.sent,
  };
}

function context(queryKey: readonly unknown[], extra: Record<string, unknown> = {}): QueryFunctionContext {
  return { queryKey, signal: new AbortController().signal, meta: undefined, client: new QueryClient(), ...extra } as never;
}

type Fn = (ctx: QueryFunctionContext) => Promise<unknown>;

describe("the portal's tRPC options proxy, against @trpc/tanstack-react-query", () => {
  const inputs = [
    { slug: "disk-full" },
    { status: "published" as const, limit: 8 },
    { q: "oom killer", limit: 20, cursor: 40 },
    { q: "", limit: 20, filters: { kind: ["runbook"], team: [] } },
  ];

  it.each(inputs)("builds the same keys for %j", (input) => {
    const { theirs, ours } = both();
    expect(ours.entries.get.queryKey(input as never)).toEqual(theirs.entries.get.queryKey(input as never));
    expect(ours.search.query.infiniteQueryKey(input as never)).toEqual(theirs.search.query.infiniteQueryKey(input as never));
    expect(ours.entries.get.queryFilter(input as never, { exact: true })).toEqual(theirs.entries.get.queryFilter(input as never, { exact: true }));
  });

  it("builds the same keys without input, by path and for mutations", () => {
    const { theirs, ours } = both();
    expect(ours.me.get.queryKey()).toEqual(theirs.me.get.queryKey());
    expect(ours.entries.pathKey()).toEqual(theirs.entries.pathKey());
    expect(ours.actionItems.list.pathKey()).toEqual(theirs.actionItems.list.pathKey());
    expect(ours.entries.pathFilter()).toEqual(theirs.entries.pathFilter());
    expect(ours.collections.markItem.mutationKey()).toEqual(theirs.collections.markItem.mutationKey());
  });

  it("builds the same query options, and their query functions send the same request", async () => {
    const { theirs, ours, theirsSent, oursSent } = both();
    const input = { status: "published" as const, limit: 8 };
    const a = theirs.entries.list.queryOptions(input, { staleTime: 5 });
    const b = ours.entries.list.queryOptions(input, { staleTime: 5 });
    expect({ ...b, queryFn: typeof b.queryFn }).toEqual({ ...a, queryFn: typeof a.queryFn });
    const [x, y] = await Promise.all([(a.queryFn as Fn)(context(a.queryKey)), (b.queryFn as Fn)(context(b.queryKey))]);
    expect(y).toEqual(x);
    expect(oursSent).toEqual(theirsSent);
    expect(oursSent[0]?.url).toBe(`/trpc/entries.list?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: input }))}`);
  });

  it("passes skipToken through, as a query that does not run", () => {
    const { theirs, ours } = both();
    const a = theirs.entries.history.queryOptions(skipToken);
    const b = ours.entries.history.queryOptions(skipToken);
    expect(b.queryFn).toBe(skipToken);
    expect(b.queryKey).toEqual(a.queryKey);
  });

  it("builds the same infinite query options, whose pages send the cursor and direction", async () => {
    const { theirs, ours, theirsSent, oursSent } = both();
    const input = { q: "disk full", limit: 20 };
    const opts = { getNextPageParam: () => undefined, trpc: { abortOnUnmount: true } };
    const a = theirs.search.query.infiniteQueryOptions(input as never, opts as never);
    const b = ours.search.query.infiniteQueryOptions(input as never, opts as never);
    expect({ ...b, queryFn: typeof b.queryFn }).toEqual({ ...a, queryFn: typeof a.queryFn });
    for (const pageParam of [undefined, 20]) {
      const page = { pageParam, direction: "forward" };
      await Promise.all([(a.queryFn as Fn)(context(a.queryKey, page)), (b.queryFn as Fn)(context(b.queryKey, page))]);
    }
    expect(oursSent).toEqual(theirsSent);
    expect(oursSent).toHaveLength(2);
  });

  it("aborts a query that asked for it (abortOnUnmount) when TanStack Query cancels it", async () => {
    const { ours } = both();
    const seen: (AbortSignal | null | undefined)[] = [];
    const untyped = createTrpcFetch({
      url: "/trpc",
      fetch: (_input, init) => {
        seen.push(init?.signal);
        return new Promise(() => undefined);
      },
    });
    const proxy = createOptionsProxy(untyped, new QueryClient());
    const controller = new AbortController();
    const options = proxy.search.query.queryOptions({ q: "x", limit: 1 } as never, { trpc: { abortOnUnmount: true } });
    const pending = (options.queryFn as Fn)(context(options.queryKey, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "TRPCClientError" });
    expect(seen[0]?.aborted).toBe(true);
    expect(ours).toBeTruthy();
  });

  it("builds the same mutation options, whose function posts the same request", async () => {
    const { theirs, ours, theirsSent, oursSent } = both();
    const calls: string[] = [];
    const a = theirs.entries.archive.mutationOptions({ onSuccess: () => void calls.push("theirs") });
    const b = ours.entries.archive.mutationOptions({ onSuccess: () => void calls.push("ours") });
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
    expect(b.mutationKey).toEqual(a.mutationKey);
    expect(b.trpc).toEqual(a.trpc);
    const input = { id: "0b1c", reason: "duplicate" };
    const ctx = {} as never;
    await Promise.all([a.mutationFn!(input as never, ctx), b.mutationFn!(input as never, ctx)]);
    expect(oursSent).toEqual(theirsSent);
    expect(oursSent[0]).toMatchObject({ method: "POST", url: "/trpc/entries.archive?batch=1", headers: { "content-type": "application/json" } });
    a.onSuccess!(undefined as never, input as never, undefined, ctx);
    b.onSuccess!(undefined as never, input as never, undefined, ctx);
    expect(calls).toEqual(["theirs", "ours"]);
  });

  it("calls through the client as @trpc/client does (query, mutate), in one batch per tick", async () => {
    const { theirsClient, oursClient, theirsSent, oursSent } = both();
    const theirs = await Promise.all([theirsClient.me.get.query(), theirsClient.teams.list.query()]);
    const ours = await Promise.all([oursClient.me.get.query(), oursClient.teams.list.query()]);
    expect(ours).toEqual(theirs);
    expect(oursSent).toEqual(theirsSent);
    expect(oursSent).toHaveLength(1);
    await theirsClient.search.opened.mutate({ queryId: 7, entryId: "e1" } as never);
    await oursClient.search.opened.mutate({ queryId: 7, entryId: "e1" } as never);
    expect(oursSent[1]).toEqual(theirsSent[1]);
  });

  it("is never mistaken for a promise", async () => {
    const { ours } = both();
    expect((ours as unknown as { then?: unknown }).then).toBeUndefined();
    const entries = ours.entries;
    expect((await Promise.resolve(entries)) === entries).toBe(true);
  });
});
