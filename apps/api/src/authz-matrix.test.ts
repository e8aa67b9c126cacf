// The authorisation matrix: every tRPC procedure and every REST route, for every role (anonymous,
// reader, member, maintainer, admin, outsider), on realistic targets made for the case, against
// the reviewable table in authz-expectations.ts. A denial must be 401/403/404 (404 where the table
// says existence is hidden), never a 200 and never a 500. The test fails on any procedure or route
// missing from the table, and prints the counts.
import { schema } from "@hindsight/db";
import { eq } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import type { FastifyInstance } from "fastify";
import { describe, expect } from "vitest";
import { ROLES, REST_EXPECTATIONS, TRPC_EXPECTATIONS, type Case, type Fixtures, type Role } from "./authz-expectations.js";
import { createToken } from "./identity/tokens.js";
import { loadActor } from "./identity/identity.js";
import { sessionCookieFor, trpc, useHarness, type Harness } from "./test/harness.js";
import { isApiRoute, isSlackRoute, procedures, routeCollector } from "./test/surface.js";

const MIN_CASES = 300;
const targets = await databaseTargets();
const pglite = targets.filter((t) => t.name === "pglite");

interface Outcome {
  surface: string;
  target: string;
  role: Role;
  expected: "allow" | "deny";
  status: number;
  verdict: "ok" | "unexpected allow" | "unexpected deny" | "wrong status";
  detail: string;
}

/** People behind the roles; `author` makes every target and is none of them. */
interface World {
  userIds: Record<Exclude<Role, "anonymous"> | "author", string>;
  tokens: Record<Exclude<Role, "anonymous">, string>;
}

async function makeWorld(h: Harness): Promise<World> {
  const d = h.db.database.db;
  const [reader] = await d.insert(schema.users).values({ handle: "reader", name: "Reader", orgRole: "member" }).returning();
  const [maintainer] = await d.insert(schema.users).values({ handle: "maintainer", name: "Maintainer", orgRole: "member" }).returning();
  await d.insert(schema.teamMemberships).values({ teamId: h.teams.alpha, userId: maintainer!.id, role: "maintainer" });
  const userIds = {
    reader: reader!.id,
    member: h.people.teammate.id,
    maintainer: maintainer!.id,
    admin: h.people.admin.id,
    outsider: h.people.other.id,
    author: h.people.author.id,
  };
  const tokens = {} as World["tokens"];
  for (const role of ROLES) {
    if (role === "anonymous") continue;
    const actor = await loadActor(d, userIds[role], "session");
    tokens[role] = (await createToken(d, actor!, `matrix ${role}`)).token;
  }
  return { userIds, tokens };
}

let counter = 0;

function fixtures(h: Harness, world: World, role: Role): Fixtures {
  const d = h.db.database.db;
  const author = { cookie: h.people.author.cookie };
  const unique = (prefix: string) => `${prefix}-${++counter}-${Date.now().toString(36)}`;
  const ok = <T>(res: { status: number; data?: T; error?: unknown }, what: string): T => {
    if (res.status !== 200) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.error).slice(0, 300)}`);
    return res.data!;
  };
  const ownerId = (owner: "self" | "author") => (owner === "author" || role === "anonymous" ? world.userIds.author : world.userIds[role]);
  const entry: Fixtures["entry"] = async (opts = {}) => {
    const kind = opts.kind ?? "fix";
    const status = opts.status ?? "published";
    const fields = kind === "runbook" ? { reviewIntervalDays: 1 } : {};
    const created = ok<{ id: string; version: number }>(
      await trpc(h.app, "entries.create", { kind, title: unique(`Matrix ${kind}`), body: "Raise the pool size.", teamId: h.teams.alpha, visibility: opts.visibility ?? "org", status: status === "published" ? "published" : "draft", fields }, author),
      "entry",
    );
    if (status === "archived") ok(await trpc(h.app, "entries.archive", { id: created.id, expectedVersion: created.version }, author), "archive");
    if (status === "in_review") ok(await trpc(h.app, "entries.submit", { id: created.id, expectedVersion: created.version, reviewers: [world.userIds.member] }, author), "submit");
    return created.id;
  };
  return {
    me: role === "anonymous" ? null : world.userIds[role],
    teams: h.teams,
    people: { member: world.userIds.member },
    unique,
    entry,
    actionItem: async (opts = {}) => {
      const pm = ok<{ id: string }>(
        await trpc(h.app, "entries.create", { kind: "postmortem", title: unique("Matrix outage"), teamId: h.teams.alpha, visibility: opts.visibility ?? "org", status: "published", fields: { severity: "SEV3", actionItems: [{ title: "Add an alert" }] } }, author),
        "postmortem",
      );
      const [item] = await d.select({ id: schema.actionItems.id }).from(schema.actionItems).where(eq(schema.actionItems.entryId, pm.id));
      if (!item) throw new Error("fixture action item: none stored");
      return item.id;
    },
    collection: async () => {
      const entryId = await entry();
      const c = ok<{ id: string; sections: { items: { id: string }[] }[] }>(
        await trpc(h.app, "collections.create", { title: unique("Matrix path"), teamId: h.teams.alpha, sections: [{ title: "Start", items: [{ entryId }] }] }, author),
        "collection",
      );
      return { id: c.id, itemId: c.sections[0]!.items[0]!.id };
    },
    transcript: async () => {
      const report = ok<{ entries: { id: string }[] }>(
        await trpc(h.app, "imports.chatLog", { text: "[10:00] ana: the pool is full\n[10:01] bo: raised it to 50", title: unique("Matrix log"), date: "2026-09-14", teamId: h.teams.alpha, visibility: "org" }, author),
        "transcript",
      );
      const id = report.entries[0]!.id;
      const [row] = await d.select({ fields: schema.entries.fields, status: schema.entries.status }).from(schema.entries).where(eq(schema.entries.id, id));
      const ts = (row!.fields as { messages?: { ts: string }[] }).messages?.[0]?.ts;
      if (!ts) throw new Error("fixture transcript: no messages");
      return { id, ts };
    },
    token: async (owner) => {
      const actor = await loadActor(d, ownerId(owner), "session");
      return (await createToken(d, actor!, unique("tok"))).info.id;
    },
    subscription: async (owner) => {
      const cookie = await sessionCookieFor(h.db.database, ownerId(owner));
      return ok<{ id: string }>(await trpc(h.app, "subscriptions.create", { target: "tag", value: unique("tag").toLowerCase() }, { cookie }), "subscription").id;
    },
    chatLink: async (owner) => {
      const [link] = await d.insert(schema.chatLinks).values({ userId: ownerId(owner), platform: "slack", workspaceId: "T1", externalUserId: unique("U") }).returning();
      return link!.id;
    },
    integration: async () => {
      const cookie = await sessionCookieFor(h.db.database, world.userIds.admin);
      return ok<{ integration: { id: string } }>(await trpc(h.app, "integrations.create", { kind: "generic", name: unique("bot") }, { cookie }), "integration").integration.id;
    },
    user: async () => {
      const [u] = await d.insert(schema.users).values({ handle: unique("spare").toLowerCase(), name: "Spare", orgRole: "member" }).returning();
      return u!.id;
    },
  };
}

function judge(c: Pick<Case, "allow" | "hides" | "allowedStatus">, role: Role, status: number, surface: string, target: string, detail: string): Outcome {
  const expected = c.allow.includes(role) ? "allow" : "deny";
  const allowed = (status >= 200 && status < 300) || (c.allowedStatus !== undefined && status === c.allowedStatus);
  const denied = status === 401 || status === 403 || status === 404;
  let verdict: Outcome["verdict"];
  if (expected === "allow") verdict = allowed ? "ok" : denied ? "unexpected deny" : "wrong status";
  else if (allowed && !denied) verdict = "unexpected allow";
  else if (!denied) verdict = "wrong status";
  // Existence hidden: a signed-in role that may not read must not learn the target exists.
  else if (c.hides && role !== "anonymous" && status !== 404) verdict = "wrong status";
  else verdict = "ok";
  return { surface, target, role, expected, status, verdict, detail };
}

async function asRole(h: Harness, world: World, role: Role): Promise<{ cookie?: string }> {
  // A fresh session per case: a case may sign out or change the password, which ends sessions.
  return role === "anonymous" ? {} : { cookie: await sessionCookieFor(h.db.database, world.userIds[role]) };
}

/** A tRPC call as the portal's client makes it (its batch link sends a mutation without input as `{}`). */
async function call(app: FastifyInstance, path: string, type: "query" | "mutation", input: unknown, auth: { cookie?: string }) {
  if (type === "query" || input !== undefined) return trpc(app, path, input, auth, type);
  const res = await app.inject({ method: "POST", url: `/trpc/${path}?batch=1`, headers: { ...(auth.cookie ? { cookie: auth.cookie } : {}), "x-hindsight-csrf": "1", "content-type": "application/json" }, payload: "{}" });
  const [body] = res.json() as { error?: { message: string; data: { code: string } } }[];
  return { status: res.statusCode, error: body?.error } as Awaited<ReturnType<typeof trpc>>;
}

async function restCall(app: FastifyInstance, method: "GET" | "POST", url: string, body: unknown, bearer: string | null) {
  const headers: Record<string, string> = {};
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  return app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
}

describe.each(pglite)("authorisation matrix on $name", (target) => {
  const collected = routeCollector();
  const { h, run, note } = useHarness(target, { onRoute: collected.onRoute, env: { SLACK_SIGNING_SECRET: "matrix-slack-signing-secret-0123", HINDSIGHT_SECRET_KEY: "a".repeat(64) } });

  run(`every procedure and route has expectations, and every case answers as the table says${note}`, async () => {
    // The table covers exactly what the server has: nothing missing, nothing stale.
    const procs = procedures();
    const missing = procs.filter((p) => !TRPC_EXPECTATIONS[p.path]?.length).map((p) => p.path);
    expect(missing, "procedures missing from authz-expectations.ts").toEqual([]);
    const stale = Object.keys(TRPC_EXPECTATIONS).filter((k) => !procs.some((p) => p.path === k));
    expect(stale, "expectations for procedures that no longer exist").toEqual([]);
    const routes = collected.routes.filter((r) => isApiRoute(r) && !r.url.startsWith("/trpc"));
    const uncovered = routes.filter((r) => !REST_EXPECTATIONS.some((c) => c.method === r.method && c.route === r.url)).map((r) => `${r.method} ${r.url}`);
    expect(uncovered, "REST routes missing from authz-expectations.ts").toEqual([]);

    const world = await makeWorld(h);
    const outcomes: Outcome[] = [];
    for (const proc of procs) {
      for (const c of TRPC_EXPECTATIONS[proc.path]!) {
        // A query changes nothing, so its target is made once and asked about by every role. A
        // mutation's target is made fresh for each role that may change it, and shared by the roles
        // that may not (should one of them get through, that is reported as an unexpected allow).
        const firstDenied = ROLES.find((r) => !c.allow.includes(r));
        const shared = proc.type === "query" ? await c.input(fixtures(h, world, "admin")) : firstDenied ? await c.input(fixtures(h, world, firstDenied)) : undefined;
        for (const role of ROLES) {
          const input = proc.type === "query" || !c.allow.includes(role) ? shared : await c.input(fixtures(h, world, role));
          const res = await call(h.app, proc.path, proc.type, input, await asRole(h, world, role));
          outcomes.push(judge(c, role, res.status, proc.path, c.target, res.error ? `${res.error.data?.code}: ${res.error.message}` : ""));
        }
      }
    }
    for (const c of REST_EXPECTATIONS) {
      const shared = c.method === "GET" ? await c.request(fixtures(h, world, "admin")) : undefined;
      for (const role of ROLES) {
        const { url, body } = shared ?? (await c.request(fixtures(h, world, role)));
        const res = await restCall(h.app, c.method, url, body, role === "anonymous" ? null : world.tokens[role]);
        const surface = `${c.method} ${c.route}`;
        if (res.statusCode >= 400) {
          const ct = String(res.headers["content-type"] ?? "");
          if (!(isSlackRoute(c.route) && ct.startsWith("text/plain"))) expect(ct, `${surface} ${role}`).toMatch(/^application\/json/);
        }
        outcomes.push(judge(c, role, res.statusCode, surface, c.target, res.statusCode >= 400 ? res.body.slice(0, 200) : ""));
      }
    }

    const count = (pred: (o: Outcome) => boolean) => outcomes.filter(pred).length;
    const byStatus = (expected: Outcome["expected"]) =>
      Object.entries(outcomes.filter((o) => o.expected === expected).reduce<Record<number, number>>((acc, o) => ({ ...acc, [o.status]: (acc[o.status] ?? 0) + 1 }), {}))
        .map(([s, n]) => `${s}×${n}`)
        .join(" ");
    const bad = outcomes.filter((o) => o.verdict !== "ok");
    console.log(
      [
        `authorisation matrix on ${target.name}: ${outcomes.length} cases (${procs.length} procedures, ${routes.length} REST routes, ${ROLES.length} roles)`,
        `  expected allows: ${count((o) => o.expected === "allow")} (answered ${byStatus("allow")})`,
        `  expected denies: ${count((o) => o.expected === "deny")} (answered ${byStatus("deny")})`,
        `  unexpected allows: ${count((o) => o.verdict === "unexpected allow")}`,
        `  unexpected denies: ${count((o) => o.verdict === "unexpected deny")}`,
        `  wrong status: ${count((o) => o.verdict === "wrong status")}`,
        ...bad.map((o) => `  ✗ ${o.verdict}: ${o.surface} [${o.target}] as ${o.role} → ${o.status} ${o.detail}`),
      ].join("\n"),
    );
    expect(outcomes.length).toBeGreaterThanOrEqual(MIN_CASES);
    expect(bad.map((o) => `${o.verdict}: ${o.surface} [${o.target}] as ${o.role} → ${o.status} ${o.detail}`)).toEqual([]);
  }, 600_000);
});
