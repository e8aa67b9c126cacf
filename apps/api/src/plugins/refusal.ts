// Refusing a request from a Fastify hook, before tRPC or a REST handler runs, in the shape its client
// reads: tRPC's error envelope (one per call of a batch) under /trpc, the REST error object elsewhere.
import { TRPC_ERROR_CODES_BY_KEY, type TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { FastifyReply, FastifyRequest } from "fastify";

export type RefusalCode = Extract<TRPC_ERROR_CODE_KEY, "FORBIDDEN" | "TOO_MANY_REQUESTS">;

/** One call's error in tRPC's envelope, as the portal's client reads it (edge-errors.ts answers in it too). */
export function trpcErrorBody(code: TRPC_ERROR_CODE_KEY, status: number, message: string, path: string | null, details: Record<string, unknown> | null) {
  return { error: { message, code: TRPC_ERROR_CODES_BY_KEY[code], data: { code, httpStatus: status, path, fieldErrors: null, details } } };
}

/** The tRPC procedure paths a request calls (`/trpc/a.b,c.d?batch=1` calls two), or null for other routes. */
export function trpcPaths(req: FastifyRequest): string[] | null {
  const url = req.url.split("?")[0] ?? "";
  if (!url.startsWith("/trpc/")) return null;
  return decodeURIComponent(url.slice("/trpc/".length))
    .split(",")
    .filter((p) => p !== "");
}

export function isBatch(req: FastifyRequest): boolean {
  return (req.query as Record<string, unknown> | undefined)?.batch === "1" || /[?&]batch=1(&|$)/.test(req.url);
}

export function refuse(
  req: FastifyRequest,
  reply: FastifyReply,
  status: 403 | 429,
  code: RefusalCode,
  message: string,
  details: Record<string, unknown>,
): FastifyReply {
  const paths = trpcPaths(req);
  if (!paths) return reply.status(status).send({ error: { code, message, details } });
  const one = (path: string | undefined) => trpcErrorBody(code, status, message, path ?? null, details);
  return reply.status(status).send(isBatch(req) ? (paths.length ? paths : [undefined]).map(one) : one(paths[0]));
}
