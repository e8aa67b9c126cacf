// The reading rules of an entry page, kept pure so they are tested without a browser: who may edit,
// incident durations, overdue action items, runbook review dates, transcript threads and redaction
// markers. The page components only lay these out.
import {
  canWriteEntry,
  slackTsToIso,
  type Actor,
  type ActionItemInput,
  type EntryKind,
  type EntryStatus,
  type Grants,
  type KindFields,
  type TranscriptMessage,
  type Visibility,
} from "@hindsight/domain";

// ---------------------------------------------------------------------------------------------
// Permissions

export interface MeLike {
  id: string;
  orgRole: "member" | "admin";
  teams: readonly { id: string; role: "member" | "maintainer" }[];
}

export interface EntryGuardLike {
  authorId: string;
  teamId: string | null;
  visibility: Visibility;
  status: EntryStatus;
  grants: Grants;
}

export function actorFromMe(me: MeLike): Actor {
  return { userId: me.id, orgRole: me.orgRole, teams: new Map(me.teams.map((t) => [t.id, t.role])), via: "session" };
}

/** The same policy the API applies, so the page offers "Edit" only to people whose save would succeed. */
export function canEdit(me: MeLike, entry: EntryGuardLike): boolean {
  return canWriteEntry(actorFromMe(me), entry);
}

// ---------------------------------------------------------------------------------------------
// Kind fields

export type { KindFields };

/**
 * An entry's `fields` as its kind's structure. The API reads them through the kind's schema and says
 * whether they fit (`fieldsFit`); they do not only for data from an older schema, and the page then
 * shows the markdown alone rather than breaking. The schemas stay on the server: parsing here brought
 * zod and every kind's schema onto the entry page (28 kB gzipped).
 */
export function readFields<K extends EntryKind>(_kind: K, entry: { fields: Record<string, unknown>; fieldsFit: boolean }): KindFields<K> | null {
  return entry.fieldsFit ? (entry.fields as KindFields<K>) : null;
}

// ---------------------------------------------------------------------------------------------
// Durations and dates

/** "45 min", "2 h 26 min", "3 d 4 h": precise enough for incident figures, short enough for a card. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes == null || !Number.isFinite(minutes) || minutes < 0) return "—";
  if (minutes < 60) return `${minutes} min`;
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${days} d ${hours} h` : `${days} d`;
  return mins > 0 ? `${hours} h ${mins} min` : `${hours} h`;
}

/** Today as YYYY-MM-DD in the reader's calendar, the same shape as an action item's due date. */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Past its due date and still open: the same rule the action-item tracker uses. */
export function isActionItemOverdue(item: Pick<ActionItemInput, "dueDate" | "status">, today: string): boolean {
  const status = item.status ?? "open";
  return Boolean(item.dueDate && item.dueDate < today && (status === "open" || status === "in_progress"));
}

export interface RunbookReview {
  lastReviewedAt: string | null;
  /** When the next review is due; null when the runbook has no review interval. */
  dueAt: Date | null;
  stale: boolean;
}

/** Mirrors the API's stale-runbook query: due at (last review, or creation) plus the interval. */
export function runbookReview(
  fields: { reviewIntervalDays?: number; lastReviewedAt?: string } | null,
  createdAt: string | Date,
  now: Date = new Date(),
): RunbookReview {
  const last = fields?.lastReviewedAt ?? null;
  const interval = fields?.reviewIntervalDays;
  if (!interval) return { lastReviewedAt: last, dueAt: null, stale: false };
  const from = new Date(last ?? createdAt);
  if (Number.isNaN(from.getTime())) return { lastReviewedAt: last, dueAt: null, stale: false };
  const dueAt = new Date(from.getTime() + interval * 86_400_000);
  return { lastReviewedAt: last, dueAt, stale: dueAt.getTime() < now.getTime() };
}

// ---------------------------------------------------------------------------------------------
// Transcripts

/** When a message was said: its own timestamp, else Slack's ts read as a time. */
export function messageTime(message: Pick<TranscriptMessage, "at" | "ts">): string | undefined {
  return message.at ?? slackTsToIso(message.ts);
}

export interface Thread {
  message: TranscriptMessage;
  replies: TranscriptMessage[];
}

/**
 * Groups replies under their parent, in conversation order. A reply whose parent is not in the
 * transcript (trimmed exports) stands on its own rather than disappearing.
 */
export function threadMessages(messages: readonly TranscriptMessage[]): Thread[] {
  const parents = new Set(messages.filter((m) => !m.threadTs).map((m) => m.ts));
  const threads: Thread[] = [];
  const byTs = new Map<string, Thread>();
  for (const message of messages) {
    if (message.threadTs && message.threadTs !== message.ts && parents.has(message.threadTs)) {
      byTs.get(message.threadTs)?.replies.push(message);
      continue;
    }
    const thread: Thread = { message, replies: [] };
    threads.push(thread);
    if (!byTs.has(message.ts)) byTs.set(message.ts, thread);
  }
  return threads;
}

export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0) return "?";
  const first = [...words[0]!][0] ?? "";
  const last = words.length > 1 ? ([...words.at(-1)!][0] ?? "") : "";
  return (first + last).toUpperCase();
}

// Shade 9 of hues whose darkest shade keeps white initials at 4.5:1 or better (orange, lime and the
// lighter shades do not).
const AVATAR_COLORS = ["indigo.9", "teal.9", "grape.9", "cyan.9", "pink.9", "violet.9", "blue.9", "red.9", "gray.9"] as const;

/** A stable colour per person, so the same speaker is recognisable down a long channel. */
export function avatarColor(name: string): (typeof AVATAR_COLORS)[number] {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length]!;
}

export type MessageSegment =
  | { type: "text"; text: string }
  | { type: "code"; text: string }
  | { type: "link"; text: string; href: string }
  | { type: "redacted"; kind: string };

// Redaction markers, inline code, markdown links and bare URLs. Only http(s) URLs become links, so a
// message cannot smuggle a `javascript:` link into the page.
const SEGMENT = /\[REDACTED:([a-z-]+)\]|`([^`\n]+)`|\[([^\]\n]{1,300})\]\((https?:\/\/[^\s)]+)\)|(https?:\/\/[^\s<>()]+[^\s<>().,;:!?'"])/g;

/** A message's text cut into plain text, inline code, links and the markers the redactor left for secrets. */
export function messageSegments(text: string): MessageSegment[] {
  const out: MessageSegment[] = [];
  let at = 0;
  for (const m of text.matchAll(SEGMENT)) {
    if (m.index > at) out.push({ type: "text", text: text.slice(at, m.index) });
    if (m[1] !== undefined) out.push({ type: "redacted", kind: m[1] });
    else if (m[2] !== undefined) out.push({ type: "code", text: m[2] });
    else if (m[3] !== undefined) out.push({ type: "link", text: m[3], href: m[4]! });
    else out.push({ type: "link", text: m[5]!, href: m[5]! });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ type: "text", text: text.slice(at) });
  return out;
}

/** A readable name for a redaction kind: "github-token" -> "GitHub token". */
export function redactionLabel(kind: string): string {
  const special: Record<string, string> = {
    "aws-access-key": "AWS access key",
    "aws-secret-key": "AWS secret key",
    "gcp-service-account": "GCP service account",
    "github-token": "GitHub token",
    "gitlab-token": "GitLab token",
    "npm-token": "npm token",
    jwt: "JWT",
    "password-in-url": "password in URL",
  };
  return special[kind] ?? kind.replace(/-/g, " ");
}

/** A default title for a promoted draft: the first picked message, cut at a word near 80 characters. */
export function suggestTitle(messages: readonly Pick<TranscriptMessage, "text">[]): string {
  const text = (messages[0]?.text ?? "").replace(/\[REDACTED:[a-z-]+\]/g, "").replace(/\s+/g, " ").trim();
  if (text.length <= 80) return text;
  const cut = text.slice(0, 80);
  const space = cut.lastIndexOf(" ");
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "")}…`;
}

// ---------------------------------------------------------------------------------------------
// Body

/**
 * Drops a leading "# <title>" from the body: the page already shows the title as its one h1. A
 * heading that is the title's first part ("# Postgres slots" under "Postgres slots: use pgbouncer")
 * counts too, since writers often shorten the title in the document.
 */
export function stripLeadingTitle(body: string, title: string): string {
  const m = /^\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(body);
  if (!m) return body;
  const norm = (s: string) => s.replace(/[*_`]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  const heading = norm(m[1]!);
  const full = norm(title);
  const same = heading === full || (full.startsWith(heading) && /^\s*[:(\u2013\u2014-]/.test(full.slice(heading.length)));
  return same ? body.slice(m[0].length).replace(/^\s*\n/, "") : body;
}
