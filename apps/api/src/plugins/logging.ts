// Structured logging: the Fastify logger options (request ids, serializers, redaction) and the
// plugin that echoes the request id. Owns what may reach a log line: credentials never do.
//
// Three layers, because a secret can arrive by many roads:
// 1. pino `redact` paths: credential headers, and body-like fields named like secrets at any of the
//    first levels of a logged object (password, token, secret…).
// 2. the request serializer: the URL is logged with every query value replaced (a search query or
//    an OAuth callback's code can hold anything), except a few harmless keys.
// 3. a last pass over every finished line (pino's streamWrite hook): Hindsight's own credentials
//    (hst_/hss_/hsu_/hsw_ secrets) and whatever the domain's secret redaction recognises.
import { randomUUID } from "node:crypto";
import type { Writable } from "node:stream";
import { redactSecrets } from "@hindsight/domain";
import type { FastifyInstance, FastifyServerOptions, RawRequestDefaultExpression } from "fastify";
import fp from "fastify-plugin";
import type { Config } from "../config.js";

export const REQUEST_ID_HEADER = "x-request-id";

/** An incoming id is honoured only when it is short and plain (it is echoed and logged verbatim). */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Query keys whose values are logged; every other value is replaced. */
const PLAIN_QUERY_KEYS = new Set(["batch", "limit", "sort", "kind", "kinds", "status", "statuses", "format", "frequency"]);

const CENSOR = "[redacted]";

/** Field names that hold credentials or secrets wherever they appear in a logged object. */
const SECRET_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "setupToken",
  "secret",
  "signingSecret",
  "clientSecret",
  "apiKey",
  "accessToken",
  "refreshToken",
  "idToken",
  "oidcIdToken",
  "codeVerifier",
  "authorization",
  "cookie",
  "chatChannel",
  "webhookUrl",
  "zipBase64",
];

const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-slack-signature"]',
  'req.headers["x-hindsight-signature"]',
  'req.headers["x-hindsight-token"]',
  'res.headers["set-cookie"]',
  "req.body",
  "body",
  ...SECRET_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`]),
];

/** Hindsight's own secrets (API tokens, sessions, setup links, integration secrets): base64url after a prefix. */
const OWN_SECRET = /\bhs[tsuw]_[A-Za-z0-9_-]{16,}/g;
/** The session cookie's value wherever it is quoted (a cookie header that escaped the paths above). */
const SESSION_COOKIE_VALUE = /(hs_session=)[^;\s"]+/g;

/** The last pass over a finished log line. Exported for the unit test. */
export function scrubLogLine(line: string): string {
  const own = line.replace(OWN_SECRET, CENSOR).replace(SESSION_COOKIE_VALUE, `$1${CENSOR}`);
  return redactSecrets(own).text;
}

/** The path with each query value replaced, except harmless keys. */
export function safeUrl(url: string): string {
  const q = url.indexOf("?");
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  const parts: string[] = [];
  for (const [key, value] of params) {
    const plain = PLAIN_QUERY_KEYS.has(key) && /^[\w.,:-]{0,64}$/.test(value);
    parts.push(`${encodeURIComponent(key)}=${plain ? encodeURIComponent(value) : CENSOR}`);
  }
  return `${url.slice(0, q)}?${parts.join("&")}`;
}

export function requestId(req: RawRequestDefaultExpression): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === "string" && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The Fastify options that concern logging and request ids. `stream` replaces stdout (tests capture
 * the log with it).
 */
export function loggingOptions(config: Config, stream?: Writable): Pick<FastifyServerOptions, "logger" | "genReqId" | "requestIdHeader"> {
  return {
    logger: {
      level: config.logLevel,
      ...(stream ? { stream } : {}),
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      serializers: {
        req: (req: { method: string; url: string; id?: string; ip?: string; routeOptions?: { url?: string } }) => ({
          method: req.method,
          url: safeUrl(req.url),
          route: req.routeOptions?.url,
          remoteAddress: req.ip,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      hooks: { streamWrite: scrubLogLine },
    },
    // genReqId decides alone (requestIdHeader false), so an invalid incoming id is replaced, not trusted.
    requestIdHeader: false,
    genReqId: requestId,
  };
}

/** Echoes the request id, so a caller can quote it and an operator can find the request's log lines. */
export const requestIdPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook("onRequest", async (req, reply) => {
      reply.header(REQUEST_ID_HEADER, req.id);
    });
  },
  { name: "hindsight-request-id" },
);
