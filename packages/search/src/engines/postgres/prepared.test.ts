// Named prepared statements for the engine's per-search SQL: the same rows, converted the same way,
// as `db.execute`, on PGlite and Postgres, and on Postgres a statement the connection keeps.
import { databaseTargets } from "@hindsight/db/testing";
import { sql } from "@hindsight/db/orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preparedRows, statementName } from "./prepared.js";

type Handle = Awaited<ReturnType<Awaited<ReturnType<typeof databaseTargets>>[number]["create"]>>;

describe("statementName", () => {
  it("names a text the same way every time and two texts differently", () => {
    expect(statementName("select 1")).toBe(statementName("select 1"));
    expect(statementName("select 1")).not.toBe(statementName("select 2"));
    expect(statementName("select 1")).toMatch(/^hs_[\w-]+$/);
  });
});

for (const target of await databaseTargets()) {
  describe.skipIf(target.skipReason)(`preparedRows on ${target.name}`, () => {
    let h: Handle;
    beforeAll(async () => {
      h = await target.create();
    });
    afterAll(async () => h?.drop());

    const query = (n: number, words: string[]) =>
      sql`select ${n}::int as n, w, now() as at, json_build_object('w', w, 'n', ${n}::int) as j
          from unnest(${sql.param(words)}::text[]) with ordinality as u(w, i) order by i`;

    it("returns what db.execute returns, for new values on every call", async () => {
      for (const [n, words] of [[1, ["a", "it's"]], [2, ["ü", "{x}", ""]], [3, []]] as const) {
        const want = ((await h.database.db.execute(query(n, [...words]))) as unknown as { rows: unknown[] }).rows;
        const got = await preparedRows<Record<string, unknown>>(h.database.db, query(n, [...words]));
        // now() differs between the two statements; everything else must not, types included.
        const strip = (rows: unknown[]) => rows.map((r) => ({ ...(r as object), at: typeof (r as { at: unknown }).at }));
        expect(strip(got)).toEqual(strip(want));
        expect(got.map((r) => r.w)).toEqual([...words]);
      }
    });

    const named = target.name === "postgres";
    it.runIf(named)(`keeps the statement prepared on the connection, by its text's name${named ? "" : " (skipped: PGlite's driver has no named statements, so the engine runs them unnamed there)"}`, async () => {
      const text = "select name from pg_prepared_statements";
      const names = await preparedRows<{ name: string }>(h.database.db, sql.raw(text));
      expect(names.map((r) => r.name)).toContain(statementName(text));
    });
  });
}
