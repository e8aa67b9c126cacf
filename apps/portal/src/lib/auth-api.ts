// The sign-in page's few calls to the API, as plain fetches of tRPC's HTTP form (a query is a GET of
// /trpc/<path>, a mutation a POST of its input as JSON), so the sign-in page carries neither the tRPC
// client nor TanStack Query: it is the first page of every visit that is not yet signed in. A failed
// call throws ApiCallError (lib/api-error.ts), shaped as the tRPC client's TRPCClientError, so
// lib/errors.ts reads it like any other.
import type { AppRouter } from "@hindsight/api";
import { CSRF_HEADER, CSRF_HEADER_VALUE } from "@hindsight/domain";
import type { inferInput, inferOutput, TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { resultOf, unreachable } from "./api-error";

export { ApiCallError } from "./api-error";

type Api = TRPCOptionsProxy<AppRouter>;

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(`/trpc/${path}`, {
      ...init,
      credentials: "include",
      headers: { [CSRF_HEADER]: CSRF_HEADER_VALUE, ...(init.body ? { "content-type": "application/json" } : {}) },
    });
    body = await response.json();
  } catch (cause) {
    // No answer, or not JSON (a proxy's error page): the same as the tRPC client's network error.
    throw unreachable(cause);
  }
  return resultOf<T>(body, response.status, response.ok);
}

const query = <T>(path: string) => call<T>(path);
const mutate = <T>(path: string, input: unknown) => call<T>(path, { method: "POST", body: JSON.stringify(input ?? null) });

export type Me = inferOutput<Api["me"]["get"]>;
export type AuthOptionsView = inferOutput<Api["auth"]["options"]>;
export type DemoAccount = inferOutput<Api["auth"]["demoAccounts"]>[number];

export const authApi = {
  me: () => query<Me>("me.get"),
  options: () => query<AuthOptionsView>("auth.options"),
  demoAccounts: () => query<DemoAccount[]>("auth.demoAccounts"),
  demoSignIn: (input: inferInput<Api["auth"]["demoSignIn"]>) => mutate<unknown>("auth.demoSignIn", input),
  signIn: (input: inferInput<Api["auth"]["signIn"]>) => mutate<unknown>("auth.signIn", input),
  signUp: (input: inferInput<Api["auth"]["signUp"]>) => mutate<unknown>("auth.signUp", input),
};
