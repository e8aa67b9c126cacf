// Output types of the search procedures as the portal receives them (dates arrive as ISO strings).
import type { AppRouter } from "@hindsight/api";
import type { inferOutput, TRPCOptionsProxy } from "@trpc/tanstack-react-query";

type Api = TRPCOptionsProxy<AppRouter>;
export type SearchResponse = inferOutput<Api["search"]["query"]>;
export type SearchHitView = SearchResponse["hits"][number];
