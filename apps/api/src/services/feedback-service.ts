// "This worked for me" / "did not work" on fixes: one changeable vote per person, counted per entry.
import { canReadEntry, Invalid, kindBasics, NotFound } from "@hindsight/domain";
import { schema, type DbOrTx } from "@hindsight/db";
import { and, eq, sql } from "@hindsight/db/orm";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";
import { loadGuarded } from "./entry-service.js";

const { fixFeedback } = schema;

export type Vote = "worked" | "did_not_work";

export interface FeedbackSummary {
  entryId: string;
  worked: number;
  didNotWork: number;
  mine: Vote | null;
}

async function summary(db: DbOrTx, entryId: string, userId: string): Promise<FeedbackSummary> {
  const [counts] = await db
    .select({
      worked: sql<number>`(count(*) filter (where ${fixFeedback.vote} = 'worked'))::int`,
      didNotWork: sql<number>`(count(*) filter (where ${fixFeedback.vote} = 'did_not_work'))::int`,
      mine: sql<Vote | null>`max(case when ${fixFeedback.userId} = ${userId} then ${fixFeedback.vote} end)`,
    })
    .from(fixFeedback)
    .where(eq(fixFeedback.entryId, entryId));
  return { entryId, worked: Number(counts?.worked ?? 0), didNotWork: Number(counts?.didNotWork ?? 0), mine: counts?.mine ?? null };
}

async function readableFix(ctx: ServiceContext, db: DbOrTx, entryId: string): Promise<void> {
  const found = await loadGuarded(db, entryId);
  if (!found || !canReadEntry(ctx.actor, found.guard)) throw new NotFound("Entry");
  if (!kindBasics(found.row.kind)?.ranking.feedbackVotes) throw new Invalid("Only fixes take 'this worked' feedback", { entryId: ["is not a fix"] });
}

export async function getFeedback(ctx: ServiceContext, entryId: string): Promise<FeedbackSummary> {
  await readableFix(ctx, ctx.db, entryId);
  return summary(ctx.db, entryId, ctx.actor.userId);
}

/** Sets, changes or (with null) withdraws the caller's vote. */
export async function vote(ctx: ServiceContext, entryId: string, value: Vote | null): Promise<FeedbackSummary> {
  return ctx.search.transaction(ctx.db, async (tx) => {
    await readableFix(ctx, tx, entryId);
    if (value === null) {
      await tx.delete(fixFeedback).where(and(eq(fixFeedback.entryId, entryId), eq(fixFeedback.userId, ctx.actor.userId)));
    } else {
      await tx
        .insert(fixFeedback)
        .values({ entryId, userId: ctx.actor.userId, vote: value, updatedAt: new Date() })
        .onConflictDoUpdate({ target: [fixFeedback.entryId, fixFeedback.userId], set: { vote: value, updatedAt: new Date() } });
    }
    await audit(tx, ctx.actor, "fix.feedback", "entry", entryId, { vote: value });
    // Feedback is a ranking signal: the entry's search document changes with it.
    await ctx.search.touch(tx, entryId);
    return summary(tx, entryId, ctx.actor.userId);
  });
}
