// Structured logs: real traffic (sign-up, sign-in, an API token made and used, searches with secrets
// pasted into the query, an entry published with secrets in it, a token in a query string) at the
// most verbose level, with the log written to a captured stream; then every planted secret, token,
// password and cookie value is searched for in the log text: none may appear. Request ids: a valid
// incoming x-request-id is honoured and echoed, anything else replaced.
import { PassThrough } from "node:stream";
import { databaseTargets } from "@hindsight/db/testing";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, useHarness } from "../test/harness.js";
import { safeUrl, scrubLogLine } from "./logging.js";

const targets = await databaseTargets();
// Logging does not depend on the database: the embedded one is enough.
const target = targets[0]!;

const captured: string[] = [];
const logStream = new PassThrough();
logStream.on("data", (chunk: Buffer) => captured.push(chunk.toString("utf8")));

const PASSWORD = "Zebra-quantum 8812 planted passphrase";
const AWS_KEY = "AKIAZ7Q3PLNTD4XYZ2AB";
const GITHUB_TOKEN = "ghp_PlantedGithubToken0123456789abcdefXY";
const DB_PASSWORD = "s3cr3t-Planted-DbPass";

describe("logs hold no secrets", () => {
  const { h, run, note } = useHarness(target, { env: { LOG_LEVEL: "trace", HINDSIGHT_TRUST_PROXY: "true" }, logStream });

  const call = async (method: "GET" | "POST", url: string, opts: { body?: unknown; cookie?: string; bearer?: string; requestId?: string } = {}) => {
    // The portal's same-origin header (plugins/csrf.ts), as every browser write carries it.
    const headers: Record<string, string> = { "x-hindsight-csrf": "1" };
    if (opts.cookie) headers.cookie = opts.cookie;
    if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
    if (opts.requestId) headers["x-request-id"] = opts.requestId;
    if (opts.body !== undefined) headers["content-type"] = "application/json";
    return h.app.inject({ method, url, headers, payload: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  };
  const sessionOf = (res: { headers: Record<string, unknown> }) => {
    const set = ([] as string[]).concat((res.headers["set-cookie"] as string | string[] | undefined) ?? []);
    const c = set.find((v) => v.startsWith("hs_session=") && !v.startsWith("hs_session=;"));
    return c ? c.split(";")[0]! : null;
  };

  run(`after sign-in, token use, searches and a publish with secrets, the log holds none of them${note}`, async () => {
    const planted: string[] = [PASSWORD, AWS_KEY, GITHUB_TOKEN, DB_PASSWORD, ADMIN_TOKEN];

    const signUp = await call("POST", "/trpc/auth.signUp", { body: { handle: "logan", name: "Logan Log", password: PASSWORD }, requestId: "signup-1" });
    expect(signUp.statusCode).toBe(200);
    expect(signUp.headers["x-request-id"]).toBe("signup-1");
    const signIn = await call("POST", "/trpc/auth.signIn", { body: { login: "logan", password: PASSWORD } });
    expect(signIn.statusCode).toBe(200);
    const cookie = sessionOf(signIn)!;
    expect(cookie).toMatch(/^hs_session=hss_/);
    planted.push(cookie.slice("hs_session=".length), sessionOf(signUp)!.slice("hs_session=".length));
    const wrong = await call("POST", "/trpc/auth.signIn", { body: { login: "logan", password: `${PASSWORD} but wrong` } });
    expect(wrong.statusCode).toBe(401);

    const made = await call("POST", "/trpc/me.createToken", { body: { name: "log bot" }, cookie });
    expect(made.statusCode).toBe(200);
    const token = (made.json() as { result: { data: { token: string } } }).result.data.token;
    expect(token).toMatch(/^hst_/);
    planted.push(token, h.teammateToken);

    // Searches with secrets pasted into the query: REST with the new token, tRPC with the session.
    expect((await call("GET", `/api/v1/search?q=${encodeURIComponent(`AccessDenied ${AWS_KEY}`)}`, { bearer: token })).statusCode).toBe(200);
    const trpcSearch = await call("GET", `/trpc/search.query?input=${encodeURIComponent(JSON.stringify({ q: `clone failed ${GITHUB_TOKEN}` }))}`, { cookie });
    expect(trpcSearch.statusCode).toBe(200);
    // A token in a query string (some tools put it there), on a route that does not take it.
    expect((await call("GET", `/api/v1/search?q=x&access_token=${token}`)).statusCode).toBe(401);
    expect((await call("GET", `/healthz?token=${h.teammateToken}`)).statusCode).toBe(200);

    // Publishing an entry full of secrets, with the teammate's token.
    const published = await call("POST", "/api/v1/entries", {
      bearer: h.teammateToken,
      body: {
        kind: "fix",
        title: "Rotate the leaked deploy key",
        status: "published",
        body: `The job printed DB_PASSWORD=${DB_PASSWORD} and aws_access_key_id = ${AWS_KEY} and ${GITHUB_TOKEN}.`,
        externalKey: "log-secrets",
      },
    });
    expect(published.statusCode).toBe(201);
    // The same with a bad field, so the refusal path runs with the secrets in the body.
    const refused = await call("POST", "/api/v1/entries", { bearer: h.teammateToken, body: { kind: "nope", title: `x ${GITHUB_TOKEN}`, body: DB_PASSWORD } });
    expect(refused.statusCode).toBe(400);
    // The admin token too.
    expect((await call("GET", "/api/v1/search?q=rotate", { bearer: ADMIN_TOKEN })).statusCode).toBe(200);

    await new Promise((r) => setImmediate(r));
    const log = captured.join("");
    // The log did record this traffic, with request ids and scrubbed URLs (else the test proves nothing).
    expect(log).toContain('"reqId":"signup-1"');
    expect(log).toMatch(/"url":"\/api\/v1\/search\?q=\[redacted\]"/);
    expect(log).toMatch(/"url":"\/api\/v1\/entries","route":"\/api\/v1\/entries"/);
    expect(log.split("\n").filter(Boolean).length).toBeGreaterThan(20);
    for (const secret of planted) {
      expect(log.includes(secret), `the log holds ${secret.slice(0, 6)}…`).toBe(false);
      // Nor URL-encoded (query strings).
      expect(log.includes(encodeURIComponent(secret)), `the log holds ${secret.slice(0, 6)}… encoded`).toBe(false);
    }
    expect(log).not.toMatch(/hs[tsuw]_[A-Za-z0-9_-]{16,}/);
  });

  run(`honours a valid incoming x-request-id and replaces an invalid one${note}`, async () => {
    const ok = await call("GET", "/healthz", { requestId: "lb-7f3a.b2:1" });
    expect(ok.headers["x-request-id"]).toBe("lb-7f3a.b2:1");
    for (const bad of ["has spaces in it", "x".repeat(129), "quote\"d"]) {
      const res = await call("GET", "/healthz", { requestId: bad });
      expect(res.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    }
    const none = await call("GET", "/healthz");
    const another = await call("GET", "/healthz");
    expect(none.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(another.headers["x-request-id"]).not.toBe(none.headers["x-request-id"]);
  });
});

describe("log scrubbing rules", () => {
  it.each([
    ["/api/v1/search?q=secret+stuff&limit=5", "/api/v1/search?q=[redacted]&limit=5"],
    ["/trpc/search.query?batch=1&input=%7B%7D", "/trpc/search.query?batch=1&input=[redacted]"],
    ["/auth/oidc/callback?code=abc&state=def", "/auth/oidc/callback?code=[redacted]&state=[redacted]"],
    ["/api/v1/entries/abc", "/api/v1/entries/abc"],
    ["/x?limit=5%20or%201=1", "/x?limit=[redacted]"],
  ])("safeUrl(%s)", (url, expected) => {
    expect(safeUrl(url)).toBe(expected);
  });

  it("replaces Hindsight's own secrets and recognised secrets in a finished line", () => {
    const line = `{"msg":"x hst_${"a".repeat(43)} cookie hs_session=hss_${"b".repeat(43)}; ${GITHUB_TOKEN}"}`;
    const out = scrubLogLine(line);
    expect(out).not.toContain("aaaa");
    expect(out).not.toContain("bbbb");
    expect(out).not.toContain(GITHUB_TOKEN);
    expect(() => JSON.parse(out)).not.toThrow();
  });
});
