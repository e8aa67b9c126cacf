// How a request appears in the server's log. Fastify's default request serializer writes the URL with
// its query string, and query strings carry credentials and pasted text: the one-time token of a
// Slack link (/settings/slack?token=…), an OIDC callback's code, a search someone pasted a token into
// (/api/v1/search?q=…, and every tRPC query, whose whole input travels as ?input=…). This serializer
// keeps Fastify's fields but writes each query parameter's name with its value replaced, so a log line
// still says which route and which parameters were used. Found by apps/portal/e2e/zz-logs.e2e.ts,
// which greps a full e2e run's logs (at debug, where every request is logged) for planted secrets.
import type { FastifyRequest } from "fastify";

export const REDACTED = "[redacted]";

/** `/path?a=1&b=2` -> `/path?a=[redacted]&b=[redacted]`; a URL without a query is returned as is. */
export function redactQuery(url: string): string {
  const at = url.indexOf("?");
  if (at === -1) return url;
  const names = url
    .slice(at + 1)
    .split("&")
    .filter(Boolean)
    .map((pair) => pair.split("=")[0]!);
  return names.length ? `${url.slice(0, at)}?${names.map((name) => `${name}=${REDACTED}`).join("&")}` : url.slice(0, at);
}

/** Fastify's `req` serializer, with the query string's values redacted. */
export function serializeRequest(req: FastifyRequest) {
  const version = req.headers?.["accept-version"];
  return {
    method: req.method,
    url: redactQuery(req.url),
    version: Array.isArray(version) ? version[0] : version,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket ? req.socket.remotePort : undefined,
  };
}
