// TanStack Query defaults for the portal: fresh enough for a knowledge base, and no retries of
// requests the server refused (a retried 404 or 401 only delays the message the user needs).
import { QueryClient } from "@tanstack/react-query";
import { isRetryable } from "./errors";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => isRetryable(error) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
