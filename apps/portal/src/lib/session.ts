// Who is signed in, as the rest of the portal asks it. `me.get` is the single source of truth: null
// means signed out. A request refused with UNAUTHORIZED (an expired or revoked session) flips it to
// null, which sends the visitor back to sign-in from wherever they were.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, use, useEffect } from "react";
import { isUnauthorized } from "./errors";
import { useTRPC, type Me } from "./trpc";

export function useMe() {
  const trpc = useTRPC();
  return useQuery(trpc.me.get.queryOptions());
}

/**
 * The signed-in user as `RequireAuth` last rendered it. Reading it from context rather than from the
 * query means a component never sees the user vanish mid-render while signing out: the guard
 * unmounts it first.
 */
export const CurrentUserContext = createContext<Me | null>(null);

/** The signed-in user; only for components rendered under `RequireAuth`. */
export function useCurrentUser(): Me {
  const user = use(CurrentUserContext);
  if (!user) throw new Error("useCurrentUser() used outside RequireAuth");
  return user;
}

export function useSessionExpiry(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const meKey = trpc.me.get.queryKey();
    const signedOut = () => queryClient.setQueryData(meKey, null);
    const unsubscribeQueries = queryClient.getQueryCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error" && isUnauthorized(event.action.error)) signedOut();
    });
    const unsubscribeMutations = queryClient.getMutationCache().subscribe((event) => {
      if (event.type === "updated" && event.action.type === "error" && isUnauthorized(event.action.error)) signedOut();
    });
    return () => {
      unsubscribeQueries();
      unsubscribeMutations();
    };
  }, [trpc, queryClient]);
}
