// The browser's single sign-on round trip: /auth/oidc/start sends the browser to the identity
// provider, /auth/oidc/callback takes its answer, provisions the person and starts a session. Every
// refusal lands on the sign-in page with a message saying what went wrong (never a bare error page).
import type { FastifyInstance } from "fastify";
import type { AppDeps } from "../deps.js";
import { beginOidcSignIn, completeOidcSignIn, OIDC_CALLBACK_PATH, OIDC_STATE_COOKIE, OidcSignInError, type OidcClient } from "../identity/oidc.js";
import { SSO_START_PATH, startSession } from "../routers/auth.js";

/** Only same-site paths: a returnTo can never send the browser to another host after sign-in. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value.slice(0, 2000);
}

function signInPageWithError(message: string): string {
  return `/sign-in?${new URLSearchParams({ error: message }).toString()}`;
}

export async function oidcRoutes(app: FastifyInstance, opts: { deps: AppDeps; oidc: OidcClient }): Promise<void> {
  const { deps, oidc } = opts;
  const stateCookie = { path: "/auth/oidc", httpOnly: true, sameSite: "lax" as const, secure: deps.config.cookieSecure, maxAge: 600 };

  app.get<{ Querystring: { returnTo?: string } }>(SSO_START_PATH, async (req, reply) => {
    try {
      const { url, state } = await beginOidcSignIn(deps.database.db, oidc, safeReturnTo(req.query.returnTo));
      // The state also rides in a cookie bound to this browser: a callback carrying someone else's state is refused.
      void reply.setCookie(OIDC_STATE_COOKIE, state, stateCookie);
      return reply.redirect(url, 302);
    } catch (err) {
      if (!(err instanceof OidcSignInError)) req.log.error({ err }, "single sign-on could not start");
      return reply.redirect(signInPageWithError(err instanceof OidcSignInError ? err.message : "Single sign-on could not start; try again."), 302);
    }
  });

  app.get(OIDC_CALLBACK_PATH, async (req, reply) => {
    const browserState = req.cookies[OIDC_STATE_COOKIE] ?? null;
    void reply.clearCookie(OIDC_STATE_COOKIE, { path: stateCookie.path });
    try {
      const current = new URL(req.url, deps.config.publicUrl);
      const { user, idToken, returnTo } = await completeOidcSignIn(deps.database.db, oidc, current, browserState);
      await startSession({ deps, req, res: reply }, user, "oidc", idToken);
      return reply.redirect(safeReturnTo(returnTo), 302);
    } catch (err) {
      if (err instanceof OidcSignInError) {
        req.log.warn({ reason: err.message }, "single sign-on refused");
        return reply.redirect(signInPageWithError(err.message), 302);
      }
      req.log.error({ err }, "single sign-on failed");
      return reply.redirect(signInPageWithError("Single sign-on failed on our side; try again."), 302);
    }
  });
}
