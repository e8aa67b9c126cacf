// The search log written off the request path: nothing recorded is lost by a graceful close or by a
// failed write, a refinement replaces the search it refines (before and after that one was
// written), and a search someone opened a hit from is never replaced.
import { randomUUID } from "node:crypto";
import { databaseTargets } from "@hindsight/db/testing";
import { schema, type Db } from "@hindsight/db";
import { inArray } from "@hindsight/db/orm";
import { describe, expect } from "vitest";
import { useHarness } from "../test/harness.js";
import { SearchLog } from "./search-log.js";

const targets = await databaseTargets();

describe.each(targets)("search log on $name", (target) => {
  const { h, run, note } = useHarness(target);
  const stored = (ids: number[]) =>
    h.db.database.db.select().from(schema.searchQueries).where(inArray(schema.searchQueries.id, ids)).orderBy(schema.searchQueries.id);
  const row = (q: string, results = 1, weak = false) => ({ q, normalized: q, results, weak });

  run(`keeps every search until a close writes them, with the ids it handed out${note}`, async () => {
    const log = new SearchLog(h.db.database.db);
    const actor = randomUUID();
    const ids = [await log.record(actor, row("kafka lag")), await log.record(actor, row("disk full", 0)), await log.record(randomUUID(), row("kafka lag", 4, true))];
    expect(new Set(ids).size).toBe(3);
    expect(await stored(ids)).toHaveLength(0);
    await log.close();
    const rows = await stored(ids);
    expect(rows.map((r) => [r.id, r.q, r.results, r.weak])).toEqual([
      [ids[0], "kafka lag", 1, false],
      [ids[1], "disk full", 0, false],
      [ids[2], "kafka lag", 4, true],
    ]);
    expect(rows[0]!.actorId).toBe(actor);
  });

  run(`a refinement replaces the search it refines, written or not yet${note}`, async () => {
    const log = new SearchLog(h.db.database.db);
    const actor = randomUUID();
    const first = await log.record(actor, row("quokk"));
    expect(await log.record(actor, row("quokka wombt"))).toBe(first);
    await log.flush();
    expect(await log.record(actor, row("quokka wombat", 3, true))).toBe(first);
    const other = await log.record(actor, row("platypus"));
    expect(other).not.toBe(first);
    await log.flush();
    expect((await stored([first, other])).map((r) => [r.q, r.results, r.weak])).toEqual([
      ["quokka wombat", 3, true],
      ["platypus", 1, false],
    ]);
  });

  run(`a search a hit was opened from is not replaced by the next one${note}`, async () => {
    const log = new SearchLog(h.db.database.db);
    const actor = randomUUID();
    const first = await log.record(actor, row("etcd"));
    log.opened(actor, first);
    const next = await log.record(actor, row("etcd no leader"));
    expect(next).not.toBe(first);
    await log.flush();
    expect((await stored([first, next])).map((r) => r.q)).toEqual(["etcd", "etcd no leader"]);
  });

  run(`a failed write keeps the searches for the next flush${note}`, async () => {
    const db = h.db.database.db;
    let failing = true;
    // The same database, but its transactions refused while `failing`.
    const flaky = new Proxy(db, {
      get(target, key, receiver) {
        if (key === "transaction" && failing) return () => Promise.reject(new Error("connection lost"));
        return Reflect.get(target, key, receiver) as unknown;
      },
    }) as Db;
    const errors: unknown[] = [];
    const log = new SearchLog(flaky, (err) => errors.push(err));
    const actor = randomUUID();
    const id = await log.record(actor, row("redis eviction"));
    await expect(log.flush()).rejects.toThrow("connection lost");
    expect(errors).toHaveLength(1);
    expect(await log.record(actor, row("redis evictions"))).toBe(id);
    failing = false;
    await log.close();
    expect((await stored([id])).map((r) => r.q)).toEqual(["redis evictions"]);
  });
});
