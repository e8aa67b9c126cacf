// Resolves the caller of each request (session cookie or bearer token) through the identity module.
import type { Actor } from "@hindsight/domain";
import cookie from "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { AppDeps } from "../deps.js";
import { authenticate, SESSION_COOKIE } from "../identity/identity.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Resolves (once) who is calling; throws Unauthorized for a bad bearer token. */
    actor(): Promise<Actor | null>;
  }
}

/** The bearer token of a request: null without an Authorization header, "" for a malformed one. */
export function bearerOf(req: FastifyRequest): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  // A malformed Authorization header counts as a bad token, never as anonymous.
  return match?.[1]?.trim() ?? "";
}

export const identityPlugin = fp(
  async (app: FastifyInstance, opts: { deps: AppDeps }) => {
    await app.register(cookie);
    const cache = new WeakMap<FastifyRequest, Promise<Actor | null>>();
    app.decorateRequest("actor", function (this: FastifyRequest) {
      let pending = cache.get(this);
      if (!pending) {
        pending = authenticate(
          opts.deps.database.db,
          { bearer: bearerOf(this), sessionCookie: this.cookies[SESSION_COOKIE] ?? null },
          { adminToken: opts.deps.config.adminToken, adminUserId: opts.deps.adminUserId, sessionIdleMs: opts.deps.config.auth.sessionIdleMs },
        );
        cache.set(this, pending);
      }
      return pending;
    });
  },
  { name: "hindsight-identity" },
);
