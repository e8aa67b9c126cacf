// Optional reviewers for entries in review: asked when the entry is submitted, each records a
// decision (approved / changes requested) with a comment the writers read. Publishing stays with
// the entry's writers.
import { canReadEntry, Forbidden, Invalid, type Entry } from "@hindsight/domain";
import { schema } from "@hindsight/db";
import { and, asc, eq, inArray } from "@hindsight/db/orm";
import { loadActor } from "../identity/identity.js";
import { audit } from "./audit.js";
import type { ServiceContext } from "./context.js";
import { getEntry, transitionEntryTx } from "./entry-service.js";

const { entryReviewers, users } = schema;

export interface Reviewer {
  userId: string;
  name: string;
  handle: string;
  state: "pending" | "approved" | "changes_requested";
  decidedAt: Date | null;
  /** What the reviewer said with their decision (plain text); null when they said nothing. */
  comment: string | null;
}

/**
 * Submits a draft for review and asks the reviewers, in one transaction: the status change, the
 * reviewer rows and their audit commit together or not at all. Reviewers must be able to read the
 * entry (an in-review entry is not org-readable), or they would be asked to look at a 404.
 */
export function submitForReview(ctx: ServiceContext, id: string, reviewerIds: string[], expectedVersion?: number): Promise<Entry> {
  const unique = [...new Set(reviewerIds)];
  return ctx.search.transaction(ctx.db, async (tx) => {
    const people = unique.length ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique)) : [];
    if (people.length !== unique.length) throw new Invalid("Unknown reviewer", { reviewers: ["contains an unknown user id"] });
    const entry = await transitionEntryTx(tx, ctx, id, "submit", { expectedVersion });
    if (unique.length === 0) return entry;
    const blind: string[] = [];
    for (const person of people) {
      const reviewer = await loadActor(tx, person.id, "system");
      if (!reviewer || !canReadEntry(reviewer, entry)) blind.push(person.name);
    }
    if (blind.length) {
      throw new Invalid(`${blind.join(", ")} cannot read this entry; share it with them or pick someone from the owner team`, {
        reviewers: [`${blind.join(", ")} cannot read this entry`],
      });
    }
    await tx.delete(entryReviewers).where(eq(entryReviewers.entryId, id));
    await tx.insert(entryReviewers).values(unique.map((userId) => ({ entryId: id, userId })));
    await audit(tx, ctx.actor, "entry.reviewers_requested", "entry", id, { reviewers: unique });
    return entry;
  });
}

export async function listReviewers(ctx: ServiceContext, id: string): Promise<Reviewer[]> {
  await getEntry(ctx, { id });
  const rows = await ctx.db
    .select({ userId: users.id, name: users.name, handle: users.handle, state: entryReviewers.state, decidedAt: entryReviewers.decidedAt, comment: entryReviewers.comment })
    .from(entryReviewers)
    .innerJoin(users, eq(users.id, entryReviewers.userId))
    .where(eq(entryReviewers.entryId, id))
    .orderBy(asc(users.name));
  return rows;
}

/**
 * Records the caller's decision and its comment together. A request for changes must say what to
 * change; a new decision replaces the old comment, so an approval without one clears the request's.
 */
export async function recordReview(ctx: ServiceContext, id: string, decision: "approved" | "changes_requested", comment?: string): Promise<Reviewer[]> {
  const text = comment?.trim() || null;
  if (decision === "changes_requested" && !text) {
    throw new Invalid("Say what should change when requesting changes", { comment: ["is required when requesting changes"] });
  }
  const entry = await getEntry(ctx, { id });
  if (entry.status !== "in_review") throw new Invalid("The entry is not in review", { id: ["is not in review"] });
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(entryReviewers)
      .set({ state: decision, decidedAt: new Date(), comment: text })
      .where(and(eq(entryReviewers.entryId, id), eq(entryReviewers.userId, ctx.actor.userId)))
      .returning({ userId: entryReviewers.userId });
    if (updated.length === 0) throw new Forbidden("You were not asked to review this entry");
    // The comment is part of the decision's record (kept in the audit row, never written to the log).
    // The audit log records that a comment was given, not its words (audit details never carry content).
    await audit(tx, ctx.actor, `entry.review_${decision}`, "entry", id, { hasComment: Boolean(text) });
  });
  return listReviewers(ctx, id);
}

