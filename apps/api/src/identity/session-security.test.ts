// Sessions and tokens on both databases: a session id held before sign-in is never the signed-in
// session (fixation), sign-out and "sign out everywhere" end sessions on the server, and no column of any
// table holds a plain API token or session id (every text column is scanned), only their SHA-256.
import { schema } from "@hindsight/db";
import { eq, sql } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { CSRF_HEADER } from "@hindsight/domain";
import type { FastifyInstance } from "fastify";
import { describe, expect } from "vitest";
import { rest, useHarness } from "../test/harness.js";
import { hashSecret } from "./secrets.js";

const targets = await databaseTargets();
const PASSWORD = "correct horse battery staple";

/** A tRPC mutation from the portal (with its same-origin header); returns the body and the session cookie set, if any. */
async function mutate(app: FastifyInstance, procedure: string, input: unknown, cookie?: string) {
  // Without input, the way the portal's batching client sends it.
  const res = await app.inject({
    method: "POST",
    url: `/trpc/${procedure}${input === undefined ? "?batch=1" : ""}`,
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1", ...(cookie ? { cookie } : {}) },
    payload: input === undefined ? "{}" : JSON.stringify(input),
  });
  const json = res.json();
  const set = [res.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("hs_session="));
  const value = set?.split(";")[0];
  return { status: res.statusCode, body: Array.isArray(json) ? json[0] : json, cookie: value && value !== "hs_session=" ? value : null, cleared: value === "hs_session=" };
}

/** An authenticated-only procedure: 200 for a live session, 401 for an ended or unknown one. */
async function authedStatus(app: FastifyInstance, cookie: string): Promise<number> {
  return (await app.inject({ method: "GET", url: "/trpc/auth.users", headers: { cookie } })).statusCode;
}

const secretOf = (cookie: string) => cookie.slice("hs_session=".length);

describe.each(targets)("sessions and tokens on $name", (target) => {
  const { h, run, note } = useHarness(target);

  run(`sign-in never keeps a session id the browser held before, planted or real, and ends the planted one${note}`, async () => {
    expect((await mutate(h.app, "auth.signUp", { handle: "victim", name: "Victim", password: PASSWORD })).status).toBe(200);
    const attacker = await mutate(h.app, "auth.signUp", { handle: "attacker", name: "Attacker", password: PASSWORD });
    expect(attacker.cookie).not.toBeNull();

    // An id the attacker made up and planted in the victim's browser.
    const madeUp = "hs_session=hss_chosen-by-the-attacker-0000000000000000000000";
    const first = await mutate(h.app, "auth.signIn", { login: "victim", password: PASSWORD }, madeUp);
    expect(first.status).toBe(200);
    expect(first.cookie).not.toBeNull();
    expect(first.cookie).not.toBe(madeUp);
    expect(await authedStatus(h.app, madeUp)).toBe(401);

    // The attacker's own live session planted in the victim's browser: sign-in ends it and issues a new id.
    const second = await mutate(h.app, "auth.signIn", { login: "victim", password: PASSWORD }, attacker.cookie!);
    expect(second.cookie).not.toBeNull();
    expect(second.cookie).not.toBe(attacker.cookie);
    expect(await authedStatus(h.app, attacker.cookie!)).toBe(401);
    const me = await h.app.inject({ method: "GET", url: "/trpc/me.get", headers: { cookie: second.cookie! } });
    expect(me.json().result.data.handle).toBe("victim");
  });

  run(`sign-out ends the session on the server: the old cookie then gets 401${note}`, async () => {
    const signedIn = await mutate(h.app, "auth.signIn", { login: "victim", password: PASSWORD });
    expect(await authedStatus(h.app, signedIn.cookie!)).toBe(200);
    const out = await mutate(h.app, "auth.signOut", undefined, signedIn.cookie!);
    expect(out.status).toBe(200);
    expect(out.cleared).toBe(true);
    // Replaying the cookie (copied before sign-out) no longer works: the row is gone, not just the browser's cookie.
    expect(await authedStatus(h.app, signedIn.cookie!)).toBe(401);
    const rows = await h.db.database.db.select().from(schema.sessions).where(eq(schema.sessions.idHash, hashSecret(secretOf(signedIn.cookie!))));
    expect(rows).toEqual([]);
  });

  run(`sign out everywhere ends every session of the person and only theirs; tokens keep working${note}`, async () => {
    const laptop = await mutate(h.app, "auth.signIn", { login: "victim", password: PASSWORD });
    const phone = await mutate(h.app, "auth.signIn", { login: "victim", password: PASSWORD });
    const someoneElse = await mutate(h.app, "auth.signIn", { login: "attacker", password: PASSWORD });
    const { body } = await mutate(h.app, "me.createToken", { name: "ci" }, laptop.cookie!);
    const token = body.result.data.token as string;

    const everywhere = await mutate(h.app, "auth.signOutEverywhere", undefined, laptop.cookie!);
    expect(everywhere.status, JSON.stringify(everywhere.body)).toBe(200);
    expect(everywhere.body.result.data.ended).toBeGreaterThanOrEqual(2);
    expect(everywhere.cleared).toBe(true);
    expect(await authedStatus(h.app, laptop.cookie!)).toBe(401);
    expect(await authedStatus(h.app, phone.cookie!)).toBe(401);
    expect(await authedStatus(h.app, someoneElse.cookie!)).toBe(200);
    expect((await rest(h.app, "GET", "/api/v1/entries", undefined, token)).status).toBe(200);
    // A token cannot sign its owner out of their browsers.
    const withToken = await h.app.inject({
      method: "POST",
      url: "/trpc/auth.signOutEverywhere?batch=1",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      payload: "{}",
    });
    expect(withToken.statusCode).toBe(403);
  });

  run(`no column of any table holds a plain API token or session id; the stored forms are their SHA-256${note}`, async () => {
    const session = await mutate(h.app, "auth.signIn", { login: "attacker", password: PASSWORD });
    const created = await mutate(h.app, "me.createToken", { name: "scan me" }, session.cookie!);
    const token = created.body.result.data.token as string;
    expect(token).toMatch(/^hst_[A-Za-z0-9_-]{43}$/);
    // Use them, so every place that records use (last_used_at, rate-limit counters, the audit log) has run.
    expect((await rest(h.app, "GET", "/api/v1/search?q=timeout", undefined, token)).status).toBe(200);
    expect((await h.app.inject({ method: "GET", url: "/trpc/search.query?input=%7B%22q%22%3A%22x%22%7D", headers: { cookie: session.cookie! } })).statusCode).toBe(200);

    const db = h.db.database.db;
    const columns = (
      (await db.execute(sql`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and (data_type in ('text', 'character varying', 'character', 'json', 'jsonb') or udt_name in ('_text', '_varchar'))`)) as unknown as {
        rows: { table_name: string; column_name: string }[];
      }
    ).rows;
    expect(columns.length).toBeGreaterThan(30);
    expect(columns).toContainEqual({ table_name: "api_tokens", column_name: "token_hash" });
    expect(columns).toContainEqual({ table_name: "sessions", column_name: "id_hash" });
    expect(columns).toContainEqual({ table_name: "audit_log", column_name: "detail" });
    const secrets = { token, session: secretOf(session.cookie!) };
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      for (const [what, secret] of Object.entries(secrets)) {
        // position(), not LIKE: base64url secrets contain '_', a LIKE wildcard.
        const { rows } = (await db.execute(
          sql`select count(*)::int as n from ${sql.identifier(table_name)} where position(${secret} in ${sql.identifier(column_name)}::text) > 0`,
        )) as unknown as { rows: { n: number }[] };
        if (Number(rows[0]!.n) > 0) found.push(`${what} in ${table_name}.${column_name}`);
      }
    }
    expect(found).toEqual([]);

    const [stored] = await db.select().from(schema.apiTokens).where(eq(schema.apiTokens.tokenHash, hashSecret(token)));
    expect(stored?.name).toBe("scan me");
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.prefix).toBe(token.slice(0, 8));
    expect(stored!.lastUsedAt).not.toBeNull();
    const [row] = await db.select().from(schema.sessions).where(eq(schema.sessions.idHash, hashSecret(secrets.session)));
    expect(row?.method).toBe("password");
  });
});
