// Single sign-on against a real OpenID provider started in this test (oidc-provider, via
// @hindsight/test-idp), through Hindsight's real HTTP server: the authorization code flow with PKCE,
// just-in-time provisioning, the groups claim giving (and, at the next sign-in, taking away) a team's
// rights, RP-initiated logout, and refusals of a bad state, nonce or issuer with a clear message.
import { createServer } from "node:net";
import { schema } from "@hindsight/db";
import { eq, sql } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { startTestIdp, type TestIdp } from "@hindsight/test-idp";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { useHarness } from "../test/harness.js";

const targets = await databaseTargets();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A browser's cookie handling, as much as these round trips need: one jar per host:port, names only. */
class Browser {
  private jars = new Map<string, Map<string, string>>();
  private jar(url: URL) {
    let jar = this.jars.get(url.host);
    if (!jar) this.jars.set(url.host, (jar = new Map()));
    return jar;
  }
  cookie(url: string, name: string): string | undefined {
    return this.jar(new URL(url)).get(name);
  }
  setCookie(url: string, name: string, value: string) {
    this.jar(new URL(url)).set(name, value);
  }
  /** One request, no redirect following; remembers Set-Cookie. */
  async request(url: string, init: { method?: string; form?: Record<string, string>; json?: unknown } = {}) {
    const target = new URL(url);
    const jar = this.jar(target);
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (init.form) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    } else if (init.json !== undefined) {
      headers["content-type"] = "application/json";
      // JSON calls are the portal's tRPC calls, which carry its same-origin proof (plugins/csrf.ts).
      headers["x-hindsight-csrf"] = "1";
      body = JSON.stringify(init.json);
    }
    const res = await fetch(target, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      const expired = value === "" || attrs.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired) jar.delete(name!.trim());
      else jar.set(name!.trim(), value);
    }
    const location = res.headers.get("location");
    return { status: res.status, location: location ? new URL(location, target).href : null, text: await res.text() };
  }
  /** Follows redirects until a page (non-3xx) or a URL for which `stop` says so. */
  async follow(url: string, stop: (url: string) => boolean = () => false) {
    let current = url;
    for (let i = 0; i < 20; i++) {
      if (stop(current)) return { url: current, status: 0, text: "" };
      const res = await this.request(current);
      if (res.status < 300 || res.status >= 400 || !res.location) return { url: current, ...res };
      current = res.location;
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

const hindsightPort = await freePort();
const base = `http://127.0.0.1:${hindsightPort}`;
const idp: TestIdp = await startTestIdp({
  redirectUris: [`${base}/auth/oidc/callback`],
  postLogoutRedirectUris: [`${base}/sign-in`],
  accounts: {
    grace: { email: "grace@example.com", name: "Grace Hopper", groups: ["eng-payments", "everyone"] },
    linus: { email: "linus@example.com", name: "Linus T", groups: ["everyone"] },
  },
});
afterAll(() => idp.stop());

const oidcEnv = {
  PORT: String(hindsightPort),
  HOST: "127.0.0.1",
  HINDSIGHT_PUBLIC_URL: base,
  HINDSIGHT_OIDC_ISSUER: idp.issuer,
  HINDSIGHT_OIDC_CLIENT_ID: idp.clientId,
  HINDSIGHT_OIDC_CLIENT_SECRET: idp.clientSecret,
  HINDSIGHT_OIDC_GROUP_MAP: "eng-payments=team:payments:maintainer,eng-payments=team:alpha",
  HINDSIGHT_OIDC_NAME: "Test IdP",
};

/** Signs in at the provider as `username` and comes back through Hindsight's callback; returns the last response. */
async function ssoSignIn(browser: Browser, username: string, opts: { beforeCallback?: (callbackUrl: string) => Promise<string> } = {}) {
  const start = await browser.request(`${base}/auth/oidc/start?returnTo=${encodeURIComponent("/entries")}`);
  expect(start.status, start.text).toBe(302);
  const authorize = new URL(start.location!);
  expect(authorize.origin).toBe(idp.issuer);
  // PKCE with S256, state and nonce are all on the way out.
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(authorize.searchParams.get("state")).toBeTruthy();
  expect(authorize.searchParams.get("nonce")).toBeTruthy();

  const isCallback = (url: string) => url.startsWith(`${base}/auth/oidc/callback`);
  let at = await browser.follow(authorize.href, isCallback);
  if (!isCallback(at.url)) {
    expect(at.text).toContain("Sign in to the test provider");
    const post = await browser.request(at.url, { form: { login: username } });
    expect(post.status, post.text).toBe(303);
    at = await browser.follow(post.location!, isCallback);
  }
  expect(isCallback(at.url), `ended at ${at.url}: ${at.text.slice(0, 300)}`).toBe(true);
  const callbackUrl = opts.beforeCallback ? await opts.beforeCallback(at.url) : at.url;
  return browser.request(callbackUrl);
}

const signInError = (location: string | null) => new URL(location!).searchParams.get("error") ?? "";

async function me(browser: Browser) {
  const res = await browser.request(`${base}/trpc/me.get`);
  return (JSON.parse(res.text) as { result: { data: { handle: string; orgRole: string; teams: { slug: string; role: string }[] } | null } }).result.data;
}

describe.each(targets)("single sign-on against a real OpenID provider, on $name", (target) => {
  const { h, run, note } = useHarness(target, { env: oidcEnv });
  beforeAll(async () => {
    if (target.skipReason) return;
    await h.app.listen({ port: hindsightPort, host: "127.0.0.1" });
    idp.setAccount("grace", { email: "grace@example.com", name: "Grace Hopper", groups: ["eng-payments", "everyone"] });
  });
  afterAll(async () => {
    // The next database target listens on the same port.
    if (!target.skipReason) await h.app.close();
  });

  run(`signs in with the code flow and PKCE, provisions the person, and maps groups to teams${note}`, async () => {
    const options = await new Browser().request(`${base}/trpc/auth.options`);
    expect(JSON.parse(options.text).result.data.sso).toEqual({ name: "Test IdP", startUrl: "/auth/oidc/start" });

    const browser = new Browser();
    const done = await ssoSignIn(browser, "grace");
    expect(done.status).toBe(302);
    expect(done.location).toBe(`${base}/entries`);
    expect(browser.cookie(base, "hs_session")).toBeTruthy();

    const grace = await me(browser);
    expect(grace).toMatchObject({ handle: "grace", orgRole: "member" });
    expect(grace!.teams.map((t) => `${t.slug}:${t.role}`).sort()).toEqual(["alpha:member", "payments:maintainer"]);

    // The team's rights, not just the row: an alpha-only draft is readable by a member of alpha.
    const [identity] = await h.db.database.db.select().from(schema.userIdentities).where(eq(schema.userIdentities.subject, "grace"));
    expect(identity).toMatchObject({ issuer: idp.issuer, groups: ["eng-payments", "everyone"] });
    const [audit] = await h.db.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "team.membership_sync"));
    expect(audit).toBeTruthy();
  });

  run(`gives a mapped team's rights, and takes them away when the group is removed at the provider${note}`, async () => {
    idp.setAccount("grace", { email: "grace@example.com", name: "Grace Hopper", groups: ["eng-payments"] });
    const first = new Browser();
    expect((await ssoSignIn(first, "grace")).status).toBe(302);
    // A restricted entry of team alpha: readable only by alpha's members.
    const created = await fetch(`${base}/api/v1/entries`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.teammateToken}`, "content-type": "application/json" },
      body: JSON.stringify({ kind: "fix", title: "Alpha-only fix for the ledger lock", body: "Restart the ledger worker.", team: "alpha", visibility: "team" }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { slug } = (await created.json()) as { slug: string };
    const read = async (browser: Browser) => (await browser.request(`${base}/trpc/entries.get?input=${encodeURIComponent(JSON.stringify({ slug }))}`)).status;
    expect(await read(first)).toBe(200);

    // The provider drops the group; the next sign-in drops the team, and with it the right to read.
    idp.setAccount("grace", { email: "grace@example.com", name: "Grace Hopper", groups: ["everyone"] });
    const second = new Browser();
    expect((await ssoSignIn(second, "grace")).status).toBe(302);
    expect((await me(second))!.teams).toEqual([]);
    expect(await read(second)).toBe(404);

    // A membership given in the portal (not by the provider) is left alone by the sync.
    const [grace] = await h.db.database.db.select().from(schema.users).where(eq(schema.users.handle, "grace"));
    await h.db.database.db.insert(schema.teamMemberships).values({ teamId: h.teams.beta, userId: grace!.id, role: "member" });
    const third = new Browser();
    expect((await ssoSignIn(third, "grace")).status).toBe(302);
    expect((await me(third))!.teams.map((t) => t.slug)).toEqual(["beta"]);
  });

  run(`signs out at Hindsight and at the provider (RP-initiated logout)${note}`, async () => {
    const browser = new Browser();
    expect((await ssoSignIn(browser, "linus")).status).toBe(302);
    const out = await browser.request(`${base}/trpc/auth.signOut?batch=1`, { json: {} });
    const body = JSON.parse(out.text)[0].result.data as { redirectTo: string };
    const logout = new URL(body.redirectTo);
    expect(logout.origin).toBe(idp.issuer);
    expect(logout.searchParams.get("id_token_hint")).toBeTruthy();
    expect(logout.searchParams.get("post_logout_redirect_uri")).toBe(`${base}/sign-in`);
    expect(await me(browser)).toBeNull();

    const confirm = await browser.follow(logout.href);
    expect(confirm.text).toContain("Yes, sign me out");
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)?.[1];
    const action = /action="([^"]+)"/.exec(confirm.text)?.[1];
    const signOuts = idp.signOuts;
    const done = await browser.request(new URL(action!, idp.issuer).href, { form: { xsrf: xsrf!, logout: "yes" } });
    const landed = await browser.follow(done.location!, (url) => url.startsWith(`${base}/sign-in`));
    expect(landed.url).toBe(`${base}/sign-in`);
    expect(idp.signOuts).toBe(signOuts + 1);
  });

  run(`refuses a bad state, a bad nonce and a wrong issuer, each with a clear message${note}`, async () => {
    // State: the callback must carry the state this browser started with.
    const bad = await ssoSignIn(new Browser(), "linus", {
      beforeCallback: async (url) => {
        const u = new URL(url);
        u.searchParams.set("state", "not-the-state-we-sent");
        return u.href;
      },
    });
    expect(bad.status).toBe(302);
    expect(signInError(bad.location)).toMatch(/does not belong to a sign-in started in this browser \(state mismatch\)/);

    // A callback replayed after it was used: the state is gone.
    const browser = new Browser();
    let used = "";
    let stateCookie = "";
    expect(
      (
        await ssoSignIn(browser, "linus", {
          beforeCallback: async (url) => {
            used = url;
            stateCookie = browser.cookie(base, "hs_oidc_state")!;
            return url;
          },
        })
      ).status,
    ).toBe(302);
    browser.setCookie(base, "hs_oidc_state", stateCookie);
    const replay = await browser.request(used);
    expect(signInError(replay.location)).toMatch(/expired or was already used/);

    // Nonce: the ID token must carry the nonce this sign-in sent.
    const nonce = await ssoSignIn(new Browser(), "linus", {
      beforeCallback: async (url) => {
        await h.db.database.db.execute(sql`update oidc_login_states set nonce = 'someone-elses-nonce'`);
        return url;
      },
    });
    expect(signInError(nonce.location)).toMatch(/answer was refused: .*"nonce" claim value/);
    expect(nonce.location).not.toContain("hs_session");
  });
});

describe.each(targets)("single sign-on with a provider that is not the configured issuer, on $name", (target) => {
  // The same provider reached by another name: its discovery document names a different issuer.
  const { h, run, note } = useHarness(target, { env: { ...oidcEnv, HINDSIGHT_OIDC_ISSUER: idp.issuer.replace("127.0.0.1", "localhost") } });
  beforeAll(async () => {
    if (target.skipReason) return;
    await h.app.listen({ port: hindsightPort, host: "127.0.0.1" });
  });
  afterAll(async () => {
    if (!target.skipReason) await h.app.close();
  });

  run(`refuses to sign in and says the issuer is wrong${note}`, async () => {
    const start = await new Browser().request(`${base}/auth/oidc/start`);
    expect(start.status).toBe(302);
    expect(new URL(start.location!).pathname).toBe("/sign-in");
    expect(signInError(start.location)).toMatch(/could not be reached or described itself wrongly.*issuer/i);
  });
});
