// "Me": the signed-in person, their API tokens, and the chat accounts (Slack) linked to them.
import { INTEGRATION_KINDS, Unauthorized, ZChangePasswordInput, ZUser } from "@hindsight/domain";
import { z } from "zod";
import { changePassword } from "../identity/local-accounts.js";
import { createToken, listTokens, revokeToken } from "../identity/tokens.js";
import { linkChatIdentity, listChatLinks, redeemableIdentity, unlinkChat } from "../services/chat-link-service.js";
import { getMe } from "../services/user-service.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";
import { startSession } from "./auth.js";

const ZMe = ZUser.extend({
  teams: z.array(z.object({ id: z.string().uuid(), slug: z.string(), name: z.string(), role: z.enum(["member", "maintainer"]) })),
  hasPassword: z.boolean(),
});

const ZTokenInfo = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.coerce.date(),
  lastUsedAt: z.coerce.date().nullable(),
  revokedAt: z.coerce.date().nullable(),
});

const ZChatLink = z.object({
  id: z.string().uuid(),
  platform: z.enum(["slack", ...INTEGRATION_KINDS]),
  workspaceId: z.string(),
  externalUserId: z.string(),
  createdAt: z.coerce.date(),
});

const ZLinkToken = z.object({ token: z.string().trim().min(1, "token is required").max(2000) });

const nowSeconds = () => Math.floor(Date.now() / 1000);

export const meRouter = router({
  get: publicProcedure
    .input(z.void())
    .output(ZMe.nullable())
    .query(({ ctx }) => (ctx.actor ? getMe(ctx.deps.database.db, ctx.actor.userId) : null)),
  /**
   * Sets a new password. Every session of the person ends (a stolen session dies with the old
   * password); this browser gets a fresh one so the person stays signed in here.
   */
  changePassword: authedProcedure
    .input(ZChangePasswordInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.actor.via !== "session") throw new Unauthorized("Passwords are changed from a signed-in browser, not with a token");
      await changePassword(ctx.deps.database.db, ctx.actor.userId, input.currentPassword ?? null, input.newPassword, ctx.req.ip);
      const me = await getMe(ctx.deps.database.db, ctx.actor.userId);
      if (me) await startSession(ctx, me, "password");
      return { ok: true as const };
    }),
  tokens: authedProcedure
    .input(z.void())
    .output(z.array(ZTokenInfo))
    .query(({ ctx }) => listTokens(ctx.deps.database.db, ctx.actor)),
  createToken: authedProcedure
    .input(z.object({ name: z.string().trim().min(1, "name is required").max(100) }))
    .output(z.object({ token: z.string(), info: ZTokenInfo }))
    .mutation(({ ctx, input }) => createToken(ctx.deps.database.db, ctx.actor, input.name)),
  revokeToken: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await revokeToken(ctx.deps.database.db, ctx.actor, input.id);
      return { ok: true as const };
    }),
  /** What a link token from `/hindsight link` would link, so the portal can ask before linking. */
  chatLinkPreview: authedProcedure
    .input(ZLinkToken)
    .output(
      z.object({
        platform: z.literal("slack"),
        workspaceId: z.string(),
        externalUserId: z.string(),
        expiresAt: z.coerce.date(),
        linkedToMe: z.boolean(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { identity, expiresAt } = redeemableIdentity(ctx.deps.config.slack?.signingSecret ?? null, input.token, nowSeconds());
      const mine = await listChatLinks(ctx.deps.database.db, ctx.actor);
      const linkedToMe = mine.some((l) => l.platform === identity.platform && l.workspaceId === identity.workspaceId && l.externalUserId === identity.externalUserId);
      return { ...identity, expiresAt: new Date(expiresAt * 1000), linkedToMe };
    }),
  chatLinks: authedProcedure
    .input(z.void())
    .output(z.array(ZChatLink))
    .query(({ ctx }) => listChatLinks(ctx.deps.database.db, ctx.actor)),
  /** Redeems a link token: the signature and expiry are checked before anything is written. */
  linkChat: authedProcedure
    .input(ZLinkToken)
    .output(z.object({ link: ZChatLink, outcome: z.enum(["created", "moved", "unchanged"]) }))
    .mutation(({ ctx, input }) => {
      const { identity } = redeemableIdentity(ctx.deps.config.slack?.signingSecret ?? null, input.token, nowSeconds());
      return linkChatIdentity(ctx.deps.database.db, ctx.actor, identity, ctx.deps.adminUserId);
    }),
  unlinkChat: authedProcedure
    .input(z.object({ id: z.string().uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await unlinkChat(ctx.deps.database.db, ctx.actor, input.id);
      return { ok: true as const };
    }),
});
