// Contract-test target for the postgres engine: a throwaway database per run (PGlite and Postgres),
// with the entry rows the engine reads snippets from (`putEntries`, also used by the index writer tests).
import { schema, type Database } from "@hindsight/db";
import { databaseTargets } from "@hindsight/db/testing";
import { sql } from "@hindsight/db/orm";
import type { SearchDocument } from "../../port.js";
import type { ContractTarget } from "../../contract.js";
import { PostgresSearchEngine } from "./engine.js";

export async function putEntries(database: Database, docs: SearchDocument[]): Promise<void> {
  const db = database.db;
  const userIds = [...new Set(docs.map((d) => d.authorId))];
  const teamIds = [...new Set(docs.flatMap((d) => [d.teamId, ...d.grantTeamIds]).filter((t): t is string => Boolean(t)))];
  for (const id of userIds) await db.insert(schema.users).values({ id, handle: `u-${id.slice(-12)}`, name: id }).onConflictDoNothing();
  for (const id of teamIds) await db.insert(schema.teams).values({ id, slug: `t-${id.slice(-12)}`, name: id }).onConflictDoNothing();
  for (const d of docs) {
    const values = {
      id: d.id,
      kind: d.kind,
      slug: `${d.slug}-${d.id.slice(-12)}`,
      title: d.title,
      summary: d.summary,
      body: d.body,
      tags: d.tags,
      services: d.services,
      teamId: d.teamId,
      authorId: d.authorId,
      visibility: d.visibility,
      status: d.status,
      fields: d.severity ? { severity: d.severity } : {},
      fingerprints: d.fingerprints,
      version: d.version,
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
    };
    await db
      .insert(schema.entries)
      .values(values)
      .onConflictDoUpdate({ target: schema.entries.id, set: { ...values, id: undefined } as never });
  }
}

export async function postgresContractTargets(): Promise<ContractTarget[]> {
  return (await databaseTargets()).map((t) => ({
    name: `postgres engine on ${t.name}`,
    skipReason: t.skipReason,
    create: async () => {
      const test = await t.create();
      const engine = new PostgresSearchEngine(test.database.db, { perTermLimit: 400 });
      return {
        engine,
        put: async (docs) => {
          await putEntries(test.database, docs);
          await engine.index(docs);
        },
        reset: async () => {
          await test.database.db.execute(sql`truncate entries, users, teams cascade`);
          await test.database.db.execute(sql`truncate search_terms`);
          await test.database.db.execute(sql`update search_stats set doc_count = 0, total_length = 0`);
        },
        close: () => test.drop(),
      };
    },
  }));
}
