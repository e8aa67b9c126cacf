// The API's whole surface as data, for the suites that sweep it (input fuzzing, the authorisation
// matrix): every REST route as Fastify registered it (seen through onRoute, not a list kept by hand),
// every tRPC procedure from the router's own record, the documented error shapes, and a checksum of
// what is stored so a suite can prove a refused request changed nothing.
import type { Database } from "@hindsight/db";
import { sql } from "@hindsight/db/orm";
import type { RouteOptions } from "fastify";
import { expect } from "vitest";
import { z } from "zod";
import { appRouter } from "../router.js";

export interface RestRoute {
  method: string;
  url: string;
  /** The route's own body limit, when it sets one (else the app's). */
  bodyLimit: number | undefined;
}

/** Collects routes through BuildOptions.onRoute; HEAD twins of GET routes are left out. */
export function routeCollector(): { onRoute: (route: RouteOptions) => void; routes: RestRoute[] } {
  const routes: RestRoute[] = [];
  return {
    routes,
    onRoute: (route) => {
      for (const method of [route.method].flat()) {
        if (method === "HEAD") continue;
        routes.push({ method, url: route.url, bodyLimit: route.bodyLimit });
      }
    },
  };
}

/** The product's API routes (REST, webhooks, tRPC's own, health); the API reference UI's static files are not. */
export function isApiRoute(r: RestRoute): boolean {
  return !r.url.startsWith("/api/docs") && r.url !== "/*";
}

export interface Procedure {
  path: string;
  type: "query" | "mutation";
  /** The declared input schema (every procedure declares one). */
  input: z.ZodType;
}

export function procedures(): Procedure[] {
  const record = appRouter._def.procedures as unknown as Record<string, { _def: { type: "query" | "mutation" | "subscription"; inputs: z.ZodType[] } }>;
  return Object.entries(record).map(([path, p]) => {
    if (p._def.type === "subscription") throw new Error(`${path}: subscriptions are not swept; add them to the suites`);
    if (p._def.inputs.length !== 1) throw new Error(`${path} declares ${p._def.inputs.length} inputs; the suites expect one`);
    return { path, type: p._def.type, input: p._def.inputs[0]! };
  });
}

/** Object keys a schema accepts anywhere near its top (through optional/default/union/pipe wrappers). */
export function schemaKeys(schema: z.ZodType, depth = 0): string[] {
  if (depth > 4) return [];
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  switch (def.type) {
    case "object":
      return Object.keys(def.shape as Record<string, unknown>);
    case "union":
      return [...new Set((def.options as z.ZodType[]).flatMap((o) => schemaKeys(o, depth + 1)))];
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "nonoptional":
      return schemaKeys(def.innerType as z.ZodType, depth + 1);
    case "pipe":
      return schemaKeys(def.in as z.ZodType, depth + 1);
    default:
      return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Error shapes (errors.ts for REST, trpc.ts's error formatter for tRPC)

const ZRestErrorBody = z.object({
  error: z.object({
    code: z.string().min(1),
    message: z.string().min(1),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

const ZTrpcError = z.object({
  error: z.object({
    message: z.string(),
    code: z.number().int(),
    data: z.object({
      code: z.string().min(1),
      httpStatus: z.number().int(),
      fieldErrors: z.record(z.string(), z.array(z.string())).nullable().optional(),
    }),
  }),
});

/** What a reply looks like to the sweeps: status, content type and raw body. */
export interface Reply {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

function parsed(res: Reply, label: string): unknown {
  expect(String(res.headers["content-type"] ?? ""), `${label}: a ${res.statusCode} must be JSON`).toMatch(/^application\/json/);
  try {
    return JSON.parse(res.body);
  } catch {
    throw new Error(`${label}: a ${res.statusCode} reply is not JSON: ${res.body.slice(0, 200)}`);
  }
}

/** A REST 4xx: `{ error: { code, message, fieldErrors?, details? } }`, no stack trace. */
export function expectRestError(res: Reply, label: string): void {
  const body = parsed(res, label);
  const ok = ZRestErrorBody.safeParse(body);
  expect(ok.success, `${label}: ${res.statusCode} body has not the REST error shape: ${res.body.slice(0, 300)}`).toBe(true);
  expect(res.body, `${label}: a stack trace leaked`).not.toMatch(/\s+at .+\.(?:js|ts):\d+/);
}

/**
 * Slack's routes answer a refusal (unsigned, stale, replayed, wrong content type, too large) in plain
 * text, as their OpenAPI description says: Slack shows that text to the person who typed the command.
 */
export function expectSlackError(res: Reply, label: string): void {
  // The app-wide refusals (a NUL byte or a prototype key, before Slack's own checks) use the REST shape.
  if (String(res.headers["content-type"] ?? "").startsWith("application/json")) return expectRestError(res, label);
  expect(String(res.headers["content-type"] ?? ""), `${label}: a Slack ${res.statusCode} is plain text`).toMatch(/^text\/plain/);
  expect(res.body.trim().length, `${label}: an empty refusal`).toBeGreaterThan(0);
  expect(res.body, `${label}: a stack trace leaked`).not.toMatch(/\s+at .+\.(?:js|ts):\d+/);
}

/** True for routes that answer in Slack's conventions rather than the REST error shape. */
export const isSlackRoute = (url: string) => url.startsWith("/api/v1/chatops/slack/");

/** A tRPC 4xx: one error envelope, or (batched) an array of results of which the failing ones are envelopes. */
export function expectTrpcError(res: Reply, label: string): void {
  const body = parsed(res, label);
  const items = Array.isArray(body) ? body : [body];
  expect(items.length, `${label}: empty batch reply`).toBeGreaterThan(0);
  for (const item of items) {
    if (Array.isArray(body) && item && typeof item === "object" && "result" in item) continue;
    const ok = ZTrpcError.safeParse(item);
    expect(ok.success, `${label}: ${res.statusCode} body has not the tRPC error shape: ${res.body.slice(0, 300)}`).toBe(true);
    const status = (item as z.infer<typeof ZTrpcError>).error.data.httpStatus;
    expect(status, `${label}: error says httpStatus ${status}`).toBeLessThan(500);
  }
  expect(res.body, `${label}: a stack trace leaked`).not.toMatch(/\s+at .+\.(?:js|ts):\d+/);
}

// ---------------------------------------------------------------------------------------------
// What is stored

/**
 * Tables a refused request must leave alone, with the columns that change on any authenticated call
 * (a token's last use) left out. Sessions and sign-in failures are not here: a failed sign-in is
 * meant to be counted, and a request refreshes its session.
 */
const CHECKED: Record<string, string[]> = {
  users: [],
  teams: [],
  team_memberships: [],
  entries: [],
  entry_grants: [],
  entry_revisions: [],
  entry_reviewers: [],
  action_items: [],
  fix_feedback: [],
  collections: [],
  collection_sections: [],
  collection_items: [],
  collection_progress: [],
  entry_views: [],
  api_tokens: ["last_used_at"],
  chat_links: [],
  integrations: ["last_used_at"],
  subscriptions: [],
  team_notifications: [],
  search_queries: [],
  audit_log: [],
};

export const CHECKED_TABLES = Object.keys(CHECKED);

/** count + md5 of every row of every checked table, in one statement. */
export async function storedChecksum(database: Database): Promise<Record<string, string>> {
  const parts = Object.entries(CHECKED).map(([table, volatile]) => {
    const drop = volatile.map((c) => ` - '${c}'`).join("");
    return `select '${table}' as t, count(*)::text || ':' || md5(coalesce(string_agg(x, '|' order by x), '')) as h from (select (to_jsonb(r)${drop})::text as x from ${table} r) s`;
  });
  const result = await database.db.execute(sql.raw(parts.join(" union all ")));
  const rows = (result as unknown as { rows: { t: string; h: string }[] }).rows;
  return Object.fromEntries(rows.map((r) => [r.t, r.h]));
}
