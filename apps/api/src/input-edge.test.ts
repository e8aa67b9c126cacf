// Regressions of what the input fuzzing and the authorisation matrix found (input-fuzz.test.ts,
// authz-matrix.test.ts), one deterministic case each: refusals Fastify makes before any handler runs
// answer in the shape of the surface called, the body limit is configurable and enforced, and
// search.opened only takes entries the caller may read.
import { databaseTargets } from "@hindsight/db/testing";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";
import { trpc, useHarness } from "./test/harness.js";
import { expectRestError, expectTrpcError } from "./test/surface.js";

const targets = await databaseTargets();
const pglite = targets.filter((t) => t.name === "pglite");

describe("HINDSIGHT_BODY_LIMIT_MB", () => {
  it("defaults to 32 MiB, takes a whole number of MiB from 1 to 1024, and names itself when wrong", () => {
    expect(loadConfig({}).bodyLimit).toBe(32 * 1024 * 1024);
    expect(loadConfig({ HINDSIGHT_BODY_LIMIT_MB: "2" }).bodyLimit).toBe(2 * 1024 * 1024);
    for (const bad of ["0", "1.5", "lots", "2048"]) {
      expect(() => loadConfig({ HINDSIGHT_BODY_LIMIT_MB: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ HINDSIGHT_BODY_LIMIT_MB: bad }), bad).toThrow(/HINDSIGHT_BODY_LIMIT_MB/);
    }
  });
});

describe.each(pglite)("refusals at the edge on $name", (target) => {
  const { h, run, note } = useHarness(target, { env: { HINDSIGHT_BODY_LIMIT_MB: "1" } });

  run(`a URL Fastify cannot decode is a 400 in the REST shape, or tRPC's under /trpc${note}`, async () => {
    // Was Fastify's own {"error":"Bad Request","code":"FST_ERR_BAD_URL"}.
    const rest = await h.app.inject({ method: "GET", url: "/api/v1/entries/%", headers: { authorization: "Bearer test-admin-token-123" } });
    expect(rest.statusCode).toBe(400);
    expectRestError(rest, "GET /api/v1/entries/%");
    const rpc = await h.app.inject({ method: "GET", url: "/trpc/entries.get%ZZ", headers: { cookie: h.people.author.cookie } });
    expect(rpc.statusCode).toBe(400);
    expectTrpcError(rpc, "GET /trpc/entries.get%ZZ");
  });

  run(`a tRPC mutation without a content type is a 415 labelled as the JSON it is${note}`, async () => {
    // Was the tRPC error envelope sent as text/plain.
    const res = await h.app.inject({ method: "POST", url: "/trpc/auth.signOut", headers: { "x-hindsight-csrf": "1" } });
    expect(res.statusCode).toBe(415);
    expectTrpcError(res, "POST /trpc/auth.signOut without a content type");
  });

  run(`a content type no parser takes, under /trpc, is a 415 in tRPC's shape${note}`, async () => {
    // Was Fastify's default {"statusCode":415,"code":"FST_ERR_CTP_INVALID_MEDIA_TYPE",…}: the tRPC
    // routes were registered before the app's error handler, so they never got it.
    const res = await h.app.inject({ method: "POST", url: "/trpc/auth.options", headers: { "x-hindsight-csrf": "1", "content-type": "application/zip" }, payload: "PK\u0003\u0004" });
    expect(res.statusCode).toBe(415);
    expectTrpcError(res, "POST /trpc/auth.options as application/zip");
    expect(res.json().error.data.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  run(`a multipart body to tRPC is a 415, not a 500${note}`, async () => {
    // Was a 500: tRPC's Fastify adapter JSON.stringify-ed the raw multipart stream (circular).
    for (const path of ["collections.update", "auth.signIn", "entries.list"]) {
      const res = await h.app.inject({ method: "POST", url: `/trpc/${path}`, headers: { cookie: h.people.author.cookie, "x-hindsight-csrf": "1", "content-type": "multipart/form-data; boundary=xyz" }, payload: '--xyz\r\ncontent-disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--' });
      expect(res.statusCode, path).toBe(415);
      expectTrpcError(res, `multipart to ${path}`);
    }
  });

  run(`a tRPC body over HINDSIGHT_BODY_LIMIT_MB is a 413 in tRPC's shape, and one under it is read${note}`, async () => {
    const cookie = h.people.author.cookie;
    const over = await h.app.inject({ method: "POST", url: "/trpc/imports.markdown", headers: { cookie, "x-hindsight-csrf": "1", "content-type": "application/json" }, payload: Buffer.alloc(1024 * 1024 + 1, 0x20) });
    expect(over.statusCode).toBe(413);
    expectTrpcError(over, "over the limit");
    expect(over.json().error.data.code).toBe("PAYLOAD_TOO_LARGE");
    const under = await trpc(h.app, "imports.markdown", { markdown: `# Big\n\n${"word ".repeat(150_000)}`, kind: "fix" }, { cookie });
    expect(under.status, JSON.stringify(under.error)).toBe(200);
  });

  run(`search.opened takes only an entry the caller may read (404 otherwise, as everywhere)${note}`, async () => {
    const author = { cookie: h.people.author.cookie };
    const other = { cookie: h.people.other.cookie };
    const hidden = await trpc<{ id: string }>(h.app, "entries.create", { kind: "fix", title: "Team-only fix", teamId: h.teams.alpha, visibility: "team", status: "published" }, author);
    const search = await trpc<{ queryId: number }>(h.app, "search.query", { q: "fix" }, other, "query");
    expect(search.status).toBe(200);
    // Was 200, recording an entry `other` cannot open as the hit they opened.
    const refused = await trpc(h.app, "search.opened", { queryId: search.data!.queryId, entryId: hidden.data!.id }, other);
    expect(refused.status).toBe(404);
    const mine = await trpc(h.app, "search.opened", { queryId: search.data!.queryId, entryId: hidden.data!.id }, author);
    expect(mine.status).toBe(200);
  });
});
