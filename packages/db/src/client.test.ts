import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createDatabase, DataDirLocked } from "./client.js";
import { runMigrations } from "./migrate.js";
import { users } from "./schema.js";
import { databaseTargets, type TestDatabase } from "./testing.js";

const targets = await databaseTargets();

describe.each(targets)("database on $name", (target) => {
  let t: TestDatabase;
  beforeAll(async () => {
    if (!target.skipReason) t = await target.create();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it.skipIf(target.skipReason)(`applies migrations and answers (${target.skipReason ?? "available"})`, async () => {
    await t.database.ping();
    const tables = await t.database.db.execute<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by 1" as never,
    );
    const names = (tables as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
    expect(names).toEqual(
      expect.arrayContaining(["entries", "entry_revisions", "users", "teams", "search_outbox", "audit_log", "api_tokens"]),
    );
  });

  it.skipIf(target.skipReason)("withLock: one holder at a time across connections on Postgres; on PGlite it just runs", async () => {
    const d = t.database;
    let entered!: () => void;
    let release!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const gate = new Promise<void>((r) => (release = r));
    const order: string[] = [];
    const first = d.withLock("retention", async () => {
      order.push("first in");
      entered();
      await gate;
      order.push("first out");
      return 1;
    });
    await inside;
    const tried = await d.withLock("retention", async () => order.push("tried"), { wait: false });
    if (d.driver === "pglite") {
      // One process owns a PGlite directory: there is nobody to take turns with.
      expect(tried.ran).toBe(true);
      release();
      expect(await first).toEqual({ ran: true, value: 1 });
      return;
    }
    expect(tried).toEqual({ ran: false });
    const second = d.withLock("retention", async () => order.push("second"));
    // Release the first only once the second is queued behind it.
    for (;;) {
      const r = (await d.db.execute("select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())" as never)) as unknown as {
        rows: { n: number }[];
      };
      if (r.rows[0]!.n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first in", "first out", "second"]);
  });

  it.skipIf(target.skipReason)("closes once: a second close (and the test database's drop after it) succeeds", async () => {
    const other = await target.create();
    await other.database.close();
    await expect(other.database.close()).resolves.toBeUndefined();
    await other.drop();
    if (other.url) {
      const name = new URL(other.url).pathname.slice(1);
      const left = (await t.database.db.execute(`select count(*)::int as n from pg_database where datname = '${name}'` as never)) as unknown as {
        rows: { n: number }[];
      };
      expect(left.rows[0]!.n).toBe(0);
    }
  });

  it.skipIf(target.skipReason)("rolls a failed transaction back entirely", async () => {
    const { db } = t.database;
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ handle: "rollback-me", name: "R" });
        await tx.insert(users).values({ handle: "rollback-me", name: "duplicate" });
      }),
    ).rejects.toThrow();
    const rows = await db.select().from(users).where(eq(users.handle, "rollback-me"));
    expect(rows).toHaveLength(0);
  });
});

describe("PGlite data directory lock", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hindsight-lock-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("refuses a second opener of the same directory and keeps the data intact", async () => {
    const first = await createDatabase({ driver: "pglite", dataDir: dir });
    await runMigrations(first);
    await first.db.insert(users).values({ handle: "keeper", name: "Keeper" });
    await expect(createDatabase({ driver: "pglite", dataDir: dir })).rejects.toBeInstanceOf(DataDirLocked);
    await expect(createDatabase({ driver: "pglite", dataDir: dir })).rejects.toThrow(/in use by another Hindsight process/);
    await first.close();

    const reopened = await createDatabase({ driver: "pglite", dataDir: dir });
    const rows = await reopened.db.select().from(users).where(eq(users.handle, "keeper"));
    expect(rows).toHaveLength(1);
    await reopened.close();
  });
});
