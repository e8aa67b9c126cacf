// The collection shapes as the portal receives them from the API (dates as ISO strings).
import type { inferOutput, TRPCOptionsProxy } from "@trpc/tanstack-react-query";
import type { AppRouter } from "@hindsight/api";

type Api = TRPCOptionsProxy<AppRouter>;
export type CollectionDetail = inferOutput<Api["collections"]["get"]>;
export type CollectionProgressView = inferOutput<Api["collections"]["progress"]>;
export type OnboardingAssignmentView = inferOutput<Api["collections"]["mine"]>[number];
