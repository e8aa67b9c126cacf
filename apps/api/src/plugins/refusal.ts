// Refusing a request from a Fastify hook, before tRPC or a REST handler runs, in the shape its client
// reads: tRPC's error envelope (one per call of a batch) under /trpc, the REST error object elsewhere.
import type { FastifyReply, FastifyRequest } from "fastify";

const JSON_RPC_CODES = { FORBIDDEN: -32003, TOO_MANY_REQUESTS: -32029 } as const;

export type RefusalCode = keyof typeof JSON_RPC_CODES;

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
  const one = (path: string | undefined) => ({
    error: { message, code: JSON_RPC_CODES[code], data: { code, httpStatus: status, path: path ?? null, fieldErrors: null, details } },
  });
  return reply.status(status).send(isBatch(req) ? (paths.length ? paths : [undefined]).map(one) : one(paths[0]));
}
