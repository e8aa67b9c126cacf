import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { redactQuery, serializeRequest } from "./log-serializers.js";

describe("redactQuery", () => {
  it.each([
    ["/settings/slack?token=eyJhbGciOi.secret.sig", "/settings/slack?token=[redacted]"],
    ["/api/v1/search?q=token%20xoxb-1-2-3&limit=5", "/api/v1/search?q=[redacted]&limit=[redacted]"],
    ['/trpc/search.query?input={"q":"ghp_abc"}', "/trpc/search.query?input=[redacted]"],
    ["/auth/oidc/callback?code=abc&state=def", "/auth/oidc/callback?code=[redacted]&state=[redacted]"],
    ["/healthz", "/healthz"],
    ["/entries?", "/entries"],
    ["/x?flag", "/x?flag=[redacted]"],
  ])("%s", (url, expected) => {
    expect(redactQuery(url)).toBe(expected);
  });
});

describe("serializeRequest in Fastify's request log", () => {
  it("logs the route and parameter names, never a query value", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString("utf8"));
        done();
      },
    });
    const app = Fastify({ logger: { level: "debug", stream, serializers: { req: serializeRequest } } });
    app.get("/settings/slack", async () => "ok");
    await app.inject({ method: "GET", url: "/settings/slack?token=sEcReT-link-token-123&next=%2F" });
    await app.close();
    const log = lines.join("");
    expect(log).toContain('"url":"/settings/slack?token=[redacted]&next=[redacted]"');
    expect(log).not.toContain("sEcReT-link-token-123");
  });
});
