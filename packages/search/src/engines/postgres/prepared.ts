// Runs the engine's per-search statements as named prepared statements on a Postgres server, so a
// connection parses each statement shape once and Postgres may keep its plan instead of planning
// it again on every search (about 1.4 ms of a search's server time on a small index, more than
// executing it). The name is a hash of the statement's text, so one name never stands for two
// texts; the values travel as parameters as before. Postgres re-plans by itself when a table the
// plan reads changes (schema or statistics). On PGlite the statement runs unnamed, as before:
// its driver has no named statements.
//
// It goes through drizzle's own session (not around it), so values and results are converted
// exactly as `db.execute` converts them.
import { createHash } from "node:crypto";
import type { Db } from "@hindsight/db";
import type { SQL } from "@hindsight/db/orm";

interface Internals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string | undefined,
      isResponseInArrayMode: boolean,
    ): { execute(): Promise<{ rows: unknown[] }> };
  };
  /** The driver's client: a pg Pool (or Client) on a server, a PGlite instance when embedded. */
  $client: unknown;
}

/** Statement names by text; a search uses a handful of shapes, bounded anyway. */
const NAMES_MAX = 2_000;
const names = new Map<string, string>();

export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `hs_${createHash("sha1").update(text).digest("base64url")}`;
    if (names.size >= NAMES_MAX) names.clear();
    names.set(text, name);
  }
  return name;
}

/** Whether the database is a Postgres server reached through node-postgres (which names statements). */
function namesStatements(db: Internals): boolean {
  const client = db.$client as { exec?: unknown; query?: unknown } | null;
  // PGlite has `exec` (several statements in one string); pg's Pool and Client do not.
  return !!client && typeof client.query === "function" && typeof client.exec !== "function";
}

/** Runs `query` as a named prepared statement on a Postgres server (unnamed on PGlite); returns its rows. */
export async function preparedRows<T>(db: Db, query: SQL): Promise<T[]> {
  const d = db as unknown as Internals;
  const built = d.dialect.sqlToQuery(query);
  const name = namesStatements(d) ? statementName(built.sql) : undefined;
  const result = await d.session.prepareQuery(built, undefined, name, false).execute();
  return result.rows as T[];
}
