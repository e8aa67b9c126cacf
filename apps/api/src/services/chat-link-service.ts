// Chat links: which Hindsight user a chat identity (a Slack member in one workspace) is. A link is
// made only by proof: the chat platform hands the person a short-lived signed link token (no database
// state), and they redeem it in the portal while signed in. This module owns the token (pure
// sign/verify functions) and the chat_links rows; ChatOps looks identities up here and nowhere else.
import { createHmac, timingSafeEqual } from "node:crypto";
import { Forbidden, Invalid, NotFound, type Actor, type IntegrationKind } from "@hindsight/domain";
import { schema, type DbOrTx } from "@hindsight/db";
import { and, asc, eq, ne } from "@hindsight/db/orm";
import { z } from "zod";
import { audit } from "./audit.js";

const { chatLinks, users } = schema;

export type ChatPlatform = "slack" | IntegrationKind;

/** One person on a chat platform: a member id within a workspace (Slack: T… and U…). */
export interface ChatIdentity {
  platform: ChatPlatform;
  workspaceId: string;
  externalUserId: string;
}

/** Link tokens are made by Slack's `/hindsight link` only. */
export type SlackIdentity = ChatIdentity & { platform: "slack" };

/** How long a link token is good for: long enough to sign in first, short enough not to linger in chat. */
export const LINK_TOKEN_TTL_SECONDS = 15 * 60;

// ---------------------------------------------------------------------------------------------
// Link tokens (pure)

/** Slack's ids: team (T…, E… on Enterprise Grid) and member (U…, W…) ids are short upper-case codes. */
const ZChatId = z.string().regex(/^[A-Z0-9]{2,32}$/);

const ZLinkPayload = z.object({
  p: z.literal("slack"),
  w: ZChatId,
  u: ZChatId,
  exp: z.number().int().positive(),
});

/**
 * The signing key, derived from the chat platform's secret so no new setting is needed, yet a link
 * token can never pass as (or be forged from) a Slack request signature.
 */
function linkKey(secret: string): Buffer {
  return createHmac("sha256", secret).update("hindsight-link").digest();
}

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", linkKey(secret)).update(payload).digest();
}

/** `<base64url JSON payload>.<base64url HMAC-SHA256 of it>`, good for LINK_TOKEN_TTL_SECONDS from now. */
export function signLinkToken(secret: string, identity: ChatIdentity, nowSeconds: number): string {
  const payload = Buffer.from(
    JSON.stringify({ p: identity.platform, w: identity.workspaceId, u: identity.externalUserId, exp: nowSeconds + LINK_TOKEN_TTL_SECONDS }),
  ).toString("base64url");
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

export type LinkTokenCheck =
  | { ok: true; identity: SlackIdentity; expiresAt: number }
  | { ok: false; reason: "invalid" | "expired" };

/**
 * Checks a link token: the signature first (constant-time), then what it says, then its expiry. An
 * expired token is reported as such only when it is genuine, so a forgery never learns more than "invalid".
 */
export function verifyLinkToken(secret: string, token: string, nowSeconds: number): LinkTokenCheck {
  const parts = token.trim().split(".");
  if (parts.length !== 2) return { ok: false, reason: "invalid" };
  const [payload, signature] = parts as [string, string];
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(payload) || !/^[A-Za-z0-9_-]{43}$/.test(signature)) return { ok: false, reason: "invalid" };
  const given = Buffer.from(signature, "base64url");
  const expected = mac(secret, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "invalid" };
  }
  const parsed = ZLinkPayload.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { p, w, u, exp } = parsed.data;
  if (nowSeconds >= exp) return { ok: false, reason: "expired" };
  return { ok: true, identity: { platform: p, workspaceId: w, externalUserId: u }, expiresAt: exp };
}

const TOKEN_PROBLEMS = {
  invalid: "This link is not valid. Run /hindsight link in Slack again and open the new link",
  expired: `This link has expired (links last ${LINK_TOKEN_TTL_SECONDS / 60} minutes). Run /hindsight link in Slack again for a new one`,
} as const;

/** The identity a link token vouches for, or an Invalid error naming the `token` field. */
export function redeemableIdentity(secret: string | null, token: string, nowSeconds: number): { identity: SlackIdentity; expiresAt: number } {
  if (!secret) throw new Invalid("Slack is not set up on this Hindsight", { token: ["Slack is not set up on this Hindsight"] });
  const check = verifyLinkToken(secret, token, nowSeconds);
  if (!check.ok) throw new Invalid(TOKEN_PROBLEMS[check.reason], { token: [TOKEN_PROBLEMS[check.reason]] });
  return check;
}

// ---------------------------------------------------------------------------------------------
// Links (database)

export interface ChatLinkInfo {
  id: string;
  platform: ChatPlatform;
  workspaceId: string;
  externalUserId: string;
  createdAt: Date;
}

const infoColumns = {
  id: chatLinks.id,
  platform: chatLinks.platform,
  workspaceId: chatLinks.workspaceId,
  externalUserId: chatLinks.externalUserId,
  createdAt: chatLinks.createdAt,
};

const identityIs = (i: ChatIdentity) =>
  and(eq(chatLinks.platform, i.platform), eq(chatLinks.workspaceId, i.workspaceId), eq(chatLinks.externalUserId, i.externalUserId));

/**
 * The Hindsight user a chat identity is linked to, or null. The built-in admin is never anyone's
 * chat account (`excludeUserId`), even if a row somehow says so.
 */
export async function findChatLink(db: DbOrTx, identity: ChatIdentity, excludeUserId: string): Promise<{ userId: string; handle: string } | null> {
  const [row] = await db
    .select({ userId: users.id, handle: users.handle })
    .from(chatLinks)
    .innerJoin(users, eq(users.id, chatLinks.userId))
    .where(and(identityIs(identity), ne(users.id, excludeUserId)));
  return row ?? null;
}

export async function listChatLinks(db: DbOrTx, actor: Actor): Promise<ChatLinkInfo[]> {
  return db.select(infoColumns).from(chatLinks).where(eq(chatLinks.userId, actor.userId)).orderBy(asc(chatLinks.createdAt), asc(chatLinks.id));
}

export interface LinkOutcome {
  link: ChatLinkInfo;
  /** "moved": the identity was linked to someone else until now. */
  outcome: "created" | "moved" | "unchanged";
}

/**
 * Links a chat identity to the caller, in one transaction. An identity belongs to one user, so
 * linking it again moves it (and the audit log says from whom). Only a person signed in to the
 * portal may link: the token proves the chat side, the session the Hindsight side.
 */
export async function linkChatIdentity(db: DbOrTx, actor: Actor, identity: ChatIdentity, adminUserId: string): Promise<LinkOutcome> {
  if (actor.via !== "session") throw new Forbidden("Link a chat account from the portal while signed in");
  if (actor.userId === adminUserId) throw new Forbidden("The built-in admin cannot have a chat account");
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ id: chatLinks.id, userId: chatLinks.userId }).from(chatLinks).where(identityIs(identity)).for("update");
    if (before?.userId === actor.userId) {
      const [link] = await tx.select(infoColumns).from(chatLinks).where(eq(chatLinks.id, before.id));
      return { link: link!, outcome: "unchanged" };
    }
    // On conflict: a concurrent link of the same identity committed first; this one wins, as the later click.
    const [link] = await tx
      .insert(chatLinks)
      .values({ ...identity, userId: actor.userId })
      .onConflictDoUpdate({
        target: [chatLinks.platform, chatLinks.workspaceId, chatLinks.externalUserId],
        set: { userId: actor.userId, createdAt: new Date() },
      })
      .returning(infoColumns);
    const detail = { platform: identity.platform, workspaceId: identity.workspaceId, externalUserId: identity.externalUserId };
    if (before) await audit(tx, actor, "chat_link.move", "chat_link", link!.id, { ...detail, fromUserId: before.userId });
    else await audit(tx, actor, "chat_link.create", "chat_link", link!.id, detail);
    return { link: link!, outcome: before ? "moved" : "created" };
  });
}

/** Removes one of the caller's links; someone else's is "not found", like a missing one. */
export async function unlinkChat(db: DbOrTx, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(chatLinks)
      .where(and(eq(chatLinks.id, id), eq(chatLinks.userId, actor.userId)))
      .returning(infoColumns);
    if (removed.length === 0) throw new NotFound("Chat account link");
    const { platform, workspaceId, externalUserId } = removed[0]!;
    await audit(tx, actor, "chat_link.delete", "chat_link", id, { platform, workspaceId, externalUserId });
  });
}

/**
 * Removes a chat identity's link at the chat user's own request (the platform vouched for who asked).
 * Returns the handle it was linked to, or null when there was no link.
 */
export async function unlinkChatIdentity(db: DbOrTx, identity: ChatIdentity): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [removed] = await tx.delete(chatLinks).where(identityIs(identity)).returning({ id: chatLinks.id, userId: chatLinks.userId });
    if (!removed) return null;
    const [user] = await tx.select({ handle: users.handle }).from(users).where(eq(users.id, removed.userId));
    await audit(
      tx,
      { userId: removed.userId, orgRole: "member", teams: new Map(), via: "system" },
      "chat_link.delete",
      "chat_link",
      removed.id,
      { ...identity, from: "chat" },
    );
    return user?.handle ?? null;
  });
}
