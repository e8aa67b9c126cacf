// The typed faces of the portal's tRPC runtime, over the batched fetches of lib/trpc-fetch.ts:
//   - the options proxy `useTRPC()` returns (trpc.entries.get.queryOptions(input), .queryKey(),
//     .infiniteQueryOptions(), .mutationOptions(), .pathKey(), …), typed as @trpc/tanstack-react-query's
//     TRPCOptionsProxy and building the same query and mutation keys and options as its
//     createTRPCOptionsProxy, so TanStack Query's cache (invalidation by path, setQueryData on a key)
//     works as it did; trpc-proxy.test.ts compares the two;
//   - the client `useTRPCClient()` returns (client.entries.get.query(input), .mutate(input)), typed
//     as @trpc/client's TRPCClient.
// Both libraries stay for their types only: at run time they were 8 kB gzipped of every signed-in
// page (the options proxy also brings tRPC's server helpers, for calling a router in-process).
import type { AppRouter } from "@hindsight/api";
import type { TRPCClient } from "@trpc/client";
import type { TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { skipToken, type QueryClient, type QueryFunctionContext } from "@tanstack/react-query";
import type { CallOptions, UntypedClient } from "./trpc-fetch";

type KeyType = "query" | "infinite" | "any";

/** Calls `onCall(path, args)` for `proxy.a.b.c(...args)` with path ["a", "b", "c"]. */
function recursiveProxy(onCall: (path: string[], args: unknown[]) => unknown, path: readonly string[] = []): unknown {
  return new Proxy(() => undefined, {
    get: (_target, key) =>
      // Never a thenable: `await proxy.x` must not call anything.
      typeof key !== "string" || key === "then" ? undefined : recursiveProxy(onCall, [...path, key]),
    apply: (_target, _this, args: unknown[]) => onCall([...path], args),
  });
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && !Array.isArray(value) && typeof value === "object";

/** tRPC's query key: [path, { input?, type? }], an infinite query's input without its cursor and direction. */
export function queryKeyOf(path: readonly string[], input: unknown, type: KeyType): unknown[] {
  const splitPath = path.flatMap((part) => part.split("."));
  if (input === undefined && type === "any") return splitPath.length ? [splitPath] : [];
  if (type === "infinite" && isObject(input) && ("direction" in input || "cursor" in input)) {
    const { cursor: _cursor, direction: _direction, ...rest } = input;
    return [splitPath, { input: rest, type: "infinite" }];
  }
  return [
    splitPath,
    { ...(input !== undefined && input !== skipToken ? { input } : {}), ...(type !== "any" ? { type } : {}) },
  ];
}

interface TrpcOpts {
  trpc?: { abortOnUnmount?: boolean } & CallOptions;
}

/** The call options tRPC passes: the query's AbortSignal only when the options ask for it. */
function callOptions(opts: TrpcOpts | undefined, signal: AbortSignal): CallOptions {
  return { ...opts?.trpc, signal: opts?.trpc?.abortOnUnmount ? signal : null };
}

/** The input a query key holds. */
const keyInput = (queryKey: readonly unknown[]): unknown => (queryKey[1] as { input?: unknown } | undefined)?.input;

export function createOptionsProxy(client: UntypedClient, queryClient: QueryClient): TRPCOptionsProxy<AppRouter> {
  return recursiveProxy((fullPath, [arg1, arg2]) => {
    const path = fullPath.slice(0, -1);
    const util = fullPath.at(-1);
    const dotted = path.join(".");
    const trpc = { path: dotted };
    switch (util) {
      case "pathKey":
        return queryKeyOf(path, undefined, "any");
      case "pathFilter":
        return { ...(arg1 as object), queryKey: queryKeyOf(path, undefined, "any") };
      case "queryKey":
        return queryKeyOf(path, arg1, "query");
      case "queryFilter":
        return { ...(arg2 as object), queryKey: queryKeyOf(path, arg1, "query") };
      case "infiniteQueryKey":
        return queryKeyOf(path, arg1, "infinite");
      case "infiniteQueryFilter":
        return { ...(arg2 as object), queryKey: queryKeyOf(path, arg1, "infinite") };
      case "queryOptions": {
        const opts = arg2 as TrpcOpts | undefined;
        return {
          ...opts,
          queryKey: queryKeyOf(path, arg1, "query"),
          queryFn:
            arg1 === skipToken
              ? skipToken
              : (context: QueryFunctionContext) => client.query(dotted, keyInput(context.queryKey), callOptions(opts, context.signal)),
          trpc,
        };
      }
      case "infiniteQueryOptions": {
        const opts = arg2 as (TrpcOpts & { initialCursor?: unknown }) | undefined;
        const queryKey = queryKeyOf(path, arg1, "infinite");
        return {
          ...opts,
          queryKey,
          queryFn:
            arg1 === skipToken
              ? skipToken
              : (context: QueryFunctionContext<unknown[], unknown> & { direction?: unknown }) =>
                  client.query(
                    dotted,
                    {
                      ...(keyInput(queryKey) as object | undefined),
                      ...(context.pageParam !== undefined ? { cursor: context.pageParam } : {}),
                      direction: context.direction,
                    },
                    callOptions(opts, context.signal),
                  ),
          initialPageParam: opts?.initialCursor ?? (arg1 as { cursor?: unknown } | undefined)?.cursor,
          trpc,
        };
      }
      case "mutationKey":
        return [path.flatMap((part) => part.split("."))];
      case "mutationOptions": {
        const opts = arg1 as (TrpcOpts & { onSuccess?: (...args: unknown[]) => unknown }) | undefined;
        const mutationKey = [path.flatMap((part) => part.split("."))];
        const defaults = queryClient.defaultMutationOptions(queryClient.getMutationDefaults(mutationKey)) as {
          onSuccess?: (...args: unknown[]) => unknown;
        };
        return {
          ...opts,
          mutationKey,
          mutationFn: (input: unknown) => client.mutation(dotted, input, opts?.trpc),
          // As tRPC: the options' own onSuccess, else the client's defaults for this mutation key.
          onSuccess: (...args: unknown[]) => opts?.onSuccess?.(...args) ?? defaults.onSuccess?.(...args),
          trpc,
        };
      }
      default:
        throw new Error(`trpc.${fullPath.join(".")}: not supported by the portal's tRPC runtime (lib/trpc-proxy.ts)`);
    }
  }) as TRPCOptionsProxy<AppRouter>;
}

/** The typed client: client.a.b.query(input, { signal }) and client.a.b.mutate(input). */
export function createClientProxy(client: UntypedClient): TRPCClient<AppRouter> {
  return recursiveProxy((fullPath, [input, opts]) => {
    const path = fullPath.slice(0, -1).join(".");
    const util = fullPath.at(-1);
    if (util === "query") return client.query(path, input, opts as CallOptions | undefined);
    if (util === "mutate") return client.mutation(path, input, opts as CallOptions | undefined);
    throw new Error(`client.${fullPath.join(".")}: not supported by the portal's tRPC runtime (lib/trpc-proxy.ts)`);
  }) as TRPCClient<AppRouter>;
}
