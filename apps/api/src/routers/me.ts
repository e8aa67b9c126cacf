// "Me": the signed-in person, and their API tokens.
import { ZUser } from "@hindsight/domain";
import { z } from "zod";
import { createToken, listTokens, revokeToken } from "../identity/tokens.js";
import { getMe } from "../services/user-service.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";

const ZMe = ZUser.extend({
  teams: z.array(z.object({ id: z.string().uuid(), slug: z.string(), name: z.string(), role: z.enum(["member", "maintainer"]) })),
});

const ZTokenInfo = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.coerce.date(),
  lastUsedAt: z.coerce.date().nullable(),
  revokedAt: z.coerce.date().nullable(),
});

export const meRouter = router({
  get: publicProcedure
    .input(z.void())
    .output(ZMe.nullable())
    .query(({ ctx }) => (ctx.actor ? getMe(ctx.deps.database.db, ctx.actor.userId) : null)),
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
});
