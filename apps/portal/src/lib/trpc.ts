// The portal's one tRPC client: typed against the API's AppRouter (a type-only import, so no server
// code reaches the bundle), batching calls to /trpc with the session cookie. The runtime is the
// portal's own (lib/trpc-fetch.ts, lib/trpc-proxy.ts): the same wire format, query keys and options as
// @trpc/client's httpBatchLink and @trpc/tanstack-react-query, which the portal uses for their types.
import type { AppRouter } from "@hindsight/api";
import { CSRF_HEADER, CSRF_HEADER_VALUE } from "@hindsight/domain";
import type { QueryClient } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import type { inferInput, inferOutput, TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { createContext, createElement, use, useMemo, type ReactNode } from "react";
import { createTrpcFetch, type UntypedClient } from "./trpc-fetch";
import { createClientProxy, createOptionsProxy } from "./trpc-proxy";

/** The client DataRoot creates once per mount: the batched fetches and their typed face. */
export interface PortalTrpcClient {
  untyped: UntypedClient;
  typed: TRPCClient<AppRouter>;
}

export function makeTrpcClient(): PortalTrpcClient {
  const untyped = createTrpcFetch({
    url: "/trpc",
    // Proves to the API that the call comes from the portal's own page (cross-site request forgery:
    // another site's page cannot add this header), which every mutation needs.
    headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
    // Same origin in production and behind the Vite proxy in development; "include" also keeps the
    // cookie if the portal is ever served from another origin than the API.
    fetch: (input, init) => fetch(input, { ...init, credentials: "include" }),
  });
  return { untyped, typed: createClientProxy(untyped) };
}

const OptionsContext = createContext<TRPCOptionsProxy<AppRouter> | null>(null);
const ClientContext = createContext<TRPCClient<AppRouter> | null>(null);

export function TRPCProvider(props: { trpcClient: PortalTrpcClient; queryClient: QueryClient; children: ReactNode }) {
  const { trpcClient, queryClient } = props;
  const options = useMemo(() => createOptionsProxy(trpcClient.untyped, queryClient), [trpcClient, queryClient]);
  return createElement(
    ClientContext,
    { value: trpcClient.typed },
    createElement(OptionsContext, { value: options }, props.children),
  );
}

/** Query and mutation options, and keys, for every procedure: trpc.entries.get.queryOptions({ slug }). */
export function useTRPC(): TRPCOptionsProxy<AppRouter> {
  const options = use(OptionsContext);
  if (!options) throw new Error("useTRPC() can only be used inside of a <TRPCProvider>");
  return options;
}

/** The client, for calls outside TanStack Query: client.search.opened.mutate(input). */
export function useTRPCClient(): TRPCClient<AppRouter> {
  const client = use(ClientContext);
  if (!client) throw new Error("useTRPCClient() can only be used inside of a <TRPCProvider>");
  return client;
}

/*
 * Output types as the portal receives them. There is no transformer, so what the API types as a Date
 * arrives as an ISO string; tRPC's inference already reflects that, and `lib/format.ts` accepts both.
 */
type Api = TRPCOptionsProxy<AppRouter>;
export type Me = NonNullable<inferOutput<Api["me"]["get"]>>;
export type SignInUser = inferOutput<Api["auth"]["users"]>[number];
export type EntryView = inferOutput<Api["entries"]["get"]>;
export type SearchQueryInput = inferInput<Api["search"]["query"]>;
export type EntryListItem = inferOutput<Api["entries"]["list"]>["items"][number];
export type RevisionView = inferOutput<Api["entries"]["history"]>[number];
export type TeamView = inferOutput<Api["teams"]["list"]>[number];
export type CollectionListItem = inferOutput<Api["collections"]["list"]>[number];
