// The class of input no route may turn into a 500 or a stored value: NUL bytes (Postgres text refuses
// them), prototype keys, absurd nesting, and links that are not http(s). Each surface (REST bodies,
// REST query strings, tRPC mutations and queries) answers 400 naming the field, and nothing changes.
import { schema } from "@hindsight/db";
import { count } from "@hindsight/db/orm";
import { databaseTargets } from "@hindsight/db/testing";
import { describe, expect } from "vitest";
import { rest, trpc, useHarness } from "../test/harness.js";

const targets = await databaseTargets();

describe.each(targets)("unsafe input is refused at the edge, on $name", (target) => {
  const { h, run, note } = useHarness(target);
  const stored = async () => {
    const d = h.db.database.db;
    const [entries] = await d.select({ n: count() }).from(schema.entries);
    const [searches] = await d.select({ n: count() }).from(schema.searchQueries);
    return { entries: entries!.n, searches: searches!.n };
  };

  run(`a NUL byte in any text field of POST /api/v1/entries is a 400 naming the field${note}`, async () => {
    const before = await stored();
    const valid = { kind: "fix", title: "Pool exhausted", body: "Raise the pool size.", summary: "Raise it", externalKey: "k-nul" };
    for (const field of ["title", "body", "summary", "externalKey"] as const) {
      const res = await rest(h.app, "POST", "/api/v1/entries", { ...valid, [field]: `bad\u0000${field}` });
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.error.message).toContain(field);
      expect(res.body.error.message).toMatch(/NUL byte/);
      expect(Object.keys(res.body.error.fieldErrors)).toEqual([field]);
    }
    // Deep inside a batch, the path says where.
    const batch = await rest(h.app, "POST", "/api/v1/entries", { entries: [valid, { ...valid, externalKey: "k2", fields: { errorSignatures: ["ok", "x\u0000"] } }] });
    expect(batch.status).toBe(400);
    expect(batch.body.error.message).toMatch(/^entries\.1\.fields\.errorSignatures\.1 contains a NUL byte/);
    expect(await stored()).toEqual(before);
    // The same entry without the byte is stored: the refusal was about the byte, not the entry.
    expect((await rest(h.app, "POST", "/api/v1/entries", valid)).status).toBe(201);
  });

  run(`a NUL byte in a search's query string is a 400, and nothing reaches the search log${note}`, async () => {
    const before = await stored();
    for (const param of ["q", "tag", "service", "team", "kind", "cursor"]) {
      const res = await rest(h.app, "GET", `/api/v1/search?${param === "q" ? "" : "q=pool&"}${param}=%00`);
      expect(res.status, param).toBe(400);
      expect(res.body.error.message).toBe(`query.${param} contains a NUL byte (\\u0000), which text fields cannot hold`);
    }
    expect((await rest(h.app, "GET", "/api/v1/search?q=a%00b")).status).toBe(400);
    expect((await rest(h.app, "GET", "/api/v1/entries/%00")).status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  run(`tRPC refuses the same class, for mutations and queries${note}`, async () => {
    const before = await stored();
    const cookie = h.people.author.cookie;
    const created = await trpc(h.app, "entries.create", { kind: "fix", title: "t\u0000", body: "b" }, { cookie });
    expect(created.status).toBe(400);
    expect(created.error!.data.fieldErrors).toEqual({ title: [expect.stringMatching(/NUL byte/)] });
    const searched = await trpc(h.app, "search.query", { q: "\u0000" }, { cookie }, "query");
    expect(searched.status).toBe(400);
    // Unauthenticated, too: the check runs before anything else.
    const signIn = await trpc(h.app, "auth.signIn", { login: "a\u0000", password: "x" });
    expect(signIn.status).toBe(400);
    expect(await stored()).toEqual(before);
  });

  run(`prototype keys and absurd nesting are refused, in REST and tRPC${note}`, async () => {
    const before = await stored();
    const proto = await h.app.inject({
      method: "POST",
      url: "/api/v1/entries",
      headers: { authorization: "Bearer test-admin-token-123", "content-type": "application/json" },
      payload: '{"kind":"fix","title":"p","fields":{"__proto__":{"polluted":true}}}',
    });
    expect(proto.statusCode).toBe(400);
    expect(proto.json().error.message).toMatch(/fields\.__proto__ is not allowed/);
    const trpcProto = await h.app.inject({
      method: "POST",
      url: "/trpc/entries.create",
      headers: { cookie: h.people.author.cookie, "content-type": "application/json", "x-hindsight-csrf": "1" },
      payload: '{"kind":"fix","title":"p","constructor":{"prototype":{"x":1}}}',
    });
    expect(trpcProto.statusCode).toBe(400);
    let deep: unknown = "x";
    for (let i = 0; i < 200; i++) deep = { a: deep };
    expect((await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "deep", fields: deep })).status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await stored()).toEqual(before);
  });

  run(`only http(s) links are stored as a source URL${note}`, async () => {
    for (const sourceUrl of ["javascript:alert(1)", "JAVASCRIPT:alert(document.cookie)", "data:text/html;base64,PHNjcmlwdD4=", "vbscript:x"]) {
      const res = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "Linked", sourceUrl });
      expect(res.status, sourceUrl).toBe(400);
      expect(res.body.error.fieldErrors.sourceUrl[0]).toMatch(/http/);
    }
    const ok = await rest(h.app, "POST", "/api/v1/entries", { kind: "fix", title: "Linked", sourceUrl: "https://git.example.com/runbooks/x.md" });
    expect(ok.status).toBe(201);
  });
});
