// An entry row as stored, with the grants the read/write policy needs, and nothing more. Sits below
// the entry service and the action-item service, which both load rows this way (one imports the
// other, so this cannot live in either).
import type { GuardedEntry, Grants, Entry, EntryStatus } from "@hindsight/domain";
import { schema, type DbOrTx } from "@hindsight/db";
import { eq, type SQL } from "@hindsight/db/orm";

const { entries, entryGrants } = schema;

export type EntryRow = typeof entries.$inferSelect;

export async function loadGrants(db: DbOrTx, entryId: string): Promise<Grants> {
  const rows = await db.select().from(entryGrants).where(eq(entryGrants.entryId, entryId));
  return {
    userIds: rows.flatMap((r) => (r.userId ? [r.userId] : [])),
    teamIds: rows.flatMap((r) => (r.teamId ? [r.teamId] : [])),
  };
}


/** Loads an entry row (optionally locking it) with its grants, or null. No policy applied. */
export async function loadRow(db: DbOrTx, where: SQL, lock = false): Promise<(EntryRow & { grants: Grants }) | null> {
  const q = db.select().from(entries).where(where);
  const [row] = lock ? await q.for("update") : await q;
  if (!row) return null;
  return { ...row, grants: await loadGrants(db, row.id) };
}

/** An entry row with what the policy needs to judge it, or null when there is no such entry. */
export async function loadGuarded(db: DbOrTx, id: string): Promise<{ row: EntryRow; guard: GuardedEntry } | null> {
  const row = await loadRow(db, eq(entries.id, id));
  return row ? { row, guard: guarded(row) } : null;
}

export function guarded(row: EntryRow & { grants: Grants }): GuardedEntry {
  return {
    authorId: row.authorId,
    teamId: row.teamId,
    visibility: row.visibility as Entry["visibility"],
    status: row.status as EntryStatus,
    grants: row.grants,
  };
}
