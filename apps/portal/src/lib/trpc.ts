// The portal's one tRPC client: typed against the API's AppRouter (a type-only import, so no server
// code reaches the bundle), batching calls to /trpc with the session cookie.
import type { AppRouter } from "@hindsight/api";
import { CSRF_HEADER, CSRF_HEADER_VALUE } from "@hindsight/domain";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { createTRPCContext, type inferInput, type inferOutput, type TRPCOptionsProxy } from "@trpc/tanstack-react-query";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: "/trpc",
        // Proves to the API that the call comes from the portal's own page (cross-site request forgery:
        // another site's page cannot add this header), which every mutation needs.
        headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE },
        // Same origin in production and behind the Vite proxy in development; "include" also keeps the
        // cookie if the portal is ever served from another origin than the API.
        fetch: (input, init) => fetch(input, { ...init, credentials: "include" }),
      }),
    ],
  });
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
