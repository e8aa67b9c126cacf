// Output types of the search procedures as the portal receives them (dates arrive as ISO strings).
import type { AppRouter } from "@hindsight/api";
import type { inferOutput, TRPCOptionsProxy } from "@trpc/tanstack-react-query";

type Api = TRPCOptionsProxy<AppRouter>;
export type SearchResponse = inferOutput<Api["search"]["query"]>;
export type SearchHitView = SearchResponse["hits"][number];

/** The result links of a list of hits (components/search/search-results.tsx), which the arrow keys move between. */
export const RESULT_LINK_SELECTOR = "a[data-result-link]";
