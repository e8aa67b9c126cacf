// What every service call needs: the database and the caller. Built per request by the API layer
// (tRPC, REST and chat alike) with serviceContext.
import type { Actor } from "@hindsight/domain";
import type { Db } from "@hindsight/db";
import type { AppDeps } from "../deps.js";
import type { AppMetrics } from "../plugins/metrics.js";
import type { SearchLog } from "./search-log.js";
import type { SearchSync } from "./search-sync.js";

export interface ServiceContext {
  db: Db;
  actor: Actor;
  /** Keeps the search engine in step with writes; write transactions go through it. */
  search: SearchSync;
  /** The app's metrics (search latency), when the call comes through a running app. */
  metrics?: AppMetrics;
  /** The app's search log (written off the request path); without it a search is logged at once. */
  searchLog?: SearchLog;
}

export function serviceContext(deps: AppDeps, actor: Actor): ServiceContext {
  return { db: deps.database.db, actor, search: deps.searchSync, metrics: deps.metrics, searchLog: deps.searchLog };
}
