// Optimistic concurrency under load: 10 writers each send 200 updates (tRPC entries.update with
// expectedVersion, as the portal does) to the same 3 entries at once. Proves: every acknowledged
// update is in the revision history exactly once, at the version it was acknowledged with; nothing
// refused is there; every refusal is a 409 CONFLICT naming the current and the expected version; and
// each entry's final version is 1 + its acknowledged updates (a create is version 1, every save +1).
// On PGlite and Postgres. Prints acked / conflicts / found.
import { schema } from "@hindsight/db";
import { databaseTargets } from "@hindsight/db/testing";
import { inArray } from "@hindsight/db/orm";
import { describe, expect } from "vitest";
import { trpc, useHarness, type TrpcResult } from "../test/harness.js";
import type { Entry } from "../test/wire-types.js";
import { prng } from "./server-process.js";

const WRITERS = 10;
const UPDATES_PER_WRITER = 200;
const ENTRIES = 3;

const targets = await databaseTargets();

describe.each(targets)("concurrent writers with version checks on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(
    `${WRITERS} writers × ${UPDATES_PER_WRITER} updates to ${ENTRIES} entries: every acknowledged update is kept once, every conflict is a clear 409${note}`,
    async () => {
      const cookies = [h.people.author.cookie, h.people.teammate.cookie];
      const ids: string[] = [];
      for (let i = 0; i < ENTRIES; i++) {
        const created = await trpc<Entry>(h.app, "entries.create", { kind: "runbook", title: `Contended runbook ${i}`, body: "v1", teamId: h.teams.alpha }, { cookie: cookies[0] });
        expect(created.status, JSON.stringify(created.error)).toBe(200);
        ids.push(created.data!.id);
      }

      const acked = new Map<string, { id: string; version: number }>();
      const conflicts: TrpcResult[] = [];
      const writer = async (w: number) => {
        const rnd = prng(1_000 + w);
        // What this writer last saw of each entry; a conflict tells it the current version, as it tells the portal.
        const seen = new Map(ids.map((id) => [id, 1]));
        for (let k = 0; k < UPDATES_PER_WRITER; k++) {
          const id = ids[Math.floor(rnd() * ids.length)]!;
          const marker = `writer ${w} update ${k}`;
          const expectedVersion = seen.get(id)!;
          const res = await trpc<Entry>(h.app, "entries.update", { id, expectedVersion, body: marker, note: marker }, { cookie: cookies[w % 2] });
          if (res.status === 200) {
            expect(res.data!.version).toBe(expectedVersion + 1);
            acked.set(marker, { id, version: res.data!.version });
            seen.set(id, res.data!.version);
          } else {
            expect(res.status, JSON.stringify(res.error)).toBe(409);
            conflicts.push(res);
            const current = res.error?.data.details?.currentVersion;
            expect(typeof current).toBe("number");
            seen.set(id, current as number);
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));

      // Every refusal: the JSON error shape, CONFLICT, and a message naming both versions.
      for (const c of conflicts) {
        expect(c.error?.data.code).toBe("CONFLICT");
        expect(c.error?.data.httpStatus).toBe(409);
        const { currentVersion, expectedVersion } = c.error!.data.details as { currentVersion: number; expectedVersion: number };
        expect(currentVersion).not.toBe(expectedVersion);
        expect(c.error?.message).toBe(`The entry is at version ${currentVersion}, not ${expectedVersion}: someone else saved first`);
      }
      expect(acked.size + conflicts.length).toBe(WRITERS * UPDATES_PER_WRITER);

      // The revision history, read from the database: each acknowledged update once, at its version.
      const revisions = await h.db.database.db
        .select({ entryId: schema.entryRevisions.entryId, version: schema.entryRevisions.version, note: schema.entryRevisions.note, snapshot: schema.entryRevisions.snapshot })
        .from(schema.entryRevisions)
        .where(inArray(schema.entryRevisions.entryId, ids));
      const found = new Map<string, number>();
      for (const r of revisions) {
        if (r.version === 1) continue;
        const marker = r.note ?? "";
        expect((r.snapshot as { body?: string }).body).toBe(marker);
        found.set(marker, (found.get(marker) ?? 0) + 1);
        expect(acked.get(marker), `revision ${r.version} of ${r.entryId} holds "${marker}", which was not acknowledged`).toEqual({ id: r.entryId, version: r.version });
      }
      expect([...found.values()].every((n) => n === 1)).toBe(true);
      expect(found.size).toBe(acked.size);

      const rows = await h.db.database.db
        .select({ id: schema.entries.id, version: schema.entries.version, body: schema.entries.body })
        .from(schema.entries)
        .where(inArray(schema.entries.id, ids));
      for (const row of rows) {
        const ackedHere = [...acked.values()].filter((a) => a.id === row.id);
        expect(row.version).toBe(1 + ackedHere.length);
        // The entry holds the last acknowledged save.
        const last = [...acked.entries()].find(([, a]) => a.id === row.id && a.version === row.version);
        expect(row.body).toBe(last?.[0] ?? "v1");
      }
      console.log(
        `concurrency[${target.name}]: ${WRITERS} writers × ${UPDATES_PER_WRITER} updates on ${ENTRIES} entries: ` +
          `acked ${acked.size}, conflicts ${conflicts.length} (all 409 naming the versions), found in history ${found.size} (each once); ` +
          `final versions ${rows.map((r) => r.version).join("/")} = 1 + acked per entry`,
      );
      // Enough contention that both paths were exercised.
      expect(acked.size).toBeGreaterThan(0);
      expect(conflicts.length).toBeGreaterThan(0);
    },
    120_000,
  );
});
