// ChatOps: who a chat user is in Hindsight (only ever through a verified chat link), searching on
// their behalf, and saving a chat message as a transcript draft. Chat-platform agnostic; the Slack
// wire format (signatures, Block Kit) lives in rest/chatops.ts.
import { canReadEntry, canWriteEntry, ZCreateEntryInput, type Actor, type TranscriptMessage, type Visibility } from "@hindsight/domain";
import { schema } from "@hindsight/db";
import { and, asc, eq, inArray } from "@hindsight/db/orm";
import type { SearchEngine } from "@hindsight/search";
import type { AppDeps } from "../deps.js";
import { loadActor } from "../identity/identity.js";
import { findChatLink, type ChatIdentity } from "./chat-link-service.js";
import type { ServiceContext } from "./context.js";
import { changeEntryTx, loadGuarded, upsertEntryTx, type WriteResult } from "./entry-service.js";
import { searchEntries, type SearchResponse } from "./search-service.js";

const { teams, entries } = schema;

/**
 * The reader a chat user who has no Hindsight account acts as: no user row can have this id (ids are
 * random v4 UUIDs) and it belongs to no team, so `readScope` yields exactly the org-visible
 * published (or archived) entries: no drafts, nothing team-only, restricted or granted.
 */
export const ANONYMOUS_CHAT_READER: Actor = Object.freeze({
  userId: "00000000-0000-0000-0000-000000000000",
  orgRole: "member",
  teams: new Map(),
  via: "token",
});

export interface MappedChatUser {
  actor: Actor;
  handle: string;
}

/**
 * The Hindsight user a chat identity is verifiably linked to (see chat-link-service), or null. Only
 * the link counts: never a handle or a user name, which chat users choose for themselves. A linked
 * user acts with member rights at most: ChatOps never reads or writes as an admin, and never as the
 * built-in admin.
 */
export async function identifyChatUser(deps: AppDeps, identity: ChatIdentity): Promise<MappedChatUser | null> {
  const link = await findChatLink(deps.database.db, identity, deps.adminUserId);
  if (!link) return null;
  const actor = await loadActor(deps.database.db, link.userId, "token");
  if (!actor) return null;
  return { actor: { ...actor, orgRole: "member" }, handle: link.handle };
}

/** The top hits for a chat search, within the caller's read scope (applied inside the engine). */
export async function chatSearch(ctx: ServiceContext, engine: SearchEngine, q: string, limit = 3): Promise<SearchResponse> {
  return searchEntries(ctx, engine, { q: q.slice(0, 500), limit, sort: "relevance" });
}

export interface ChatMessageToSave {
  /** Where it was said: the platform's channel id and, if known, its name. */
  channel: { id: string; name?: string | null };
  /** The message as a transcript holds it (Slack: the domain's `slackMessage`). */
  message: TranscriptMessage;
  /** A link back to the message, if the platform gives one. */
  permalink?: string | null;
}

export type SaveOutcome =
  | { outcome: WriteResult["outcome"]; entry: { id: string; slug: string; title: string }; redactions: number }
  /** Someone else saved it already, where the caller cannot read it. */
  | { outcome: "hidden" };

const CHAT_SOURCE = "slack";

/** The idempotency key of a saved message: one entry per (channel, ts). */
export function messageKey(channelId: string, ts: string): string {
  return `message:${channelId}/${ts}`;
}

function titleOf(m: ChatMessageToSave): string {
  const where = m.channel.name ? `#${m.channel.name}` : m.channel.id;
  const firstLine = m.message.text.split("\n").find((l) => l.trim())?.trim() ?? "";
  if (!firstLine) return `Message in ${where}`;
  const clipped = firstLine.length > 90 ? `${firstLine.slice(0, 89).trimEnd()}…` : firstLine;
  return `${where}: ${clipped}`;
}

/** The team a saved message goes to: the caller's team, the first by slug when they have several. */
async function defaultTeam(ctx: ServiceContext): Promise<string | null> {
  const ids = [...ctx.actor.teams.keys()];
  if (ids.length <= 1) return ids[0] ?? null;
  const [first] = await ctx.db.select({ id: teams.id }).from(teams).where(inArray(teams.id, ids)).orderBy(asc(teams.slug)).limit(1);
  return first?.id ?? null;
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * Chat tools retry a slow request, so two saves of one message or thread can race on its external
 * key; the loser's second attempt finds the winner's entry.
 */
async function onceMoreIfRaced<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (err) {
    if (isUniqueViolation(err)) return attempt();
    throw err;
  }
}

/**
 * Saves one chat message as a draft transcript owned by the caller, in one transaction. Secrets are
 * redacted by the entry service like every save. Saving the same (channel, ts) again returns the same
 * entry: its message text is refreshed if it was edited in chat and the caller may write the entry;
 * title, body, team and visibility stay as the owner left them.
 */
export async function saveChatMessage(ctx: ServiceContext, message: ChatMessageToSave, visibility: "team" | "org"): Promise<SaveOutcome> {
  const transcriptMessage = message.message;
  const externalKey = messageKey(message.channel.id, transcriptMessage.ts);
  const teamId = await defaultTeam(ctx);
  // "team" without a team would be readable by nobody else anyway; say so plainly.
  const effectiveVisibility: Visibility = visibility === "team" && teamId === null ? "restricted" : visibility;
  const where = message.channel.name ? `#${message.channel.name}` : `channel ${message.channel.id}`;
  const input = ZCreateEntryInput.parse({
    kind: "transcript",
    title: titleOf(message),
    body: `A message from ${where}, saved from Slack. Add what was learned, then publish.`,
    tags: ["slack"],
    teamId,
    visibility: effectiveVisibility,
    status: "draft",
    source: CHAT_SOURCE,
    externalKey,
    sourceUrl: message.permalink ?? null,
    fields: { channel: message.channel.name ?? message.channel.id, format: "slack", messages: [transcriptMessage] },
  });

  const attempt = () =>
    ctx.search.transaction(ctx.db, async (tx): Promise<SaveOutcome> => {
      const [existing] = await tx
        .select({ id: entries.id })
        .from(entries)
        .where(and(eq(entries.source, CHAT_SOURCE), eq(entries.externalKey, externalKey)));
      if (existing) {
        const found = await loadGuarded(tx, existing.id);
        if (!found || !canReadEntry(ctx.actor, found.guard)) return { outcome: "hidden" };
        if (!canWriteEntry(ctx.actor, found.guard)) {
          return { outcome: "unchanged", entry: { id: found.row.id, slug: found.row.slug, title: found.row.title }, redactions: 0 };
        }
        // Only the message follows Slack (an edit there); what the owner changed since stays theirs.
        const saved = await changeEntryTx(tx, ctx, found.row.id, {
          action: "transcript.slack_update",
          changes: (current) => {
            const messages = (current.fields.messages as TranscriptMessage[] | undefined) ?? [];
            const merged = messages.some((m) => m.ts === transcriptMessage.ts)
              ? messages.map((m) => (m.ts === transcriptMessage.ts ? { ...m, text: transcriptMessage.text } : m))
              : [...messages, transcriptMessage];
            return { fields: { ...current.fields, messages: merged } };
          },
        });
        return {
          outcome: saved.version === found.row.version ? "unchanged" : "updated",
          entry: { id: saved.id, slug: saved.slug, title: saved.title },
          redactions: 0,
        };
      }
      const r = await upsertEntryTx(tx, ctx, input, { acknowledgeWarnings: true });
      return { outcome: r.outcome, entry: { id: r.entry.id, slug: r.entry.slug, title: r.entry.title }, redactions: r.redactions.length };
    });
  return onceMoreIfRaced(attempt);
}

export interface ChatThreadToSave {
  /** The entry's source: the chat tool (mattermost, teams, hubot, …). */
  source: string;
  /** The tool's name as people know it ("Mattermost"), for the entry's body. */
  toolLabel: string;
  channel: { id: string; name?: string | null };
  messages: TranscriptMessage[];
  /** One entry per key: saving the same thread again finds it. */
  externalKey: string;
}

/**
 * Saves a posted thread (several messages) as one draft transcript owned by the caller, in one
 * transaction, redacted by the entry service like every save. Saving the same thread again (same
 * key) returns the entry as it is: what its owner changed since stays theirs.
 */
export async function saveChatThread(ctx: ServiceContext, thread: ChatThreadToSave): Promise<SaveOutcome> {
  const teamId = await defaultTeam(ctx);
  const where = thread.channel.name ? `#${thread.channel.name}` : thread.channel.id;
  const first = thread.messages.find((m) => m.text.trim());
  const title = titleOf({ channel: thread.channel, message: first ?? { ts: "0", user: "", text: "" } }).replace(/^Message in /, "Thread in ");
  const input = ZCreateEntryInput.parse({
    kind: "transcript",
    title,
    body: `A thread of ${thread.messages.length} message${thread.messages.length === 1 ? "" : "s"} from ${where}, saved from ${thread.toolLabel}. Add what was learned, then publish.`,
    tags: [thread.source],
    teamId,
    visibility: teamId === null ? "restricted" : "team",
    status: "draft",
    source: thread.source,
    externalKey: thread.externalKey,
    fields: { channel: thread.channel.name ?? thread.channel.id, format: "text", messages: thread.messages },
  });
  const attempt = () =>
    ctx.search.transaction(ctx.db, async (tx): Promise<SaveOutcome> => {
      const [existing] = await tx
        .select({ id: entries.id })
        .from(entries)
        .where(and(eq(entries.source, thread.source), eq(entries.externalKey, thread.externalKey)));
      if (existing) {
        const found = await loadGuarded(tx, existing.id);
        if (!found || !canReadEntry(ctx.actor, found.guard)) return { outcome: "hidden" };
        return { outcome: "unchanged", entry: { id: found.row.id, slug: found.row.slug, title: found.row.title }, redactions: 0 };
      }
      const r = await upsertEntryTx(tx, ctx, input, { acknowledgeWarnings: true });
      return { outcome: r.outcome, entry: { id: r.entry.id, slug: r.entry.slug, title: r.entry.title }, redactions: r.redactions.length };
    });
  return onceMoreIfRaced(attempt);
}
