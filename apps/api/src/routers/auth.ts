// Signing in and out. Local accounts sign in with a password; single sign-on starts at the OIDC
// routes (plugins/oidc.ts). The people picker and sign-in by id exist only in demo mode
// (HINDSIGHT_DEMO=true): outside it those procedures answer NOT_FOUND as if they did not exist.
import {
  NotFound,
  Forbidden,
  ZAuthOptions,
  ZFirstAdminInput,
  ZSignInInput,
  ZSignUpInput,
  ZUser,
  type User,
} from "@hindsight/domain";
import { z } from "zod";
import { schema } from "@hindsight/db";
import { and, eq, ne } from "@hindsight/db/orm";
import { ADMIN_HANDLE, createSession, endAllSessions, endSession, findSession, SESSION_COOKIE, toUser, type SessionMethod } from "../identity/identity.js";
import { createFirstAdmin, needsFirstAdmin, signInWithPassword, signUpLocal } from "../identity/local-accounts.js";
import { oidcLogoutUrl } from "../identity/oidc.js";
import { listPeople } from "../services/user-service.js";
import { authedProcedure, publicProcedure, router, type Context } from "../trpc.js";
import { audit } from "../services/audit.js";

export const SSO_START_PATH = "/auth/oidc/start";

/** Starts a session for a person who just proved who they are, ending the one the browser held before. */
export async function startSession(ctx: Pick<Context, "deps" | "req" | "res">, user: Pick<User, "id" | "orgRole">, method: SessionMethod, oidcIdToken: string | null = null): Promise<void> {
  const { secret, expiresAt } = await createSession(ctx.deps.database.db, {
    userId: user.id,
    method,
    oidcIdToken,
    maxAgeMs: ctx.deps.config.auth.sessionMaxMs,
    replaces: ctx.req.cookies[SESSION_COOKIE] ?? null,
  });
  void ctx.res.setCookie(SESSION_COOKIE, secret, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.deps.config.cookieSecure,
    expires: expiresAt,
  });
  await audit(ctx.deps.database.db, { userId: user.id, orgRole: user.orgRole, teams: new Map(), via: "session" }, "session.start", "user", user.id, { method });
}

function requireDemo(ctx: Context): void {
  // Outside demo mode these procedures do not exist as far as a caller can tell.
  if (!ctx.deps.config.demo) throw new NotFound("Procedure (the people picker exists only in demo mode, HINDSIGHT_DEMO=true)");
}

function requireLocalLogin(ctx: Context): void {
  if (!ctx.deps.config.auth.localLogin) throw new Forbidden("Local accounts are turned off here (HINDSIGHT_LOCAL_LOGIN=false); sign in with single sign-on");
}

const ZPerson = z.object({ id: z.string().uuid(), handle: z.string(), name: z.string() });

export const authRouter = router({
  /** Which ways in this server offers; the sign-in page is built from it. */
  options: publicProcedure
    .input(z.void())
    .output(ZAuthOptions)
    .query(async ({ ctx }) => {
      const { config } = ctx.deps;
      return {
        demo: config.demo,
        localLogin: config.auth.localLogin,
        signup: { enabled: config.auth.localLogin && config.auth.signup.enabled, domains: config.auth.signup.domains },
        sso: config.auth.oidc ? { name: config.auth.oidc.name, startUrl: SSO_START_PATH } : null,
        setupRequired: !config.demo && config.auth.localLogin && (await needsFirstAdmin(ctx.deps.database.db)),
      };
    }),
  /** Everyone, for pickers (reviewers, team members): only for signed-in people. */
  users: authedProcedure
    .input(z.void())
    .output(z.array(ZPerson))
    .query(({ ctx }) => listPeople(ctx.deps.database.db)),
  /** Demo mode only: the people of the demo company to sign in as with one click. */
  demoAccounts: publicProcedure
    .input(z.void())
    .output(z.array(ZPerson))
    .query(({ ctx }) => {
      requireDemo(ctx);
      return listPeople(ctx.deps.database.db);
    }),
  /** Demo mode only: sign in as a person by id, with no proof. */
  demoSignIn: publicProcedure
    .input(z.object({ userId: z.string().uuid() }))
    .output(ZUser)
    .mutation(async ({ ctx, input }) => {
      requireDemo(ctx);
      const [row] = await ctx.deps.database.db
        .select()
        .from(schema.users)
        .where(and(eq(schema.users.id, input.userId), ne(schema.users.handle, ADMIN_HANDLE)));
      if (!row) throw new NotFound("User");
      await startSession(ctx, row, "demo");
      return toUser(row);
    }),
  signIn: publicProcedure
    .input(ZSignInInput)
    .output(ZUser)
    .mutation(async ({ ctx, input }) => {
      requireLocalLogin(ctx);
      const user = await signInWithPassword(ctx.deps.database.db, { ...input, address: ctx.req.ip });
      await startSession(ctx, user, "password");
      return user;
    }),
  signUp: publicProcedure
    .input(ZSignUpInput)
    .output(ZUser)
    .mutation(async ({ ctx, input }) => {
      requireLocalLogin(ctx);
      const user = await signUpLocal(ctx.deps.database.db, ctx.deps.config.auth.signup, input);
      await startSession(ctx, user, "signup");
      return user;
    }),
  /** Redeems the one-time set-up token printed at the first start: creates the first admin and signs them in. */
  setup: publicProcedure
    .input(ZFirstAdminInput)
    .output(ZUser)
    .mutation(async ({ ctx, input }) => {
      requireLocalLogin(ctx);
      const { token, ...account } = input;
      const user = await createFirstAdmin(ctx.deps.database.db, token, account);
      await startSession(ctx, user, "setup");
      return user;
    }),
  /**
   * Ends every session of the caller, on every browser and device (a lost laptop, a shared computer):
   * each of their cookies stops working at once. API tokens are revoked on their own page.
   */
  signOutEverywhere: authedProcedure
    .input(z.void())
    .output(z.object({ ok: z.literal(true), ended: z.number().int() }))
    .mutation(async ({ ctx }) => {
      if (ctx.actor.via !== "session") throw new Forbidden("Sign out everywhere from a signed-in browser, not with a token");
      const db = ctx.deps.database.db;
      const ended = await db.transaction(async (tx) => {
        const n = await endAllSessions(tx, ctx.actor.userId);
        await audit(tx, ctx.actor, "session.end_all", "user", ctx.actor.userId, { ended: n });
        return n;
      });
      void ctx.res.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const, ended };
    }),
  /** Ends the session on the server; for single sign-on also says where to end it at the provider. */
  signOut: publicProcedure
    .input(z.void())
    .output(z.object({ ok: z.literal(true), redirectTo: z.string().nullable() }))
    .mutation(async ({ ctx }) => {
      const secret = ctx.req.cookies[SESSION_COOKIE];
      let redirectTo: string | null = null;
      if (secret) {
        const db = ctx.deps.database.db;
        const session = await findSession(db, secret);
        if (session?.method === "oidc" && ctx.deps.oidc) redirectTo = await oidcLogoutUrl(ctx.deps.oidc, session.oidcIdToken);
        await endSession(db, secret);
        if (session) await audit(db, { userId: session.userId, orgRole: "member", teams: new Map(), via: "session" }, "session.end", "user", session.userId);
      }
      void ctx.res.clearCookie(SESSION_COOKIE, { path: "/" });
      return { ok: true as const, redirectTo };
    }),
});
