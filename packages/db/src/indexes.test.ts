// The orders the product reads "first N of" must come straight off an index, never from sorting every
// row: the newest entries (lists), the newest indexed documents (browsing search), and each term's
// best postings (ranking). A descending index column is DESC NULLS FIRST unless the query names
// "nulls last" (drizzle's desc() alone makes it NULLS LAST, which a plain "order by … desc" cannot
// read in order: the entries list sorted all 100k entries, the ranking all of a term's postings).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseTargets, type TestDatabase } from "./testing.js";

const ORDERED_READS = [
  { what: "entries, newest first", sql: "select id from entries order by updated_at desc, id desc limit 20" },
  { what: "indexed documents, newest first", sql: "select entry_id from search_docs order by updated_at desc limit 20" },
  {
    what: "a term's best postings",
    sql: "select entry_id, impact from search_postings where term = 'disk' order by impact desc nulls last, entry_id limit 400",
  },
];

describe.each(await databaseTargets())("ordered reads on $name", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (!target.skipReason) t = await target.create();
  });
  afterAll(async () => t?.drop());

  it.skipIf(target.skipReason).each(ORDERED_READS)(`$what come off an index, unsorted (${target.skipReason ?? "available"})`, async ({ sql }) => {
    // With sorting and sequential scans priced out, a plan that still sorts has no index in that order.
    const text = await t.database.db.transaction(async (tx) => {
      await tx.execute("set local enable_sort = off" as never);
      await tx.execute("set local enable_seqscan = off" as never);
      await tx.execute("set local enable_incremental_sort = off" as never);
      const plan = (await tx.execute(`explain ${sql}` as never)) as unknown as { rows: Record<string, string>[] };
      return plan.rows.map((r) => Object.values(r)[0]).join("\n");
    });
    expect(text).not.toMatch(/Sort/);
    expect(text).toMatch(/Index/);
  });
});
