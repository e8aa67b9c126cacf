// Signing in, through the real HTTP server (a listening socket, fetch as a browser would): outside
// demo mode nobody becomes somebody else without their password; refusals all look alike; limits
// hold per account and per address; sessions rotate, end at sign-out and die with the password.
// Demo mode keeps one-click sign-in and says so.
import type { AddressInfo } from "node:net";
import { schema } from "@hindsight/db";
import { CSRF_HEADER, CSRF_HEADER_VALUE } from "@hindsight/domain";
import { eq, sql } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { beforeAll, describe, expect } from "vitest";
import { issueSetupToken, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS, SIGN_IN_REFUSED } from "../identity/local-accounts.js";
import { useHarness } from "../test/harness.js";

const targets = await databaseTargets();

interface Client {
  base: string;
  /** Calls a tRPC procedure over HTTP; returns status, body and the session cookie it set (if any). */
  call(procedure: string, input?: unknown, opts?: { cookie?: string; address?: string; query?: boolean }): Promise<{ status: number; body: any; cookie: string | null }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function client(base: string): Client {
  return {
    base,
    async call(procedure, input, opts = {}) {
      const headers: Record<string, string> = { "x-forwarded-for": opts.address ?? "198.51.100.1", [CSRF_HEADER]: CSRF_HEADER_VALUE };
      if (opts.cookie) headers.cookie = opts.cookie;
      const url = `${base}/trpc/${procedure}`;
      // Mutations without input go the way the portal's batching client sends them.
      const res = opts.query
        ? await fetch(input === undefined ? url : `${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
        : input === undefined
          ? await fetch(`${url}?batch=1`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: "{}" })
          : await fetch(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(input) });
      const json = (await res.json()) as unknown;
      const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("hs_session=") && !c.startsWith("hs_session=;"));
      return { status: res.status, body: Array.isArray(json) ? json[0] : json, cookie: setCookie ? setCookie.split(";")[0]! : null };
    },
  };
}

const PASSWORD = "correct horse battery staple";

describe.each(targets)("signing in outside demo mode, over HTTP, on $name", (target) => {
  const { h, run, note } = useHarness(target, { env: { HINDSIGHT_TRUST_PROXY: "true" } });
  let c: Client;
  beforeAll(async () => {
    if (target.skipReason) return;
    await h.app.listen({ port: 0, host: "127.0.0.1" });
    c = client(`http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`);
  });

  const signUp = async (handle: string, address: string, extra: Record<string, unknown> = {}) => {
    const res = await c.call("auth.signUp", { handle, name: `Person ${handle}`, password: PASSWORD, ...extra }, { address });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.cookie!;
  };

  run(`no unauthenticated request lists people or signs in as someone without their password${note}`, async () => {
    const admin = h.people.admin;
    const users = await c.call("auth.users", undefined, { query: true });
    expect(users.status).toBe(401);
    expect(JSON.stringify(users.body)).not.toContain(admin.handle);

    // The picker and sign-in by id do not exist here.
    const picker = await c.call("auth.demoAccounts", undefined, { query: true });
    expect(picker.status).toBe(404);
    expect(picker.body.error.message).toMatch(/only in demo mode/);
    const byId = await c.call("auth.demoSignIn", { userId: admin.id });
    expect(byId.status).toBe(404);
    expect(byId.cookie).toBeNull();
    // The old shape of signIn (an id, no password) is refused as bad input.
    const oldShape = await c.call("auth.signIn", { userId: admin.id });
    expect(oldShape.status).toBe(400);
    expect(oldShape.cookie).toBeNull();
    // A person without a password (made by an admin, or by single sign-on) cannot be signed in as either.
    const noPassword = await c.call("auth.signIn", { login: admin.handle, password: "" });
    expect(noPassword.status).toBe(400);
    const guessed = await c.call("auth.signIn", { login: admin.handle, password: "anything at all" }, { address: "198.51.100.2" });
    expect(guessed.status).toBe(401);
    expect(guessed.cookie).toBeNull();

    // The built-in admin of the admin token has no way in by password.
    const builtIn = await c.call("auth.signIn", { login: "hindsight-admin", password: "anything at all" }, { address: "198.51.100.2" });
    expect(builtIn.status).toBe(401);

    const me = await c.call("me.get", undefined, { query: true });
    expect(me.body.result.data).toBeNull();
    const options = await c.call("auth.options", undefined, { query: true });
    expect(options.body.result.data).toMatchObject({ demo: false, localLogin: true, sso: null });
  });

  run(`signs up and in with a password, refusing weak ones, and a signed-in person may list people${note}`, async () => {
    const weak = async (password: string, handle = "weakling") => {
      const res = await c.call("auth.signUp", { handle, name: "Wanda Weakling", email: "wanda@example.com", password }, { address: "198.51.100.3" });
      expect(res.status, password).toBe(400);
      expect(res.cookie).toBeNull();
      return res.body.error.message as string;
    };
    expect(await weak("short1!")).toMatch(/at least 12 characters/);
    expect(await weak("password1234")).toMatch(/common/);
    expect(await weak("Qwerty123456")).toMatch(/common/);
    expect(await weak("abcabcabcabcabc")).toMatch(/repeats/);
    expect(await weak("wanda weakling")).toMatch(/handle, name or e-mail/);
    const [none] = await h.db.database.db.select().from(schema.users).where(eq(schema.users.handle, "weakling"));
    expect(none).toBeUndefined();

    const cookie = await signUp("grace", "198.51.100.3", { email: "grace@example.com" });
    const [row] = await h.db.database.db.select().from(schema.users).where(eq(schema.users.handle, "grace"));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(PASSWORD);

    const users = await c.call("auth.users", undefined, { cookie, query: true });
    expect(users.status).toBe(200);
    expect(users.body.result.data.map((u: { handle: string }) => u.handle)).toContain("grace");

    // By handle and by e-mail, case-insensitively.
    for (const login of ["grace", "Grace", "GRACE@example.com"]) {
      const res = await c.call("auth.signIn", { login, password: PASSWORD }, { address: "198.51.100.3" });
      expect(res.status, login).toBe(200);
      expect(res.body.result.data.handle).toBe("grace");
    }
  });

  run(`a wrong password, an unknown account and a locked-out account get the same answer, in the same time class${note}`, async () => {
    await signUp("hopper", "198.51.100.4");
    await signUp("lovelace", "198.51.100.4");
    // Lock lovelace out (from several addresses, so the per-address limit is not what locks).
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      const res = await c.call("auth.signIn", { login: "lovelace", password: `wrong password ${i}` }, { address: `203.0.113.${i + 1}` });
      expect(res.status, JSON.stringify(res.body)).toBe(401);
    }
    const locked = await c.call("auth.signIn", { login: "lovelace", password: PASSWORD }, { address: "203.0.113.99" });
    expect(locked.status).toBe(401);
    expect(locked.cookie).toBeNull();

    const attempts = {
      wrongPassword: { login: "hopper", password: "not the password" },
      unknownAccount: { login: "nobody-by-this-name", password: PASSWORD },
      lockedOut: { login: "lovelace", password: PASSWORD },
    };
    const times: Record<string, number[]> = { wrongPassword: [], unknownAccount: [], lockedOut: [] };
    const bodies = new Set<string>();
    for (let round = 0; round < 4; round++) {
      for (const [kind, input] of Object.entries(attempts)) {
        const started = performance.now();
        const res = await c.call("auth.signIn", input, { address: `192.0.2.${10 + round}` });
        times[kind]!.push(performance.now() - started);
        expect(res.status, kind + JSON.stringify(res.body)).toBe(401);
        expect(res.cookie).toBeNull();
        bodies.add(JSON.stringify({ message: res.body.error.message, code: res.body.error.data.code }));
      }
    }
    // One message for all three: it tells nobody which accounts exist or are locked.
    expect([...bodies]).toEqual([JSON.stringify({ message: SIGN_IN_REFUSED, code: "UNAUTHORIZED" })]);
    // Same time class: every refusal runs a full argon2 verification, so none answers an order of
    // magnitude faster (skipping the hash for unknown accounts would make them ~30x faster).
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const wrong = median(times.wrongPassword!);
    for (const kind of ["unknownAccount", "lockedOut"]) {
      const ratio = median(times[kind]!) / wrong;
      expect(ratio, `${kind}: ${median(times[kind]!).toFixed(1)} ms vs wrong password ${wrong.toFixed(1)} ms`).toBeGreaterThan(0.25);
      expect(ratio).toBeLessThan(4);
    }

    // The refusals are in the audit log with a reason, never with what was typed.
    const audit = await h.db.database.db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "session.refused"));
    const reasons = new Set(audit.map((a) => (a.detail as { reason: string }).reason));
    expect([...reasons]).toEqual(expect.arrayContaining(["wrong_password", "unknown_account", "locked"]));
    const logged = JSON.stringify(audit);
    expect(logged).not.toContain(PASSWORD);
    expect(logged).not.toContain("not the password");
    expect(logged).not.toContain("nobody-by-this-name");
  });

  run(`too many failures from one address refuse every account from it, and only from it${note}`, async () => {
    await signUp("turing", "198.51.100.5");
    const address = "192.0.2.200";
    for (let i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
      await c.call("auth.signIn", { login: `guess-${i}`, password: "some guessed password" }, { address });
    }
    const fromThere = await c.call("auth.signIn", { login: "turing", password: PASSWORD }, { address });
    expect(fromThere.status).toBe(401);
    expect(fromThere.body.error.message).toBe(SIGN_IN_REFUSED);
    const elsewhere = await c.call("auth.signIn", { login: "turing", password: PASSWORD }, { address: "192.0.2.201" });
    expect(elsewhere.status).toBe(200);
  });

  run(`rotates the session at sign-in, ends it at sign-out, and ends every session when the password changes${note}`, async () => {
    const first = await signUp("hamilton", "198.51.100.6");
    // Signing in again from the same browser gives a new session id and ends the old one (no fixation).
    const again = await c.call("auth.signIn", { login: "hamilton", password: PASSWORD }, { cookie: first, address: "198.51.100.6" });
    expect(again.cookie).not.toBeNull();
    expect(again.cookie).not.toBe(first);
    expect((await c.call("me.get", undefined, { cookie: first, query: true })).body.result.data).toBeNull();
    const browserA = again.cookie!;
    const browserB = (await c.call("auth.signIn", { login: "hamilton", password: PASSWORD }, { address: "198.51.100.6" })).cookie!;
    expect((await c.call("me.get", undefined, { cookie: browserB, query: true })).body.result.data.handle).toBe("hamilton");

    // Sign-out ends the session on the server: replaying the cookie afterwards does nothing.
    const out = await c.call("auth.signOut", undefined, { cookie: browserB });
    expect(out.body.result?.data, JSON.stringify(out.body)).toEqual({ ok: true, redirectTo: null });
    expect((await c.call("me.get", undefined, { cookie: browserB, query: true })).body.result.data).toBeNull();

    // A password change needs the current password, and ends every other session.
    const browserC = (await c.call("auth.signIn", { login: "hamilton", password: PASSWORD }, { address: "198.51.100.6" })).cookie!;
    const wrongCurrent = await c.call("me.changePassword", { currentPassword: "not it at all", newPassword: "a new and longer passphrase" }, { cookie: browserA });
    expect(wrongCurrent.status).toBe(400);
    expect(wrongCurrent.body.error.data.fieldErrors).toEqual({ currentPassword: ["current password is not right"] });
    const changed = await c.call("me.changePassword", { currentPassword: PASSWORD, newPassword: "a new and longer passphrase" }, { cookie: browserA });
    expect(changed.status).toBe(200);
    expect(changed.cookie).not.toBeNull();
    expect((await c.call("me.get", undefined, { cookie: browserC, query: true })).body.result.data).toBeNull();
    expect((await c.call("me.get", undefined, { cookie: browserA, query: true })).body.result.data).toBeNull();
    expect((await c.call("me.get", undefined, { cookie: changed.cookie!, query: true })).body.result.data.handle).toBe("hamilton");
    expect((await c.call("auth.signIn", { login: "hamilton", password: PASSWORD }, { address: "198.51.100.6" })).status).toBe(401);
    expect((await c.call("auth.signIn", { login: "hamilton", password: "a new and longer passphrase" }, { address: "198.51.100.6" })).status).toBe(200);
  });

  run(`a session ends after the idle limit and at its absolute end${note}`, async () => {
    const idle = await signUp("idle-ivy", "198.51.100.7");
    const old = await signUp("old-otto", "198.51.100.7");
    const d = h.db.database.db;
    const ivy = (await d.select().from(schema.users).where(eq(schema.users.handle, "idle-ivy")))[0]!;
    const otto = (await d.select().from(schema.users).where(eq(schema.users.handle, "old-otto")))[0]!;
    // Default idle limit is 7 days; absolute 30 days.
    await d.update(schema.sessions).set({ lastSeenAt: sql`now() - interval '8 days'` }).where(eq(schema.sessions.userId, ivy.id));
    await d.update(schema.sessions).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(schema.sessions.userId, otto.id));
    expect((await c.call("me.get", undefined, { cookie: idle, query: true })).body.result.data).toBeNull();
    expect((await c.call("me.get", undefined, { cookie: old, query: true })).body.result.data).toBeNull();
  });

  run(`the one-time set-up token creates the first admin once${note}`, async () => {
    const options = await c.call("auth.options", undefined, { query: true });
    // The harness's admin has no password, so no admin can sign in yet.
    expect(options.body.result.data.setupRequired).toBe(true);
    const { token } = await issueSetupToken(h.db.database.db);
    const bad = await c.call("auth.setup", { token: "hsu_not-the-token", handle: "root-admin", name: "Root Admin", password: PASSWORD });
    expect(bad.status).toBe(401);
    const made = await c.call("auth.setup", { token, handle: "root-admin", name: "Root Admin", password: PASSWORD });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    expect(made.body.result.data.orgRole).toBe("admin");
    const users = await c.call("auth.users", undefined, { cookie: made.cookie!, query: true });
    expect(users.status).toBe(200);
    const twice = await c.call("auth.setup", { token, handle: "second-admin", name: "Second Admin", password: PASSWORD });
    expect(twice.status).toBe(401);
    // A fresh token does not help either once an admin exists.
    const fresh = await issueSetupToken(h.db.database.db);
    expect((await c.call("auth.setup", { token: fresh.token, handle: "third-admin", name: "Third Admin", password: PASSWORD })).status).toBe(401);
    expect((await c.call("auth.options", undefined, { query: true })).body.result.data.setupRequired).toBe(false);
  });
});

describe.each(targets)("sign-up policy on $name", (target) => {
  const closed = useHarness(target, { env: { HINDSIGHT_SIGNUP: "false" } });
  closed.run(`HINDSIGHT_SIGNUP=false refuses sign-up${closed.note}`, async () => {
    const res = await closed.h.app.inject({
      method: "POST",
      url: "/trpc/auth.signUp",
      headers: { "content-type": "application/json", [CSRF_HEADER]: CSRF_HEADER_VALUE },
      payload: JSON.stringify({ handle: "newbie", name: "New Bie", password: PASSWORD }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/HINDSIGHT_SIGNUP=false/);
  });

  const domains = useHarness(target, { env: { HINDSIGHT_SIGNUP_DOMAINS: "example.com" } });
  domains.run(`HINDSIGHT_SIGNUP_DOMAINS limits sign-up to those e-mail domains${domains.note}`, async () => {
    const attempt = (email?: string) =>
      domains.h.app.inject({
        method: "POST",
        url: "/trpc/auth.signUp",
        headers: { "content-type": "application/json", [CSRF_HEADER]: CSRF_HEADER_VALUE },
        payload: JSON.stringify({ handle: `p-${email?.length ?? 0}`, name: "Pat Person", email, password: PASSWORD }),
      });
    const outside = await attempt("pat@elsewhere.org");
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.data.fieldErrors).toEqual({ email: ["sign-up needs an e-mail address at example.com"] });
    expect((await attempt()).statusCode).toBe(400);
    expect((await attempt("pat@example.com")).statusCode).toBe(200);
  });
});

describe.each(targets)("demo mode on $name", (target) => {
  const { h, run, note } = useHarness(target, { env: { HINDSIGHT_DEMO: "true", HINDSIGHT_DEMO_ON_POSTGRES: "true" } });
  run(`keeps one-click sign-in to the demo people and says it is a demo${note}`, async () => {
    const options = await h.app.inject({ method: "GET", url: "/trpc/auth.options" });
    expect(options.json().result.data).toMatchObject({ demo: true, setupRequired: false });
    const people = await h.app.inject({ method: "GET", url: "/trpc/auth.demoAccounts" });
    expect(people.statusCode).toBe(200);
    const list = people.json().result.data as { id: string; handle: string }[];
    expect(list.map((p) => p.handle)).toEqual(expect.arrayContaining(["author", "teammate", "admin"]));
    expect(list.map((p) => p.handle)).not.toContain("hindsight-admin");
    const signIn = await h.app.inject({
      method: "POST",
      url: "/trpc/auth.demoSignIn",
      headers: { "content-type": "application/json", [CSRF_HEADER]: CSRF_HEADER_VALUE },
      payload: JSON.stringify({ userId: h.people.teammate.id }),
    });
    expect(signIn.statusCode).toBe(200);
    const cookie = String(signIn.headers["set-cookie"]).split(";")[0]!;
    const me = await h.app.inject({ method: "GET", url: "/trpc/me.get", headers: { cookie } });
    expect(me.json().result.data.handle).toBe("teammate");
  });
});
