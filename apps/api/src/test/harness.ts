// Test harness: a Hindsight app on a throwaway database (PGlite or Postgres), with people, teams and
// tokens to act as, and small helpers to call tRPC and REST through app.inject like a real client.
import type { DatabaseTarget, TestDatabase } from "@hindsight/db/testing";
import { schema, type Database } from "@hindsight/db";
import { CSRF_HEADER, CSRF_HEADER_VALUE } from "@hindsight/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, it } from "vitest";
import { buildApp, type BuildOptions } from "../app.js";
import { loadConfig } from "../config.js";
import { createToken } from "../identity/tokens.js";
import { createSession, loadActor, SESSION_COOKIE } from "../identity/identity.js";

export const ADMIN_TOKEN = "test-admin-token-123";

export interface Person {
  id: string;
  handle: string;
  cookie: string;
}

export interface Harness {
  app: FastifyInstance;
  db: TestDatabase;
  teams: { alpha: string; beta: string };
  people: { author: Person; teammate: Person; other: Person; admin: Person };
  /** An API token owned by `teammate`. */
  teammateToken: string;
  close(): Promise<void>;
}

export interface TrpcResult<T = unknown> {
  status: number;
  data?: T;
  error?: { message: string; code: number; data: { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null; details: Record<string, unknown> | null } };
}

export async function trpc<T = unknown>(
  app: FastifyInstance,
  path: string,
  input: unknown,
  auth: { cookie?: string; bearer?: string } = {},
  type: "query" | "mutation" = path.split(".").pop()!.match(/^(get|list|history|diff|users|tokens|progress|stats|feedback|stale|template|exportMarkdown|checkBlameless|reviewers)$/) ? "query" : "mutation",
): Promise<TrpcResult<T>> {
  // As the portal does: every tRPC call carries the same-origin proof (plugins/csrf.ts).
  const headers: Record<string, string> = { [CSRF_HEADER]: CSRF_HEADER_VALUE };
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  const res =
    type === "query"
      ? await app.inject({
          method: "GET",
          url: `/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
          headers,
        })
      : await app.inject({ method: "POST", url: `/trpc/${path}`, headers: { ...headers, "content-type": "application/json" }, payload: JSON.stringify(input ?? null) });
  const body = res.json() as { result?: { data: T }; error?: TrpcResult["error"] };
  return { status: res.statusCode, data: body.result?.data, error: body.error };
}

export async function rest(
  app: FastifyInstance,
  method: "GET" | "POST",
  url: string,
  body?: unknown,
  bearer: string | null = ADMIN_TOKEN,
) {
  const headers: Record<string, string> = {};
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.statusCode, body: res.json() as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * A session cookie for a person, made the way a sign-in makes one (createSession), without going
 * through a sign-in route: outside demo mode there is no way in by id, and tests of the ways in
 * (passwords, single sign-on, the demo picker) have their own suites.
 */
export async function sessionCookieFor(database: Database, userId: string): Promise<string> {
  const { secret } = await createSession(database.db, { userId, method: "password", maxAgeMs: 3_600_000 });
  return `${SESSION_COOKIE}=${secret}`;
}

export interface HarnessOptions extends Omit<BuildOptions, "database"> {
  /** Extra environment variables for the app's configuration (e.g. SLACK_SIGNING_SECRET). */
  env?: Record<string, string>;
}

export async function startHarness(target: DatabaseTarget, options: HarnessOptions = {}): Promise<Harness> {
  const { env, ...buildOptions } = options;
  const config = loadConfig({
    HINDSIGHT_ADMIN_TOKEN: ADMIN_TOKEN,
    HINDSIGHT_SEED: "false",
    LOG_LEVEL: "silent",
    PORTAL_DIR: "/nonexistent-portal",
    // Tests send hundreds of searches and sign-ins from one address and token in seconds; the limits
    // have their own tests (plugins/rate-limits.test.ts), which set them explicitly.
    HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ADDRESS: "off",
    HINDSIGHT_RATE_LIMIT_SIGN_IN_PER_ACCOUNT: "off",
    HINDSIGHT_RATE_LIMIT_TOKEN: "off",
    HINDSIGHT_RATE_LIMIT_SEARCH: "off",
    ...env,
  });
  const db = await target.create();
  // Digests are sent by hand in tests (sendDigests with a chosen clock), never by the timer.
  const app = await buildApp(config, { startDigests: false, ...buildOptions, database: db.database });
  const d = db.database.db;
  const [alpha] = await d.insert(schema.teams).values({ slug: "alpha", name: "Alpha" }).returning();
  const [beta] = await d.insert(schema.teams).values({ slug: "beta", name: "Beta" }).returning();
  const mk = async (handle: string, orgRole: "member" | "admin", team: string | null): Promise<Person> => {
    const [u] = await d.insert(schema.users).values({ handle, name: handle[0]!.toUpperCase() + handle.slice(1), orgRole }).returning();
    if (team) await d.insert(schema.teamMemberships).values({ teamId: team, userId: u!.id, role: "member" });
    return { id: u!.id, handle, cookie: await sessionCookieFor(db.database, u!.id) };
  };
  const people = {
    author: await mk("author", "member", alpha!.id),
    teammate: await mk("teammate", "member", alpha!.id),
    other: await mk("other", "member", beta!.id),
    admin: await mk("admin", "admin", null),
  };
  const teammateActor = await loadActor(d, people.teammate.id, "session");
  const { token } = await createToken(d, teammateActor!, "ci bot");
  return {
    app,
    db,
    teams: { alpha: alpha!.id, beta: beta!.id },
    people,
    teammateToken: token,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export interface HarnessSuite {
  /** The running harness; usable inside tests and hooks declared after `useHarness`. */
  h: Harness;
  /** `it`, skipped with the reason when the database (or whatever else `skip` names) is missing. */
  run: ReturnType<typeof it.skipIf>;
  /** " (skipped: why)" for test names, or "". */
  note: string;
  /** Why this suite is skipped, or null. */
  skip: string | null;
}

/**
 * One harness per `describe` block: started before its tests, closed after. `skip` adds a reason
 * of the suite's own (a missing corpus, say) to the database target's.
 */
export function useHarness(target: DatabaseTarget, options: HarnessOptions & { skip?: string | null } = {}): HarnessSuite {
  const { skip: ownSkip, ...buildOptions } = options;
  const skip = target.skipReason ?? ownSkip ?? null;
  let running: Harness | undefined;
  beforeAll(async () => {
    if (!skip) running = await startHarness(target, buildOptions);
  }, 120_000);
  afterAll(async () => {
    await running?.close();
  });
  // A stand-in that forwards to the harness once started, so suites can hold `h` from the start.
  const h = new Proxy({} as Harness, {
    get(_target, key) {
      if (!running) throw new Error(`the test harness is not running${skip ? ` (skipped: ${skip})` : ""}`);
      return running[key as keyof Harness];
    },
  });
  return { h, run: it.skipIf(skip), note: skip ? ` (skipped: ${skip})` : "", skip };
}
