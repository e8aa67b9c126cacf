// Local sign-in for the embedded default: pick a person or create a local account.
// Sessions are httpOnly cookies; SSO will replace these procedures behind the identity module.
import { ZCreateUserInput, ZUser } from "@hindsight/domain";
import { z } from "zod";
import { createSession, endSession, SESSION_COOKIE, toUser } from "../identity/identity.js";
import { schema } from "@hindsight/db";
import { eq } from "@hindsight/db/orm";
import { NotFound } from "@hindsight/domain";
import { createLocalUser, listPeople } from "../services/user-service.js";
import { publicProcedure, router, type Context } from "../trpc.js";
import { audit } from "../services/audit.js";

async function startSession(ctx: Context, userId: string): Promise<void> {
  const { secret, expiresAt } = await createSession(ctx.deps.database.db, userId);
  void ctx.res.setCookie(SESSION_COOKIE, secret, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.deps.config.cookieSecure,
    expires: expiresAt,
  });
}

export const authRouter = router({
  users: publicProcedure
    .input(z.void())
    .output(z.array(z.object({ id: z.string().uuid(), handle: z.string(), name: z.string() })))
    .query(({ ctx }) => listPeople(ctx.deps.database.db)),
  signIn: publicProcedure
    .input(z.object({ userId: z.string().uuid() }))
    .output(ZUser)
    .mutation(async ({ ctx, input }) => {
      const [row] = await ctx.deps.database.db.select().from(schema.users).where(eq(schema.users.id, input.userId));
      if (!row) throw new NotFound("User");
      await startSession(ctx, row.id);
      await audit(ctx.deps.database.db, { userId: row.id, orgRole: row.orgRole, teams: new Map(), via: "session" }, "session.start", "user", row.id);
      return toUser(row);
    }),
  signUp: publicProcedure
    .input(ZCreateUserInput)
    .output(ZUser)
    .mutation(async ({ ctx, input }) => {
      const user = await createLocalUser(ctx.deps.database.db, input);
      await startSession(ctx, user.id);
      return user;
    }),
  signOut: publicProcedure
    .input(z.void())
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      const secret = ctx.req.cookies[SESSION_COOKIE];
      if (secret) await endSession(ctx.deps.database.db, secret);
      void ctx.res.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const };
    }),
});
