// Bad input never gives a 500. Property-based fuzzing (fast-check) of every REST route Fastify
// registers (seen through onRoute) and every tRPC procedure in the router's record, anonymous and
// signed in (session cookie, bearer token, and the admin token where a procedure is for admins):
// wrong types, oversize strings and bodies, deep nesting, invalid UTF-8, NUL bytes, prototype keys,
// huge arrays and batches, odd query strings, bad cursors and limits, wrong content types.
// Each reply must be under 500; a 4xx must carry the documented JSON error shape; and a refused
// request must leave every checked table exactly as it was (count + md5 of its rows).
// FUZZ_SEED (and FUZZ_RUNS) replay or widen a run; the seed is printed with the counts.
import { databaseTargets } from "@hindsight/db/testing";
import fc from "fast-check";
import { describe, expect } from "vitest";
import { loadConfig } from "./config.js";
import { slackSignature } from "./rest/chatops.js";
import { ADMIN_TOKEN, sessionCookieFor, trpc, useHarness } from "./test/harness.js";
import {
  expectRestError,
  expectSlackError,
  expectTrpcError,
  isApiRoute,
  isSlackRoute,
  procedures,
  routeCollector,
  schemaKeys,
  storedChecksum,
  type Procedure,
  type Reply,
} from "./test/surface.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
/** The surface as of this suite; fewer means enumeration broke (a route or procedure vanishing is noticed too). */
const MIN_REST_ROUTES = 15;
const MIN_PROCEDURES = 79;
/** The app-wide limit the harness runs with (HINDSIGHT_BODY_LIMIT_MB unset). */
const APP_BODY_LIMIT = loadConfig({}).bodyLimit;
const SLACK_SECRET = "fuzz-slack-signing-secret-0123456789";

const targets = await databaseTargets();

// ---------------------------------------------------------------------------------------------
// Arbitraries

/** Ids that exist, so some cases reach the services instead of stopping at "not found". */
const fixtureIds: string[] = [];

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\ud83d",
  "__proto__",
  "constructor",
  "prototype",
  "NaN",
  "Infinity",
  "-1",
  "0",
  "1e309",
  "99999999999999999999999",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' or 1=1 --",
  "%00",
  "%",
  "\u202e\u200b\ufeff",
  "\r\n\r\nX-Injected: 1",
  "javascript:alert(1)",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "eyJvZmZzZXQiOi0xfQ", // base64 {"offset":-1}, a forged cursor
  "MTAwMDAwMDAwMDAwMDAwMA",
  "a:b:c:d",
];

const fixtureId: fc.Arbitrary<string> = fc.nat().map((i) => fixtureIds[i % Math.max(1, fixtureIds.length)] ?? "x");

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 2, arbitrary: fixtureId },
  // Oversize: past every field's maximum (the largest text field takes 5 MB; few cases go there).
  { weight: 1, arbitrary: fc.constantFrom(201, 2_001, 70_000, 300_001).map((n) => "x".repeat(n)) },
);

const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 1.5, 2 ** 31, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e308, -1e308, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nested `n` levels deep (the edge refuses past 32). */
const deep = (n: number): unknown => {
  let v: unknown = "x";
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const leaf: fc.Arbitrary<unknown> = fc.oneof(nastyString, nastyNumber, fc.boolean(), fc.constant(null));

/** A JSON value of any shape, with the schema's own keys and prototype keys among the object keys. */
function nastyValue(keys: string[]): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 4, arbitrary: keys.length ? fc.constantFrom(...keys) : fc.string({ maxLength: 8 }) },
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "\u0000", "", "toString", "hasOwnProperty") },
    { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
  );
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(key, tie("value"), { maxKeys: 5 }),
    ),
  }));
  return fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 1, arbitrary: fc.integer({ min: 33, max: 400 }).map(deep) },
    // Huge arrays: past every list's maximum (batches of 1,000, labels of 20…).
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...(keys.length ? keys : ["x"])), fc.integer({ min: 1_001, max: 20_000 }), leaf).map(([k, n, v]) => ({ [k]: Array(n).fill(v) })) },
    // A constructor.prototype key (JSON.parse keeps it as a plain key; the edge must refuse it).
    { weight: 1, arbitrary: fc.constant({ constructor: { prototype: { polluted: true } } }) },
  );
}

/** A plausible value for a key by its name, so that one bad field meets otherwise good ones. */
function plausible(key: string): fc.Arbitrary<unknown> {
  if (/^id$|Id$/.test(key)) return fc.oneof(fixtureId, fc.uuid());
  if (/Ids$|^reviewers$/.test(key)) return fc.array(fc.uuid(), { maxLength: 2 });
  if (key === "kind") return fc.constantFrom("fix", "runbook", "postmortem", "transcript", "gameday");
  if (key === "visibility") return fc.constantFrom("org", "team", "restricted");
  if (key === "status") return fc.constantFrom("draft", "published", "open", "done");
  if (/^(limit|expectedVersion|from|to|days|queryId|position)$/.test(key)) return fc.integer({ min: 1, max: 5 });
  if (/^(done|enabled|overdue|unreadOnly|isOnboarding|acknowledgeWarnings)$/.test(key)) return fc.boolean();
  if (/^(tags|services|kinds|teams|statuses|severities|messageTs)$/.test(key)) return fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 });
  if (key === "fields" || key === "grants" || key === "files") return fc.constant({});
  return fc.string({ minLength: 1, maxLength: 20 });
}

/** Mostly-plausible objects with one or two fields replaced by something hostile. */
function mutatedObject(keys: string[]): fc.Arbitrary<unknown> {
  if (!keys.length) return nastyValue(keys);
  const base = fc.record(Object.fromEntries(keys.map((k) => [k, plausible(k)])), { requiredKeys: [] });
  return fc
    .tuple(base, fc.subarray(keys, { minLength: 1, maxLength: Math.min(2, keys.length) }), fc.array(nastyValue([]), { minLength: 2, maxLength: 2 }))
    .map(([obj, bad, values]) => ({ ...(obj as object), ...Object.fromEntries(bad.map((k, i) => [k, values[i]])) }));
}

const inputFor = (keys: string[]) => fc.oneof({ weight: 2, arbitrary: mutatedObject(keys) }, { weight: 2, arbitrary: nastyValue(keys) });

/** URL-encodes what can be encoded; a lone surrogate (which encodeURIComponent refuses) goes as the bytes of one. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\ud800-\udfff]/g, "\u0001").split("\u0001").map(encodeURIComponent).join("%ED%A0%80");
  }
}

const RAW_QUERY_VALUES = ["%00", "%ED%A0%80", "%ED%BF%BF", "%F0%90", "%C3%28", "%FF%FE", "%", "%ZZ", "NaN", "-1", "-99999", "1e309", "Infinity", "0x10", "", "1%2C2%2C%00"];
const rawQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...RAW_QUERY_VALUES),
  nastyString.map(enc),
  fc.constantFrom(5_000, 70_000).map((n) => "q".repeat(n)),
);

/** Odd query strings: repeated keys, array and object syntax, raw escapes, lone surrogates. */
function queryString(keys: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...keys, "limit", "cursor") },
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor[prototype][x]", "a[]", "a[0]", "a[b]", "%00", "", "input", "batch") },
  );
  const pair = fc.tuple(key, fc.constantFrom("", "[]", "[0]"), rawQueryValue).map(([k, suffix, v]) => `${k}${suffix}=${v}`);
  return fc.array(pair, { maxLength: 6 }).map((pairs) => (pairs.length ? `?${pairs.join("&")}` : ""));
}

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "application/json; charset=utf-16",
  "text/plain",
  "text/markdown",
  "text/html",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/zip",
  "application/octet-stream",
  "application/xml",
  ";;;",
  "application/json\u0000",
];

const RAW_BODIES = [
  "{",
  '{"a":NaN}',
  '{"limit":Infinity}',
  "[]",
  "null",
  '""',
  "0",
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":"\\u0000"}',
  '{"title":"\\ud800"}',
  '{"a":1,"a":2}',
  "a=b&c=%00",
  "payload=%7B%22type%22%3A%22x%22%7D",
  "PK\u0003\u0004garbage",
  "\ufeff{}",
];

/** A raw body: JSON of a hostile value, text that is not JSON, or bytes that are not UTF-8. */
function rawBody(keys: string[]): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    { weight: 4, arbitrary: inputFor(keys).map((v) => JSON.stringify(v) ?? "null") },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...(keys.length ? keys : ["x"])), fc.uint8Array({ minLength: 1, maxLength: 16 }))
        .map(([k, bytes]) => Buffer.concat([Buffer.from(`{"${k}":"`), Buffer.from([0xff, 0xc3, 0x28, 0xed, 0xa0, 0x80]), Buffer.from(bytes), Buffer.from('"}')])),
    },
    { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 100_000 }).map((n) => "[".repeat(n) + "]".repeat(n)) },
  );
}

/** What Slack posts: a form (slash commands, shortcuts' `payload`) or an Events API envelope. */
const SLACK_FORM_KEYS = ["text", "team_id", "user_id", "user_name", "channel_id", "command", "response_url", "trigger_id", "ssl_check", "payload"];
const SLACK_EVENT_KEYS = ["type", "challenge", "token", "team_id", "event", "unfurls", "links", "channel", "message_ts", "user", "url", "domain"];
const slackPayload = fc.oneof(
  nastyValue(SLACK_EVENT_KEYS).map((v) => JSON.stringify(v) ?? "null"),
  fc.constantFrom("message_action", "shortcut", "block_actions").chain((type) =>
    mutatedObject(["callback_id", "trigger_id", "response_url", "message", "channel", "user", "team"]).map((v) => JSON.stringify({ type, callback_id: "save_to_hindsight", ...(v as object) })),
  ),
);
const slackBody = fc.record({
  form: fc
    .array(fc.tuple(fc.constantFrom(...SLACK_FORM_KEYS), fc.oneof(rawQueryValue, slackPayload.map(enc), fc.constantFrom("search pool", "help", "link", "unlink", "save", "search %00", "1"))), { maxLength: 6 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&")),
  json: fc.oneof(
    slackPayload,
    fc.constantFrom('{"type":"url_verification","challenge":"abc"}', '{"type":"event_callback","event":{"type":"link_shared","links":[{"url":"x"}]}}'),
    mutatedObject(SLACK_EVENT_KEYS).map((v) => JSON.stringify({ type: "event_callback", event: v })),
  ),
});

/** fc.assert, reporting the failing request (its label says method, url and body) instead of a megabyte counterexample. */
async function check<T>(arb: fc.Arbitrary<T>, numRuns: number, predicate: (value: T) => Promise<void>): Promise<void> {
  let failure: string | null = null;
  try {
    await fc.assert(fc.asyncProperty(arb, predicate), { seed: SEED, numRuns, endOnFailure: true });
  } catch (err) {
    // Not rethrown with the error as its cause: that would print fast-check's whole counterexample.
    const where = /\{ seed: [^}]*\}/.exec((err as Error).message)?.[0] ?? "";
    const cause = (err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message;
    failure = `${cause.slice(0, 3_000)}\n(replay: FUZZ_SEED=${SEED}, ${where.slice(0, 200)})`;
  }
  if (failure) throw new Error(failure);
}

// ---------------------------------------------------------------------------------------------
// The suite

interface Auth {
  name: string;
  headers: () => Record<string, string>;
}

describe.each(targets)("input fuzzing on $name", (target) => {
  // Postgres gets the same properties on a smaller sample: the PGlite run is the thorough one.
  const runs = target.name === "pglite" ? RUNS : Math.max(2, Math.ceil(RUNS / 3));
  const collected = routeCollector();
  const { h, run, note } = useHarness(target, { onRoute: collected.onRoute, env: { SLACK_SIGNING_SECRET: SLACK_SECRET } });
  let cookie = "";
  const auths: Auth[] = [
    { name: "anonymous", headers: () => ({}) },
    { name: "session", headers: () => ({ cookie }) },
    { name: "bearer", headers: () => ({ authorization: `Bearer ${h.teammateToken}` }) },
  ];
  const slackSigned: Auth = { name: "slack-signed", headers: () => ({}) };
  const adminAuth: Auth = { name: "admin", headers: () => ({ authorization: `Bearer ${ADMIN_TOKEN}` }) };
  const tried = new Map<string, number>();

  // What is stored, once the writes that wait in memory (the search log, written in batches off the
  // request path) are in the tables: an accepted search's log row lands in the baseline, and a row a
  // refused request queued would show up as a change.
  const stored = async () => {
    await h.app.searchLog.flush();
    return storedChecksum(h.db.database);
  };

  /** Sends, checks the reply, and (for a refusal) that nothing stored changed since the last accepted request. */
  async function attempt(label: string, kind: "rest" | "trpc", send: () => Promise<Reply>, state: { before: Record<string, string> | null }) {
    tried.set(label.split(" [")[0]!, (tried.get(label.split(" [")[0]!) ?? 0) + 1);
    const before = state.before ?? (await stored());
    const res = await send();
    expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (res.statusCode >= 400) {
      if (kind === "rest") (isSlackRoute(label.split(" ")[1] ?? "") ? expectSlackError : expectRestError)(res, label);
      else expectTrpcError(res, label);
      expect(await stored(), `${label}: a refused request changed what is stored`).toEqual(before);
      state.before = before;
    } else {
      // Slack's routes answer their own failures with a 200 message to the person; one saying our side
      // failed is a 500 in disguise.
      expect(res.body, `${label}: an internal failure behind a 200`).not.toMatch(/went wrong on (our|Hindsight's) side/);
      // Accepted (a valid search, a sign-out…): the new state is the baseline for what follows, and a
      // session a request may have ended (sign-out, password change) is replaced.
      state.before = null;
      cookie = await sessionCookieFor(h.db.database, h.people.author.id);
    }
  }

  run(`sets up fixtures the cases can point at${note}`, async () => {
    cookie = await sessionCookieFor(h.db.database, h.people.author.id);
    const entry = await trpc<{ id: string }>(h.app, "entries.create", { kind: "fix", title: "Pool exhausted", body: "Raise it.", teamId: h.teams.alpha, status: "published" }, { cookie });
    const draft = await trpc<{ id: string }>(h.app, "entries.create", { kind: "postmortem", title: "Outage", teamId: h.teams.alpha, visibility: "team" }, { cookie });
    expect(entry.status).toBe(200);
    expect(draft.status).toBe(200);
    const collection = await trpc<{ id: string }>(h.app, "collections.create", { title: "Onboarding", teamId: h.teams.alpha, sections: [{ title: "Start", items: [{ entryId: entry.data!.id }] }] }, { cookie });
    expect(collection.status).toBe(200);
    fixtureIds.length = 0; // this database's ids only
    fixtureIds.push(entry.data!.id, draft.data!.id, collection.data!.id, h.teams.alpha, h.teams.beta, h.people.author.id, h.people.other.id);
  });

  run(`every REST route: never a 5xx, errors in the REST shape, nothing stored on a refusal${note}`, async () => {
    const routes = collected.routes.filter((r) => isApiRoute(r) && !r.url.startsWith("/trpc"));
    expect(routes.length, `REST routes found: ${routes.map((r) => `${r.method} ${r.url}`).join(", ")}`).toBeGreaterThanOrEqual(MIN_REST_ROUTES);
    for (const route of routes) {
      const params = route.url.match(/:[A-Za-z]+|\*/g) ?? [];
      const keys = ["q", "kind", "team", "service", "tag", "status", "year", "sort", "source", "visibility", "externalKey", "title", "markdown", "documents", "entries", "files", "text", "expectedVersion", "payload", "type"];
      const cases = fc.record({
        params: fc.array(fc.oneof(nastyString.map(enc), fc.constantFrom("%00", "%ED%A0%80", "%", "..%2F..", "x".repeat(6_000))), { minLength: params.length, maxLength: params.length }),
        query: queryString(keys),
        contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }),
        body: fc.option(rawBody(keys), { nil: undefined, freq: 4 }),
      });
      const slack = isSlackRoute(route.url);
      for (const auth of slack ? [...auths, slackSigned] : auths) {
        const state = { before: null as Record<string, string> | null };
        await check(fc.tuple(cases, slackBody), runs, async ([c, form]) => {
            if (auth === slackSigned) {
              // Signed with the server's secret, so the cases reach the handlers behind the signature check.
              c = { ...c, body: route.url.endsWith("/events") ? form.json : form.form, contentType: route.url.endsWith("/events") ? "application/json" : "application/x-www-form-urlencoded" };
            }
            let i = 0;
            const url = route.url.replace(/:[A-Za-z]+|\*/g, () => c.params[i++] ?? "x") + c.query;
            // Every case carries the portal's same-origin header (plugins/csrf.ts), so it reaches validation.
            const headers: Record<string, string> = { "x-hindsight-csrf": "1", ...auth.headers() };
            if (auth === slackSigned) {
              const ts = String(Math.floor(Date.now() / 1000));
              Object.assign(headers, { "x-slack-request-timestamp": ts, "x-slack-signature": slackSignature(SLACK_SECRET, ts, String(c.body)) });
            }
            if (c.contentType) headers["content-type"] = c.contentType;
            const label = `${route.method} ${route.url} [${auth.name}] ${url.slice(0, 200)} ${headers["content-type"] ?? ""} ${String(c.body).slice(0, 120)}`;
            await attempt(label, "rest", () => h.app.inject({ method: route.method as "GET", url, headers, payload: c.body }), state);
        });
      }
    }
    console.log(`REST fuzzing on ${target.name} (seed ${SEED}):\n${[...tried].filter(([k]) => !k.startsWith("trpc ")).map(([k, n]) => `  ${n}\t${k}`).join("\n")}`);
  }, 600_000);

  run(`every REST route with a body: one byte over its body limit is a 413 in the REST shape${note}`, async () => {
    const posts = collected.routes.filter((r) => isApiRoute(r) && r.method === "POST" && !r.url.startsWith("/trpc"));
    const limits: string[] = [];
    for (const route of posts) {
      const limit = route.bodyLimit ?? APP_BODY_LIMIT;
      const url = route.url.replace(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000000");
      const state = { before: null as Record<string, string> | null };
      for (const auth of [auths[0]!, auths[2]!]) {
        await attempt(`${route.method} ${route.url} [${auth.name}] over the body limit`, "rest", async () => {
          const res = await h.app.inject({ method: "POST", url, headers: { "x-hindsight-csrf": "1", ...auth.headers(), "content-type": "application/json" }, payload: Buffer.alloc(limit + 1, 0x20) });
          // 401 before the body is read is also a refusal; anything else must be Fastify's 413.
          if (res.statusCode !== 401) expect(res.statusCode, `${route.url}: ${res.body.slice(0, 200)}`).toBe(413);
          return res;
        }, state);
      }
      limits.push(`${route.url}: ${limit} bytes`);
    }
    // tRPC (the portal's imports) has the app's limit; its 413 comes in tRPC's shape.
    const trpcState = { before: null as Record<string, string> | null };
    await attempt("trpc imports.markdown [session] over the body limit", "trpc", async () => {
      const res = await h.app.inject({ method: "POST", url: "/trpc/imports.markdown", headers: { cookie, "x-hindsight-csrf": "1", "content-type": "application/json" }, payload: Buffer.alloc(APP_BODY_LIMIT + 1, 0x20) });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(413);
      return res;
    }, trpcState);
    limits.push(`/trpc/*: ${APP_BODY_LIMIT} bytes`);
    console.log(`body limits on ${target.name}:\n  ${limits.join("\n  ")}`);
  }, 300_000);

  run(`every tRPC procedure: never a 5xx, errors in the tRPC shape, nothing stored on a refusal${note}`, async () => {
    const procs = procedures();
    expect(procs.length).toBeGreaterThanOrEqual(MIN_PROCEDURES);
    expect(collected.routes.some((r) => r.url.startsWith("/trpc")), "tRPC's routes were not seen").toBe(true);
    for (const proc of procs) {
      const keys = schemaKeys(proc.input);
      const cases = fc.record({
        transport: fc.constantFrom("native", "native", "native", "native", "wrongMethod", "rawQuery", "rawBody", "batch"),
        input: inputFor(keys),
        raw: rawBody(keys),
        query: queryString(["input", "batch"]),
        contentType: fc.constantFrom(...CONTENT_TYPES),
        batch: fc.integer({ min: 2, max: 120 }),
      });
      const forAdmins = proc.path.startsWith("integrations.") || proc.path === "teams.create";
      for (const auth of forAdmins ? [...auths, adminAuth] : auths) {
        const state = { before: null as Record<string, string> | null };
        await check(cases, runs, async (c) => {
            const req = trpcRequest(proc, c, { "x-hindsight-csrf": "1", ...auth.headers() });
            const label = `trpc ${proc.path} [${auth.name}] ${c.transport} ${req.method} ${req.url.slice(0, 200)} ${String(req.payload ?? "").slice(0, 120)}`;
            await attempt(label, "trpc", () => h.app.inject(req), state);
        });
      }
    }
    const counts = [...tried].filter(([k]) => k.startsWith("trpc "));
    console.log(`tRPC fuzzing on ${target.name} (seed ${SEED}): ${counts.reduce((s, [, n]) => s + n, 0)} cases over ${counts.length} procedures\n${counts.map(([k, n]) => `  ${n}\t${k.slice(5)}`).join("\n")}`);
  }, 900_000);
});

interface TrpcCase {
  transport: string;
  input: unknown;
  raw: string | Buffer;
  query: string;
  contentType: string;
  batch: number;
}

/** One tRPC request: the procedure's own method and encoding, or a wrong method, raw query, raw body or a batch. */
function trpcRequest(proc: Procedure, c: TrpcCase, auth: Record<string, string>) {
  const json = JSON.stringify(c.input);
  const asQuery = proc.type === "query";
  switch (c.transport) {
    case "wrongMethod":
      return asQuery
        ? { method: "POST" as const, url: `/trpc/${proc.path}`, headers: { ...auth, "content-type": "application/json" }, payload: json ?? "null" }
        : { method: "GET" as const, url: `/trpc/${proc.path}?input=${enc(json ?? "")}`, headers: auth };
    case "rawQuery":
      return { method: asQuery ? ("GET" as const) : ("POST" as const), url: `/trpc/${proc.path}${c.query}`, headers: auth };
    case "rawBody":
      return { method: "POST" as const, url: `/trpc/${proc.path}`, headers: { ...auth, "content-type": c.contentType }, payload: c.raw };
    case "batch": {
      const many = JSON.stringify(Object.fromEntries(Array.from({ length: c.batch }, (_, i) => [i, c.input])));
      const paths = Array(c.batch).fill(proc.path).join(",");
      return asQuery
        ? { method: "GET" as const, url: `/trpc/${paths}?batch=1&input=${enc(many)}`, headers: auth }
        : { method: "POST" as const, url: `/trpc/${paths}?batch=1`, headers: { ...auth, "content-type": "application/json" }, payload: many };
    }
    default:
      return asQuery
        ? { method: "GET" as const, url: `/trpc/${proc.path}${json === undefined ? "" : `?input=${enc(json)}`}`, headers: auth }
        : { method: "POST" as const, url: `/trpc/${proc.path}`, headers: { ...auth, "content-type": "application/json" }, payload: json ?? "null" };
  }
}
