// Dashboard figures: the shapes the insights API returns and the small pure rules behind them
// (month buckets, rates), shared by the API that computes them and the portal that charts them.
import { z } from "zod";
import { ZEntryKind } from "./kinds.js";

/** `YYYY-MM` month keys, oldest first, ending with the month of `now` (UTC). */
export function lastMonths(now: Date, count: number): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`);
  }
  return out;
}

/** Share of `part` in `whole` as a fraction 0–1; 0 when there is nothing to share. */
export function rate(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

export const ZInsightTeam = z.object({ id: z.string().uuid(), name: z.string() }).nullable();

export const ZPublishedPerMonth = z.object({
  /** Every month of the window, oldest first, so empty months still show. */
  months: z.array(z.string()),
  rows: z.array(z.object({ month: z.string(), kind: ZEntryKind, team: ZInsightTeam, count: z.number().int() })),
});
export type PublishedPerMonth = z.infer<typeof ZPublishedPerMonth>;

export const ZActionItemsByTeam = z.object({
  total: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
  closureRate: z.number(),
  teams: z.array(
    z.object({
      team: ZInsightTeam,
      total: z.number().int(),
      closed: z.number().int(),
      overdue: z.number().int(),
      closureRate: z.number(),
    }),
  ),
});
export type ActionItemsByTeam = z.infer<typeof ZActionItemsByTeam>;

export const ZReusedFix = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  title: z.string(),
  team: ZInsightTeam,
  /** "This worked for me" votes. */
  worked: z.number().int(),
  /** Entries derived from this fix (their `derivedFrom` points at it). */
  derived: z.number().int(),
  /** Action items closed by this fix. */
  closedActionItems: z.number().int(),
  /** worked + derived + closedActionItems: every recorded reuse counts once. */
  reuses: z.number().int(),
});
export type ReusedFix = z.infer<typeof ZReusedFix>;

export const ZStaleRunbookInsight = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  title: z.string(),
  team: ZInsightTeam,
  reviewDueAt: z.coerce.date(),
});
export type StaleRunbookInsight = z.infer<typeof ZStaleRunbookInsight>;

/**
 * Why a search is a knowledge gap: it found nothing, it only ever found weak matches (hits that share
 * some of its words but answer nothing clearly), or nobody opened what it found.
 */
export const ZKnowledgeGapReason = z.enum(["no_results", "weak_match", "never_opened"]);
export type KnowledgeGapReason = z.infer<typeof ZKnowledgeGapReason>;

export const ZKnowledgeGapInsight = z.object({
  query: z.string(),
  searches: z.number().int(),
  lastSearchedAt: z.coerce.date(),
  reason: ZKnowledgeGapReason,
});
export type KnowledgeGapInsight = z.infer<typeof ZKnowledgeGapInsight>;

/** The "≥ 2 other teams" bar of postmortem readership. */
export const WIDELY_READ_TEAMS = 2;

export const ZPostmortemReadership = z.object({
  /** Published postmortems the caller may read. */
  total: z.number().int(),
  /** Of those, how many were read by at least WIDELY_READ_TEAMS teams other than the owner team. */
  widelyRead: z.number().int(),
  widelyReadRatio: z.number(),
  /** The most widely read postmortems first. */
  postmortems: z.array(
    z.object({
      id: z.string().uuid(),
      slug: z.string(),
      title: z.string(),
      team: ZInsightTeam,
      otherTeams: z.number().int(),
      readers: z.number().int(),
    }),
  ),
});
export type PostmortemReadership = z.infer<typeof ZPostmortemReadership>;
