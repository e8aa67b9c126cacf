// Runbooks: "mark reviewed" (its own audited action and revision) and the stale list per team.
// A runbook is stale when its review interval has passed since it was last reviewed.
import { Invalid, kindBasics, readScope, type Entry, type EntrySummary } from "@hindsight/domain";
import { entryReadPredicate, schema } from "@hindsight/db";
import { and, eq, sql } from "@hindsight/db/orm";
import type { ServiceContext } from "./context.js";
import { changeEntry, summaryColumns } from "./entry-service.js";

const { entries, teams, users } = schema;

export function markReviewed(ctx: ServiceContext, id: string, expectedVersion?: number): Promise<Entry> {
  const at = new Date().toISOString();
  return changeEntry(ctx, id, {
    expectedVersion,
    action: "runbook.review",
    note: "marked reviewed",
    changes: (current) => {
      if (!kindBasics(current.kind)?.ranking.reviewFreshness) throw new Invalid("Only runbooks are reviewed", { id: ["is not a runbook"] });
      return { fields: { ...current.fields, lastReviewedAt: at } };
    },
  });
}

/** When a runbook is due for review: its last review (or creation) plus its interval. */
const dueAt = sql`(coalesce((${entries.fields}->>'lastReviewedAt')::timestamptz, ${entries.createdAt}) + make_interval(days => (${entries.fields}->>'reviewIntervalDays')::int))`;

export interface StaleRunbook extends EntrySummary {
  reviewDueAt: Date;
}

export async function staleRunbooks(ctx: ServiceContext, teamId?: string): Promise<StaleRunbook[]> {
  const rows = await ctx.db
    .select({ ...summaryColumns, reviewDueAt: sql<string>`${dueAt}` })
    .from(entries)
    .innerJoin(users, eq(users.id, entries.authorId))
    .leftJoin(teams, eq(teams.id, entries.teamId))
    .where(
      and(
        entryReadPredicate(ctx.db, readScope(ctx.actor)),
        eq(entries.kind, "runbook"),
        sql`${entries.status} <> 'archived'`,
        sql`jsonb_typeof(${entries.fields}->'reviewIntervalDays') = 'number'`,
        sql`${dueAt} < now()`,
        teamId ? eq(entries.teamId, teamId) : undefined,
      ),
    )
    .orderBy(sql`${dueAt} asc`);
  return rows.map((r) => ({ ...(r as unknown as EntrySummary), reviewDueAt: new Date(r.reviewDueAt) }));
}
