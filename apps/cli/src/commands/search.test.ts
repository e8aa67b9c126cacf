// How search prints a weak match, against a scripted server: the hits, under a line saying none of
// them answers clearly (and the flag in --json), while a clear answer prints no such line.
import { describe, expect, it } from "vitest";
import { HindsightClient } from "../client.js";
import { captureIo } from "../test/server.js";
import { search } from "./search.js";

const hit = {
  id: "e1",
  kind: "postmortem",
  slug: "kafka-lag",
  title: "Kafka consumer lag",
  snippet: "the <mark>kafka</mark> consumer",
  team: null,
  status: "published",
  severity: null,
  sourceUrl: null,
  externalKey: null,
  updatedAt: "2026-01-01T00:00:00.000Z",
  score: 1,
  fingerprintMatch: false,
};

function server(weakMatch: boolean | undefined) {
  const body = { hits: [hit], total: 1, totalIsEstimate: false, facets: {}, nextCursor: null, mode: "text", ...(weakMatch === undefined ? {} : { weakMatch }) };
  const impl = (async () => new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } })) as typeof fetch;
  return new HindsightClient({ url: "http://kb.example", token: "t-12345678", fetch: impl });
}

describe("search output", () => {
  it("says when the hits are only a weak match, then lists them", async () => {
    const c = captureIo();
    expect(await search(["kafka", "partitions"], { limit: 10, json: false }, c.io, server(true))).toBe(0);
    expect(c.stdout[0]).toBe('no clear answer for "kafka partitions" yet; these only share some of its words:');
    expect(c.stdout[1]).toBe("1. Kafka consumer lag  [postmortem]");
  });

  it("prints no such line for a clear answer, nor for a server that does not say", async () => {
    for (const weak of [false, undefined]) {
      const c = captureIo();
      await search(["kafka", "lag"], { limit: 10, json: false }, c.io, server(weak));
      expect(c.stdout[0]).toBe("1. Kafka consumer lag  [postmortem]");
      expect(c.text()).not.toContain("no clear answer");
    }
  });

  it("carries the flag in --json", async () => {
    const c = captureIo();
    await search(["kafka", "partitions"], { limit: 10, json: true }, c.io, server(true));
    expect(JSON.parse(c.stdout.join("\n"))).toMatchObject({ query: "kafka partitions", weakMatch: true, total: 1 });
  });
});
