// The signed-in portal's data layer: TanStack Query and the tRPC client, around every route that
// talks to the API through them (set-up, and everything behind RequireAuth). A lazy route of its own,
// so the sign-in page, which does not use them (lib/auth-api.ts), never downloads them. Leaving for
// the sign-in page unmounts it, and its cache with it: nothing of one session survives into the next.
import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Outlet } from "react-router";
import { makeQueryClient } from "../lib/query-client";
import { makeTrpcClient, TRPCProvider } from "../lib/trpc";

// The session check, which needs the data layer, comes in the same chunk: every signed-in page loads both.
export { RequireAuth } from "./require-auth";

export function DataRoot() {
  // Created once per mount, never at module scope, so tests can mount isolated instances.
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <Outlet />
      </TRPCProvider>
    </QueryClientProvider>
  );
}
