// The review workflow's wording and choices, kept pure so they are tested without a browser: what a
// reviewer's state is called, the one-line tally of a review, who can be picked as a reviewer, and
// what happens next for an entry that is not (or no longer) the published word.
import type { EntryStatus } from "@hindsight/domain";

export type ReviewState = "pending" | "approved" | "changes_requested";

export interface ReviewerLike {
  userId: string;
  name: string;
  handle: string;
  state: ReviewState;
}

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  pending: "Pending",
  approved: "Approved",
  changes_requested: "Changes requested",
};

/** "2 of 3 approved, 1 asked for changes": the tally a writer reads before publishing. */
export function reviewTally(reviewers: readonly Pick<ReviewerLike, "state">[]): string {
  if (reviewers.length === 0) return "No one was asked to review this entry.";
  const approved = reviewers.filter((r) => r.state === "approved").length;
  const changes = reviewers.filter((r) => r.state === "changes_requested").length;
  const pending = reviewers.length - approved - changes;
  if (approved === reviewers.length) return reviewers.length === 1 ? "The reviewer approved." : `All ${reviewers.length} reviewers approved.`;
  const parts = [`${approved} of ${reviewers.length} approved`];
  if (changes) parts.push(`${changes} requested changes`);
  if (pending) parts.push(`${pending} not decided yet`);
  return `${parts.join(", ")}.`;
}

/** The caller's own review request, if they were asked. */
export function myReview<R extends Pick<ReviewerLike, "userId">>(reviewers: readonly R[], userId: string): R | undefined {
  return reviewers.find((r) => r.userId === userId);
}

export interface PersonLike {
  id: string;
  handle: string;
  name: string;
}

export interface ReviewerOptionGroup {
  group: string;
  items: { value: string; label: string }[];
}

/**
 * The people a writer may ask, without themselves. The owner team's members come first: an entry
 * in review is readable by its owner team, so they are the ones the API accepts for a team entry.
 */
export function reviewerOptions(
  people: readonly PersonLike[],
  opts: { meId: string; team?: { name: string; memberIds: readonly string[] } | null },
): ReviewerOptionGroup[] {
  const label = (p: PersonLike) => `${p.name} (@${p.handle})`;
  const byName = [...people].filter((p) => p.id !== opts.meId).sort((a, b) => a.name.localeCompare(b.name));
  if (!opts.team) return byName.length ? [{ group: "People", items: byName.map((p) => ({ value: p.id, label: label(p) })) }] : [];
  const members = new Set(opts.team.memberIds);
  const inTeam = byName.filter((p) => members.has(p.id));
  const others = byName.filter((p) => !members.has(p.id));
  return [
    { group: opts.team.name, items: inTeam.map((p) => ({ value: p.id, label: label(p) })) },
    { group: "Other people (only if the entry is shared with them)", items: others.map((p) => ({ value: p.id, label: label(p) })) },
  ].filter((g) => g.items.length > 0);
}

/**
 * What happens next to an entry that is not the published word, said to the person reading it:
 * writers are told what they can do, reviewers what is asked of them, everyone else who acts.
 */
export function nextStep(status: EntryStatus, who: { canEdit: boolean; reviewState?: ReviewState | null }): string | null {
  switch (status) {
    case "draft":
      return who.canEdit
        ? "Next: finish it in the editor, then submit it for review or publish it."
        : "Next: its writers finish it, then submit it for review or publish it.";
    case "in_review":
      if (who.reviewState === "pending") return "You were asked to review it: approve it or request changes in the Review section below.";
      if (who.reviewState) return "You have reviewed it; you can change your decision in the Review section below until it is published.";
      return who.canEdit
        ? "Next: the reviewers approve it or request changes; then publish it from the Review section below. Edits in the meantime are fine."
        : "Next: the reviewers approve it or request changes, then one of its writers publishes it to the organisation.";
    case "archived":
      return who.canEdit ? "Restore it to publish it again if it becomes current." : "Its writers can restore it if it becomes current again.";
    default:
      return null;
  }
}
