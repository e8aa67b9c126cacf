// Cross-site request forgery, as a browser would send it: a page on another site can make the victim's
// browser POST to /trpc with the session cookie, but cannot add the X-Hindsight-CSRF header, and the
// browser says where the request came from (Origin, Sec-Fetch-Site). Forged writes are refused with 403
// and change nothing; the portal's own calls, bearer tokens and reads pass. Cookie attributes too.
import { schema } from "@hindsight/db";
import { count } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { CSRF_HEADER } from "@hindsight/domain";
import type { FastifyInstance } from "fastify";
import { describe, expect } from "vitest";
import { useHarness } from "../test/harness.js";

const [pglite] = await databaseTargets();

const ENTRY = { kind: "fix", title: "Restart the stuck consumer", body: "Restart it, then check the lag.", visibility: "org" };

async function post(app: FastifyInstance, url: string, payload: unknown, headers: Record<string, string>) {
  return app.inject({ method: "POST", url, headers: { "content-type": "application/json", ...headers }, payload: JSON.stringify(payload) });
}

describe("same-origin proof for cookie-authenticated writes", () => {
  const { h, run, note } = useHarness(pglite!, { env: { HINDSIGHT_PUBLIC_URL: "http://hindsight.test" } });
  const entries = async () => Number((await h.db.database.db.select({ n: count() }).from(schema.entries))[0]!.n);

  run(`a forged cross-site mutation with the victim's cookie is refused 403, naming why, and changes nothing${note}`, async () => {
    const before = await entries();
    const forgeries: Record<string, string>[] = [
      // A form post or fetch from another site: the cookie rides along, the header cannot.
      { cookie: h.people.author.cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      // An old browser that sends neither Origin nor Sec-Fetch-Site: the missing header still gives it away.
      { cookie: h.people.author.cookie },
      // Even with the header (say a future CORS mistake let it through), another origin is refused.
      { cookie: h.people.author.cookie, [CSRF_HEADER]: "1", origin: "https://evil.example" },
      // A sibling subdomain is same-site but not same-origin.
      { cookie: h.people.author.cookie, [CSRF_HEADER]: "1", "sec-fetch-site": "same-site" },
    ];
    for (const headers of forgeries) {
      const res = await post(h.app, "/trpc/entries.create", ENTRY, headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      const body = res.json();
      expect(body.error.data).toMatchObject({ code: "FORBIDDEN", httpStatus: 403, path: "entries.create", details: { reason: "csrf" } });
      expect(body.error.message).toMatch(headers[CSRF_HEADER] ? /Cross-site request refused/ : /x-hindsight-csrf header is missing/);
    }
    // The portal batches: each call of a refused batch gets the refusal, in tRPC's batch shape.
    const batch = await post(h.app, "/trpc/entries.create,me.createToken?batch=1", { 0: ENTRY, 1: { name: "stolen" } }, { cookie: h.people.author.cookie });
    expect(batch.statusCode).toBe(403);
    expect((batch.json() as { error: { data: { path: string } } }[]).map((r) => r.error.data.path)).toEqual(["entries.create", "me.createToken"]);
    expect(await entries()).toBe(before);
    const tokens = await h.db.database.db.select({ n: count() }).from(schema.apiTokens);
    expect(Number(tokens[0]!.n)).toBe(1); // only the harness's own
  });

  run(`the portal's own call (header, same origin) passes, from the public URL or the request's own host${note}`, async () => {
    const before = await entries();
    const fromPublic = await post(h.app, "/trpc/entries.create", ENTRY, {
      cookie: h.people.author.cookie,
      [CSRF_HEADER]: "1",
      origin: "http://hindsight.test",
      "sec-fetch-site": "same-origin",
    });
    expect(fromPublic.statusCode, fromPublic.body).toBe(200);
    // Reached by another name than the public URL (127.0.0.1 in a test, an internal host name): its own origin.
    const fromOwnHost = await post(h.app, "/trpc/entries.create", { ...ENTRY, title: "Another fix" }, {
      cookie: h.people.author.cookie,
      [CSRF_HEADER]: "1",
      host: "10.0.0.7:3000",
      origin: "http://10.0.0.7:3000",
    });
    expect(fromOwnHost.statusCode, fromOwnHost.body).toBe(200);
    expect(await entries()).toBe(before + 2);
  });

  run(`bearer tokens and reads need no proof; sign-in and sign-up do (no forged sign-in into someone's account)${note}`, async () => {
    const rest = await post(h.app, "/api/v1/entries", { ...ENTRY, title: "From CI" }, { authorization: `Bearer ${h.teammateToken}` });
    expect(rest.statusCode, rest.body).toBe(201);
    const trpcWithToken = await post(h.app, "/trpc/entries.create", { ...ENTRY, title: "From a bot" }, { authorization: `Bearer ${h.teammateToken}` });
    expect(trpcWithToken.statusCode, trpcWithToken.body).toBe(200);
    const read = await h.app.inject({ method: "GET", url: "/trpc/me.get", headers: { cookie: h.people.author.cookie, origin: "https://evil.example" } });
    expect(read.statusCode).toBe(200);

    const signUp = { handle: "mallory", name: "Mallory", password: "correct horse battery staple" };
    const forged = await post(h.app, "/trpc/auth.signUp", signUp, { origin: "https://evil.example" });
    expect(forged.statusCode).toBe(403);
    const forgedSignIn = await post(h.app, "/trpc/auth.signIn", { login: "author", password: "whatever it is" }, {});
    expect(forgedSignIn.statusCode).toBe(403);
    const real = await post(h.app, "/trpc/auth.signUp", signUp, { [CSRF_HEADER]: "1" });
    expect(real.statusCode, real.body).toBe(200);
  });

  run(`the session cookie is HttpOnly, SameSite=Lax, site-wide, and not Secure on plain http${note}`, async () => {
    const res = await post(h.app, "/trpc/auth.signUp", { handle: "cookie-check", name: "Cookie Check", password: "correct horse battery staple" }, { [CSRF_HEADER]: "1" });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^hs_session=hss_/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
  });
});

describe("cookies over TLS", () => {
  const { h, run, note } = useHarness(pglite!, { env: { HINDSIGHT_PUBLIC_URL: "https://hindsight.example.com" } });

  run(`an https public URL marks the session cookie Secure${note}`, async () => {
    const res = await post(h.app, "/trpc/auth.signUp", { handle: "secure-check", name: "Secure Check", password: "correct horse battery staple" }, { [CSRF_HEADER]: "1" });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
  });
});
