// The search log, written off the request path: a search takes its id from a block reserved from the
// table's sequence, its row waits in memory, and the rows are written in one statement per flush
// (every second, when a few hundred are waiting, before anything reads the log, and on shutdown).
// A search used to wait for a transaction of four round trips and a synchronous commit; now it waits
// for nothing but, once per block of ids, the reservation.
//
// What a crash can lose: the searches of the last second (the knowledge gaps are statistics; a graceful
// shutdown flushes everything). What replicas change: a search refines the same person's previous one
// only when both reach the same process (otherwise both are kept, as two searches).
import { schema, type Db } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";

const { searchQueries } = schema;

/** How long after a search the same person's next one can still be the same search being typed. */
export const TYPING_BURST_MS = 10_000;
/** Ids reserved per round trip to the sequence. */
const ID_BLOCK = 100;
const FLUSH_EVERY_MS = 1_000;
/** Rows waiting that trigger a flush without waiting for the timer. */
const FLUSH_AT = 200;
/** Rows kept while the database refuses them; past this the oldest are dropped (and said so). */
const MAX_PENDING = 20_000;

export interface SearchLogRow {
  q: string;
  normalized: string;
  results: number;
  /** The engine found hits but called them a weak match. */
  weak: boolean;
}

interface Pending extends SearchLogRow {
  id: number;
  actorId: string;
  at: Date;
  /** Already in the table (a refinement of a flushed row): written as an update. */
  stored: boolean;
}

interface Last {
  id: number;
  normalized: string;
  at: number;
  opened: boolean;
}

/**
 * Whether `next` refines `previous` as someone types, deletes or fixes a typo near the end
 * ("datab" -> "databse" -> "database"). An identical query is a new search (run again), and an edit
 * further back than the last few characters is a different search.
 */
export function refinesQuery(previous: string, next: string): boolean {
  if (previous === next) return false;
  if (previous.startsWith(next) || next.startsWith(previous)) return true;
  let common = 0;
  while (common < previous.length && common < next.length && previous[common] === next[common]) common++;
  return common >= 4 && common >= Math.max(previous.length, next.length) - 3;
}

export class SearchLog {
  private pending = new Map<number, Pending>();
  /** Per person, their latest logged search (while it can still be refined). */
  private readonly last = new Map<string, Last>();
  private ids: number[] = [];
  private reserving: Promise<void> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Starts the periodic flush (the app does; tests and scripts may flush by hand). */
  start(): this {
    this.timer ??= setInterval(() => void this.flush(), FLUSH_EVERY_MS).unref();
    return this;
  }

  /**
   * Remembers a search and returns its id. Results arrive as people type, so each keystroke pause
   * is a request; a search that refines the caller's previous one from moments ago (and nothing was
   * opened from it) replaces it, so the log and the knowledge gaps hold what people searched for,
   * not every prefix on the way.
   */
  async record(actorId: string, row: SearchLogRow): Promise<number> {
    const now = Date.now();
    const previous = this.last.get(actorId);
    if (previous && !previous.opened && now - previous.at <= TYPING_BURST_MS && refinesQuery(previous.normalized, row.normalized)) {
      previous.normalized = row.normalized;
      previous.at = now;
      const waiting = this.pending.get(previous.id);
      this.pending.set(previous.id, { ...row, id: previous.id, actorId, at: new Date(now), stored: waiting ? waiting.stored : true });
      this.afterWrite();
      return previous.id;
    }
    const id = await this.nextId();
    this.last.set(actorId, { id, normalized: row.normalized, at: now, opened: false });
    this.pending.set(id, { ...row, id, actorId, at: new Date(now), stored: false });
    this.afterWrite();
    return id;
  }

  /** A hit of search `id` was opened: it is no longer refined by the person's next search. */
  opened(actorId: string, id: number): void {
    const last = this.last.get(actorId);
    if (last?.id === id) last.opened = true;
  }

  /** Writes every waiting row; resolves when they are in the table (or rejects with the reason). */
  flush(): Promise<void> {
    // One flush at a time, in order: a refinement's update must not overtake its row's insert.
    const run = this.flushing.then(() => this.writeWaiting());
    this.flushing = run.catch(() => undefined);
    return run;
  }

  /** Stops the timer and writes what is waiting; later searches are written at once. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private afterWrite(): void {
    if (this.closed || this.pending.size >= FLUSH_AT) void this.flush().catch(() => undefined);
  }

  private async nextId(): Promise<number> {
    while (this.ids.length === 0) {
      this.reserving ??= (async () => {
        const result = await this.db.execute(
          sql`select nextval(pg_get_serial_sequence('search_queries', 'id'))::text as id from generate_series(1, ${ID_BLOCK})`,
        );
        this.ids.push(...(result as unknown as { rows: { id: string }[] }).rows.map((r) => Number(r.id)));
      })().finally(() => {
        this.reserving = null;
      });
      await this.reserving;
    }
    return this.ids.shift()!;
  }

  private async writeWaiting(): Promise<void> {
    this.forgetOldTyping();
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const inserts = [...batch.values()].filter((p) => !p.stored);
    const updates = [...batch.values()].filter((p) => p.stored);
    try {
      await this.db.transaction(async (tx) => {
        // Losing the last second of the log in a crash is harmless; waiting for the disk is not free.
        await tx.execute(sql`set local synchronous_commit = off`);
        if (inserts.length) {
          await tx.insert(searchQueries).values(inserts.map((p) => ({ id: p.id, at: p.at, actorId: p.actorId, q: p.q, normalized: p.normalized, results: p.results, weak: p.weak })));
        }
        if (updates.length) {
          // A search opened meanwhile (from another replica) keeps what was opened from it.
          await tx.execute(sql`
            update search_queries s set q = v.q, normalized = v.normalized, results = v.results, weak = v.weak, at = v.at
            from unnest(${sql.param(updates.map((p) => p.id))}::bigint[], ${sql.param(updates.map((p) => p.q))}::text[],
              ${sql.param(updates.map((p) => p.normalized))}::text[], ${sql.param(updates.map((p) => p.results))}::int[],
              ${sql.param(updates.map((p) => p.weak))}::bool[],
              ${sql.param(updates.map((p) => p.at.toISOString()))}::timestamptz[]) as v(id, q, normalized, results, weak, at)
            where s.id = v.id and s.opened_entry_id is null`);
        }
      });
    } catch (err) {
      // Keep the rows for the next flush; what arrived meanwhile is newer and wins.
      for (const [id, p] of batch) {
        const newer = this.pending.get(id);
        if (!newer) this.pending.set(id, p);
        else if (!p.stored) newer.stored = false;
      }
      this.dropOverflow();
      this.onError(err);
      throw err;
    }
  }

  private forgetOldTyping(): void {
    const before = Date.now() - TYPING_BURST_MS;
    for (const [actor, last] of this.last) if (last.at < before) this.last.delete(actor);
  }

  private dropOverflow(): void {
    const excess = this.pending.size - MAX_PENDING;
    if (excess <= 0) return;
    const dropped = [...this.pending.keys()].slice(0, excess);
    for (const id of dropped) this.pending.delete(id);
    this.onError(new Error(`search log: the database refused writes; dropped the ${excess} oldest searches`));
  }
}
