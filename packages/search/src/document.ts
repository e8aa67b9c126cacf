// The search document of an entry: what every engine indexes. Built from the stored (already
// redacted) entry, so an engine never sees text the database does not hold.
import { kindBasics, type Entry } from "@hindsight/domain";
import type { SearchDocument } from "./port.js";

/** Keys whose values are identifiers, times or links rather than words worth searching. */
const SKIP_KEYS = new Set(["id", "ts", "threadTs", "url", "at", "entryId", "messageTs"]);

function collectText(value: unknown, key: string, out: string[]): void {
  if (SKIP_KEYS.has(key) || key.endsWith("Id") || key.endsWith("At")) return;
  if (typeof value === "string") {
    if (value.trim()) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectText(v, "", out);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) collectText(v, k, out);
  }
}

export function fieldsText(fields: Record<string, unknown>): string {
  const out: string[] = [];
  collectText(fields, "", out);
  return out.join("\n");
}

export interface DocumentSignals {
  /** "This worked" minus "did not work" votes. */
  feedback?: number;
}

/** When an entry of a reviewed kind (a runbook) falls due for review, from its fields; null without an interval. */
export function reviewDueAt(entry: Pick<Entry, "kind" | "fields" | "createdAt">): Date | null {
  const days = entry.fields.reviewIntervalDays;
  if (!kindBasics(entry.kind)?.ranking.reviewFreshness || typeof days !== "number") return null;
  const last = typeof entry.fields.lastReviewedAt === "string" ? Date.parse(entry.fields.lastReviewedAt) : NaN;
  const from = Number.isFinite(last) ? last : new Date(entry.createdAt).getTime();
  return new Date(from + days * 86_400_000);
}

export function buildSearchDocument(entry: Omit<Entry, "fieldsFit">, signals: DocumentSignals = {}): SearchDocument {
  return {
    id: entry.id,
    version: entry.version,
    kind: entry.kind,
    slug: entry.slug,
    title: entry.title,
    summary: entry.summary,
    body: entry.body,
    fieldsText: fieldsText(entry.fields),
    tags: entry.tags,
    services: entry.services,
    fingerprints: entry.fingerprints,
    severity: typeof entry.fields.severity === "string" ? entry.fields.severity : null,
    sourceUrl: entry.sourceUrl,
    externalKey: entry.externalKey,
    teamId: entry.teamId,
    authorId: entry.authorId,
    visibility: entry.visibility,
    status: entry.status,
    grantUserIds: entry.grants.userIds,
    grantTeamIds: entry.grants.teamIds,
    feedback: signals.feedback ?? 0,
    reviewDueAt: reviewDueAt(entry),
    createdAt: new Date(entry.createdAt),
    updatedAt: new Date(entry.updatedAt),
  };
}
