// Cross-site request forgery: a state-changing request that a browser's cookie would authenticate must
// prove it comes from Hindsight's own pages. Three checks, all needed:
//   - the X-Hindsight-CSRF header the portal sends with every call: a page on another site cannot add a
//     custom header without a CORS preflight, and this API answers no preflight (there is no CORS);
//   - Origin, when the browser sends one, is the public URL's origin or this request's own origin;
//   - Sec-Fetch-Site, when the browser sends one, is same-origin (not same-site: a sibling subdomain is
//     another application).
// Which requests: every POST/PUT/PATCH/DELETE that carries the session cookie, and every tRPC mutation
// even without one (sign-in and sign-up too: a forged sign-in would put the victim in the attacker's
// account). Bearer-token requests (CLI, bots, CI) are not checked: a browser never attaches a token on
// its own. Webhooks (Slack, chat integrations) carry neither a cookie nor /trpc and verify their own
// signatures. Single sign-on's callback is a GET redirect from the provider, so it is never checked.
import { CSRF_HEADER, CSRF_HEADER_VALUE } from "@hindsight/domain";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.js";
import { SESSION_COOKIE } from "../identity/identity.js";
import { refuse } from "./refusal.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function needsProof(req: FastifyRequest): boolean {
  if (SAFE_METHODS.has(req.method)) return false;
  if (req.headers.authorization) return false;
  const url = req.url;
  return url.startsWith("/trpc/") || url.startsWith("/auth/") || req.cookies[SESSION_COOKIE] !== undefined;
}

/** Why a request fails the same-origin proof, or null when it passes. */
export function csrfProblem(req: FastifyRequest, publicOrigin: string): string | null {
  if (req.headers[CSRF_HEADER] !== CSRF_HEADER_VALUE) {
    return `This request changes something, so it must come from Hindsight's own pages: the ${CSRF_HEADER} header is missing. Scripts and bots should use an API token (Authorization: Bearer) instead of a session cookie.`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const own = `${req.protocol}://${req.host}`;
    if (origin !== publicOrigin && origin !== own) return `Cross-site request refused: it came from ${origin}, not from Hindsight (${publicOrigin}).`;
  }
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin") return `Cross-site request refused: the browser says it came from a ${site} page, not from Hindsight's own.`;
  return null;
}

export const csrfProtection = fp(
  async (app: FastifyInstance, opts: { config: Pick<Config, "publicUrl"> }) => {
    const publicOrigin = new URL(opts.config.publicUrl).origin;
    app.addHook("onRequest", async (req, reply) => {
      if (!needsProof(req)) return;
      const problem = csrfProblem(req, publicOrigin);
      if (problem) return refuse(req, reply, 403, "FORBIDDEN", problem, { reason: "csrf" });
    });
  },
  { name: "hindsight-csrf", dependencies: ["hindsight-identity"] },
);
