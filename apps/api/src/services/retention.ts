// Retention: deletes what has expired (searches older than SEARCH_LOG_DAYS, ended sessions, old
// sign-in failures). Replicas on one Postgres each run it on a timer; one prunes at a time under an
// advisory lock that is not waited for, so a replica that finds another pruning skips its round.
import type { Database } from "@hindsight/db";
import { pruneSessions } from "../identity/identity.js";
import { pruneSignInFailures } from "../identity/local-accounts.js";
import { pruneSearchLog } from "./search-service.js";

export interface RetentionRun {
  /** False when another process was pruning at that moment. */
  ran: boolean;
  searchesForgotten: number;
}

export async function runRetention(database: Database, opts: { searchLogDays: number; sessionIdleMs: number }): Promise<RetentionRun> {
  const run = await database.withLock(
    "retention",
    async () => {
      const forgotten = await pruneSearchLog(database.db, opts.searchLogDays);
      await pruneSessions(database.db, opts.sessionIdleMs);
      await pruneSignInFailures(database.db);
      return forgotten;
    },
    { wait: false },
  );
  return run.ran ? { ran: true, searchesForgotten: run.value } : { ran: false, searchesForgotten: 0 };
}
