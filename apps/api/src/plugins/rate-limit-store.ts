// A @fastify/rate-limit store that counts in Postgres (the rate_limit_hits table), so every API replica
// on one database shares each count: three replicas do not allow three times the limit. One upsert per
// counted request, atomic under concurrency (ON CONFLICT takes the row lock), with the database's clock
// deciding when a window ends, so replicas with skewed clocks still agree.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { schema, type DbOrTx } from "@hindsight/db";
import { lt, sql } from "@hindsight/db/orm";

const { rateLimitHits } = schema;

/** Counts one request under `key` in a fixed window of `windowMs`; returns the count and the ms left in the window. */
export async function countHit(db: DbOrTx, key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
  const resetAt = sql`now() + ${windowMs} * interval '1 millisecond'`;
  const [row] = await db
    .insert(rateLimitHits)
    .values({ key, hits: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimitHits.key,
      // Both expressions read the row as it was: an expired window starts over at 1 with a new end.
      set: {
        hits: sql`case when ${rateLimitHits.resetAt} <= now() then 1 else ${rateLimitHits.hits} + 1 end`,
        resetAt: sql`case when ${rateLimitHits.resetAt} <= now() then excluded.reset_at else ${rateLimitHits.resetAt} end`,
      },
    })
    .returning({
      hits: rateLimitHits.hits,
      ttl: sql<number>`greatest(0, ceil(extract(epoch from (${rateLimitHits.resetAt} - now())) * 1000))`.mapWith(Number),
    });
  return { current: row!.hits, ttl: row!.ttl };
}

/** Deletes counters whose window ended (they would restart at 1 anyway); returns how many. */
export async function pruneRateLimitHits(db: DbOrTx): Promise<number> {
  const gone = await db.delete(rateLimitHits).where(lt(rateLimitHits.resetAt, sql`now()`)).returning({ key: rateLimitHits.key });
  return gone.length;
}

/** The store class @fastify/rate-limit instantiates, bound to a database. */
export function postgresRateLimitStore(db: DbOrTx): FastifyRateLimitStoreCtor {
  return class PostgresRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      countHit(db, key, timeWindow).then(
        (result) => callback(null, result),
        (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
      );
    }

    // Per-route options (continueExceeding, backoff) are not used by Hindsight: one store serves all.
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}
