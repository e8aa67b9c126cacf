// Feeds external search engines from the transactional outbox. Several API replicas may run it:
// each claims a batch with FOR UPDATE SKIP LOCKED. All pending events of a claimed entry are handled
// together from the entry's current state, so an entry arrives once per pass and the newest version
// wins (engines also ignore documents older than what they hold). Failures back off exponentially;
// after maxAttempts the events are parked with their error for an operator to look at.
import { schema, type Db } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";
import type { SearchEngine } from "@hindsight/search";
import { loadSearchDocuments } from "./search-sync.js";

export interface RelayOptions {
  batchSize?: number;
  maxAttempts?: number;
  /** First retry delay; doubles per attempt, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  intervalMs?: number;
  onError?: (err: unknown) => void;
}

export interface RelayPass {
  entries: number;
  events: number;
  failed: number;
  parked: number;
}

type Rows<T> = { rows: T[] };

export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  /** Engine settings are applied (and awaited) once before the first document is sent. */
  private ready = false;
  private running: Promise<unknown> | null = null;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly db: Db,
    private readonly engine: SearchEngine,
    private readonly options: RelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  }

  /** One pass over a batch of due events. */
  async runOnce(): Promise<RelayPass> {
    return this.db.transaction(async (tx) => {
      const claimed = (await tx.execute(sql`
        with due as (
          select entry_id from ${schema.searchOutbox}
          where processed_at is null and parked_at is null and next_attempt_at <= now()
          order by id limit ${this.batchSize} for update skip locked
        )
        select o.id, o.entry_id, o.attempts from ${schema.searchOutbox} o
        where o.entry_id in (select entry_id from due) and o.processed_at is null and o.parked_at is null
        for update skip locked`)) as unknown as Rows<{ id: number; entry_id: string; attempts: number }>;
      if (claimed.rows.length === 0) return { entries: 0, events: 0, failed: 0, parked: 0 };
      const eventIds = claimed.rows.map((r) => Number(r.id));
      const entryIds = [...new Set(claimed.rows.map((r) => r.entry_id))];
      try {
        if (!this.ready) {
          await this.engine.ensureReady();
          this.ready = true;
        }
        const docs = await loadSearchDocuments(tx, entryIds);
        const gone = entryIds.filter((id) => !docs.some((d) => d.id === id));
        if (docs.length) await this.engine.index(docs);
        if (gone.length) await this.engine.remove(gone);
        await tx.execute(
          sql`update ${schema.searchOutbox} set processed_at = now(), last_error = null where id = any(${sql.param(eventIds)}::bigint[])`,
        );
        return { entries: entryIds.length, events: eventIds.length, failed: 0, parked: 0 };
      } catch (err) {
        const message = (err as Error).message?.slice(0, 1_000) ?? String(err);
        const attempts = Math.max(...claimed.rows.map((r) => r.attempts)) + 1;
        const delay = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempts - 1));
        const park = attempts >= this.maxAttempts;
        await tx.execute(sql`
          update ${schema.searchOutbox} set attempts = attempts + 1, last_error = ${message},
            next_attempt_at = now() + make_interval(secs => ${delay / 1000}),
            parked_at = ${park ? sql`now()` : sql`null`}
          where id = any(${sql.param(eventIds)}::bigint[])`);
        this.options.onError?.(err);
        return { entries: 0, events: eventIds.length, failed: eventIds.length, parked: park ? eventIds.length : 0 };
      }
    });
  }

  /** Runs passes until nothing is due (or a pass fails). */
  async drain(maxPasses = 1_000): Promise<RelayPass> {
    const total: RelayPass = { entries: 0, events: 0, failed: 0, parked: 0 };
    for (let i = 0; i < maxPasses; i++) {
      const pass = await this.runOnce();
      total.entries += pass.entries;
      total.events += pass.events;
      total.failed += pass.failed;
      total.parked += pass.parked;
      if (pass.events === 0 || pass.failed > 0) break;
    }
    return total;
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      if (this.running) return;
      this.running = this.drain()
        .catch((err: unknown) => this.options.onError?.(err))
        .finally(() => {
          this.running = null;
        });
    };
    this.timer = setInterval(tick, this.options.intervalMs ?? 1_000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

export interface OutboxStatus {
  pending: number;
  parked: number;
  oldestPendingAt: Date | null;
}

export async function outboxStatus(db: Db): Promise<OutboxStatus> {
  const r = (await db.execute(sql`
    select count(*) filter (where processed_at is null and parked_at is null)::int as pending,
           count(*) filter (where parked_at is not null and processed_at is null)::int as parked,
           min(created_at) filter (where processed_at is null and parked_at is null) as oldest
    from ${schema.searchOutbox}`)) as unknown as Rows<{ pending: number; parked: number; oldest: string | null }>;
  const row = r.rows[0]!;
  return { pending: Number(row.pending), parked: Number(row.parked), oldestPendingAt: row.oldest ? new Date(row.oldest) : null };
}
