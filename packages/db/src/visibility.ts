// The domain read policy (`readScope` in @hindsight/domain) as a SQL predicate on `entries`.
// It must say exactly what `canReadEntry` says; the permission matrix tests hold the two together.
import type { ReadScope } from "@hindsight/domain";
import { and, eq, exists, inArray, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "./client.js";
import { entries, entryGrants } from "./schema.js";

export function entryReadPredicate(db: DbOrTx, scope: ReadScope): SQL | undefined {
  if (scope.all) return undefined;
  const teamIds = scope.teamIds;
  const grantTarget =
    teamIds.length > 0
      ? or(eq(entryGrants.userId, scope.userId), inArray(entryGrants.teamId, teamIds))
      : eq(entryGrants.userId, scope.userId);
  return or(
    eq(entries.authorId, scope.userId),
    and(eq(entries.visibility, "org"), inArray(entries.status, [...scope.orgReadableStatuses])),
    teamIds.length > 0 ? and(inArray(entries.visibility, ["org", "team"]), inArray(entries.teamId, teamIds)) : sql`false`,
    exists(
      db
        .select({ one: sql`1` })
        .from(entryGrants)
        .where(and(eq(entryGrants.entryId, entries.id), grantTarget)),
    ),
  );
}
