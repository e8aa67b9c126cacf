// The app-wide error handler: what Fastify itself refuses before a handler runs (a content type no
// parser takes, a body over the limit, JSON that does not parse) answers in the shape of the surface
// that was called: tRPC's error envelope under /trpc (so the portal's client reads it), the REST error
// shape elsewhere. Anything else is a 500 with no detail. Set before any route is registered, since
// Fastify gives each route the error handler in force when it was added.
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { trpcErrorBody } from "./refusal.js";

const TRPC_KEY_BY_STATUS: Record<number, TRPC_ERROR_CODE_KEY> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_SUPPORTED",
  408: "TIMEOUT",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "TOO_MANY_REQUESTS",
  500: "INTERNAL_SERVER_ERROR",
};

function trpcError(reply: FastifyReply, status: number, message: string, path: string) {
  return reply.status(status).send(trpcErrorBody(TRPC_KEY_BY_STATUS[status] ?? "BAD_REQUEST", status, message, path, null));
}

const trpcPath = (url: string) => url.slice("/trpc/".length).split("?")[0] ?? "";

/**
 * tRPC's Fastify adapter hands a multipart body to JSON.stringify as the raw stream, which throws
 * (a 500). No procedure takes form data (the portal sends JSON; uploads travel as base64), so a
 * multipart request to /trpc is refused before it gets there.
 */
export async function refuseTrpcMultipart(req: FastifyRequest, reply: FastifyReply) {
  if (!req.url.startsWith("/trpc/")) return;
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  if (type.startsWith("multipart/")) return trpcError(reply, 415, "Send application/json: no procedure takes form data", trpcPath(req.url));
}

export function edgeErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const status = err.statusCode ?? 500;
  if (status >= 500 || status < 400) {
    req.log.error({ err }, "request failed");
    if (req.url.startsWith("/trpc/")) return trpcError(reply, 500, "Something went wrong on our side", trpcPath(req.url));
    return reply.status(500).send({ error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side" } });
  }
  if (req.url.startsWith("/trpc/")) return trpcError(reply, status, err.message, trpcPath(req.url));
  return reply.status(status).send({ error: { code: TRPC_KEY_BY_STATUS[status] ?? "BAD_REQUEST", message: err.message } });
}
