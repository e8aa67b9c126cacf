// The document the meilisearch engine stores for one entry: flat, with epoch-millisecond times (so
// they sort and compare as numbers), a numeric ranking `boost` for the custom ranking rule, and the
// parts of identifiers (`pod_workers.go`, `KubePodCrashLooping`, `/var/log/syslog`) as words of their
// own, because Meilisearch's tokenizer keeps such identifiers whole.
import { kindBasics, type EntryStatus } from "@hindsight/domain";
import type { SearchDocument } from "../../port.js";
import { HIGHLIGHT_POST, HIGHLIGHT_PRE } from "./snippet.js";

/** The port's document with times as epoch milliseconds, plus what Meilisearch needs of its own. */
export interface MeiliDocument extends Omit<SearchDocument, "reviewDueAt" | "createdAt" | "updatedAt"> {
  /** The parts of identifier-like tokens of the texts, space-separated (searchable). */
  identifierParts: string;
  /** Ranking signals folded into one number for the `boost:desc` ranking rule. */
  boost: number;
  /** UTC year the entry was created (the `year` facet). */
  year: number;
  createdAt: number;
  updatedAt: number;
}

// ---------------------------------------------------------------------------------------------
// Identifier parts

/** Tokens holding an inner separator (`_ . / : \ -`) or a case change. */
const TOKEN = /[\p{L}\p{N}]+(?:[_./:\\-]+[\p{L}\p{N}]+)*/gu;
const HAS_SEPARATOR = /[_./:\\]/;
const HAS_CASE_CHANGE = /\p{Ll}\p{Lu}|\p{Lu}{2}\p{Ll}|\p{Ll}\p{N}+\p{Lu}/u;
/** Upper bound on distinct parts per document: a megabyte body must not yield a megabyte field. */
export const MAX_IDENTIFIER_PARTS = 2_000;

/** Splits `HTTPServerError` into `HTTP Server Error` and `http2Server` into `http2 Server`. */
function splitCamel(word: string): string[] {
  return word
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, "$1 $2")
    .split(" ");
}

/**
 * The lower-cased parts of the identifier-like tokens in `texts`, in order of first appearance,
 * each once: `pod_workers.go` -> pod workers go, `CamelCaseAlertNames` -> camel case alert names.
 * Plain words, hyphenated words (the tokenizer already splits on `-`) and version numbers add nothing.
 */
export function identifierParts(texts: readonly string[], max = MAX_IDENTIFIER_PARTS): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(TOKEN)) {
      const token = match[0];
      if (!HAS_SEPARATOR.test(token) && !HAS_CASE_CHANGE.test(token)) continue;
      if (/^[\p{N}._:/\\-]+$/u.test(token)) continue; // 1.2.3, 10:42, 2024/01/02
      for (const piece of token.split(/[_./:\\-]+/)) {
        for (const part of splitCamel(piece)) {
          const p = part.toLowerCase();
          // One-letter parts ("e.g.", "v1.2") are noise; the whole token stays searchable where it was.
          if (p.length < 2 || seen.has(p)) continue;
          seen.add(p);
          out.push(p);
          if (out.length >= max) return out;
        }
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Ranking boost

const STATUS_BOOST: Record<EntryStatus, number> = { published: 300, in_review: 200, draft: 200, archived: 100 };
const FEEDBACK_CAP = 15;
const FRESH_RUNBOOK = 5;
const STALE_RUNBOOK = -15;

/**
 * One number for the last ranking rule (`boost:desc`), so it orders otherwise equal hits and
 * whole browse listings. Status dominates (steps of 100: published, then drafts and reviews, then
 * archived); within a status, fix feedback (votes, capped at ±15, ×2) and runbook freshness
 * (+5 before its review date, -15 once overdue) decide. The freshness part is as of `now`: an
 * overdue date is only seen after the entry is indexed again (reindex refreshes it).
 */
export function rankingBoost(doc: Pick<SearchDocument, "status" | "kind" | "feedback" | "reviewDueAt">, now: Date): number {
  const feedback = Math.max(-FEEDBACK_CAP, Math.min(FEEDBACK_CAP, Math.trunc(doc.feedback || 0)));
  let freshness = 0;
  if (kindBasics(doc.kind)?.ranking.reviewFreshness && doc.reviewDueAt) freshness = doc.reviewDueAt.getTime() >= now.getTime() ? FRESH_RUNBOOK : STALE_RUNBOOK;
  return STATUS_BOOST[doc.status] + feedback * 2 + freshness;
}

// ---------------------------------------------------------------------------------------------

/** Removes the private-use characters used as highlight markers, so text cannot forge a highlight. */
function clean(text: string): string {
  return text.includes(HIGHLIGHT_PRE) || text.includes(HIGHLIGHT_POST) ? text.replaceAll(HIGHLIGHT_PRE, "").replaceAll(HIGHLIGHT_POST, "") : text;
}

export function toMeiliDocument(doc: SearchDocument, now: Date = new Date()): MeiliDocument {
  const title = clean(doc.title);
  const summary = clean(doc.summary);
  const body = clean(doc.body);
  const fieldsText = clean(doc.fieldsText);
  return {
    id: doc.id,
    version: doc.version,
    kind: doc.kind,
    slug: doc.slug,
    title,
    summary,
    body,
    fieldsText,
    identifierParts: identifierParts([title, ...doc.tags, ...doc.services, summary, fieldsText, body]).join(" "),
    tags: doc.tags,
    services: doc.services,
    fingerprints: doc.fingerprints,
    severity: doc.severity,
    sourceUrl: doc.sourceUrl,
    externalKey: doc.externalKey,
    teamId: doc.teamId,
    authorId: doc.authorId,
    visibility: doc.visibility,
    status: doc.status,
    grantUserIds: doc.grantUserIds,
    grantTeamIds: doc.grantTeamIds,
    feedback: doc.feedback,
    boost: rankingBoost(doc, now),
    year: doc.createdAt.getUTCFullYear(),
    createdAt: doc.createdAt.getTime(),
    updatedAt: doc.updatedAt.getTime(),
  };
}
