// The harness against a stub of the REST contract (a tiny Fastify app with canned answers), so the
// client, the relevance runner and the load generator are tested without the real search API.
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError, hindsightEngine, httpTransport, importCorpus, injectTransport, postEntries, search, searchPath, type BulkEntry } from "./hindsight-client.js";
import { runLoad } from "./load.js";
import { formatRelevanceReport, relevanceFigures, runAll, runEngine } from "./relevance-run.js";
import { FIXTURE_DOCS } from "./test/fixtures.js";

const TOKEN = "stub-token";

interface Received {
  imports: { markdown: string; kind: string; filename: string; externalKey: string; source: string }[][];
  entries: BulkEntry[][];
  searches: Record<string, string>[];
}

function stub(): { app: FastifyInstance; received: Received } {
  const received: Received = { imports: [], entries: [], searches: [] };
  const app = Fastify();
  app.addHook("onRequest", async (req, reply) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return reply.status(401).send({ error: { code: "UNAUTHORIZED", message: "bad token" } });
  });
  app.post<{ Body: { documents: Received["imports"][number] } }>("/api/v1/import/markdown", async (req) => {
    received.imports.push(req.body.documents);
    return { created: req.body.documents.length, updated: 0, unchanged: 0, entries: [] };
  });
  app.post<{ Body: { entries: BulkEntry[] } }>("/api/v1/entries", async (req) => {
    received.entries.push(req.body.entries);
    return { created: req.body.entries.length, updated: 0, unchanged: 0, results: [] };
  });
  app.get<{ Querystring: Record<string, string> }>("/api/v1/search", async (req, reply) => {
    received.searches.push(req.query);
    if (req.query.q === "boom") return reply.status(500).send({ error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on our side" } });
    // Canned ranking: an unrelated hit, then the conntrack runbook, then a hit that no import created.
    const hit = (id: string, externalKey: string | null) => ({ id, kind: "runbook", title: id, snippet: "", sourceUrl: null, externalKey });
    return {
      hits: [
        hit("u1", "fixture/PM2021-005"),
        hit("u2", "prometheus-operator-runbooks/node/NodeHighNumberConntrackEntriesUsed"),
        hit("u3", null),
      ].slice(0, Number(req.query.limit ?? 10)),
      total: 3,
      facets: {},
      // A weak match for one canned query; older servers say nothing (read as not weak).
      ...(req.query.q === "conntrack weak" ? { weakMatch: true } : {}),
    };
  });
  return { app, received };
}

describe("Hindsight client against a stub of the REST contract", () => {
  const { app, received } = stub();
  const t = injectTransport(app, TOKEN);
  let baseUrl = "";
  beforeAll(async () => {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => app.close());

  it("imports corpus documents as markdown keyed by corpus id, at most 1,000 per request", async () => {
    const many = Array.from({ length: 1_203 }, (_, i) => ({ ...FIXTURE_DOCS[i % FIXTURE_DOCS.length]!, id: `doc-${i}` }));
    const report = await importCorpus(t, many);
    expect(report.created).toBe(1_203);
    expect(received.imports.map((b) => b.length)).toEqual([1_000, 203]);
    expect(received.imports[0]![0]).toEqual({
      markdown: FIXTURE_DOCS[0]!.markdown,
      kind: "postmortem",
      filename: FIXTURE_DOCS[0]!.path,
      externalKey: "doc-0",
      source: "corpus",
    });
  });

  it("posts bulk entries and refuses batches over 1,000", async () => {
    const entry: BulkEntry = { kind: "fix", title: "t", body: "b", summary: "s", tags: [], services: ["x"], externalKey: "k" };
    await postEntries(t, [entry, { ...entry, externalKey: "k2" }]);
    expect(received.entries.at(-1)).toHaveLength(2);
    await expect(postEntries(t, Array(1_001).fill(entry))).rejects.toThrow(/at most 1000/);
  });

  it("builds search URLs with the filters the API takes", () => {
    expect(searchPath({ q: "disk full", kind: "runbook", service: "node", tag: "a", team: "sre" })).toBe(
      "/api/v1/search?q=disk+full&limit=10&kind=runbook&team=sre&service=node&tag=a",
    );
  });

  it("maps hits back to corpus ids through externalKey, and scores them", async () => {
    const ranked = await hindsightEngine(t).search("conntrack", 10);
    expect(ranked.slice(0, 2)).toEqual(["fixture/PM2021-005", "prometheus-operator-runbooks/node/NodeHighNumberConntrackEntriesUsed"]);
    expect(ranked[2]).toMatch(/^\(unmapped hit 3: u3\)$/);
    expect(received.searches.at(-1)).toEqual({ q: "conntrack", limit: "10" });

    const queries = [{ q: "conntrack table", rel: { "prometheus-operator-runbooks/node/NodeHighNumberConntrackEntriesUsed": 2 } }];
    const run = await runEngine(hindsightEngine(t), queries);
    expect(run).toMatchObject({ error: null, mrr: 0.5 });
    expect(run.ndcg).toBeCloseTo(3 / Math.log2(3) / 3, 10);
  });

  it("passes on the API's weak-match flag with the ranking", async () => {
    expect(await hindsightEngine(t).searchFlagged!("conntrack weak", 2)).toEqual({ ranked: ["fixture/PM2021-005", "prometheus-operator-runbooks/node/NodeHighNumberConntrackEntriesUsed"], weak: true });
    expect((await hindsightEngine(t).searchFlagged!("conntrack", 2)).weak).toBe(false);
    const run = await runEngine(hindsightEngine(t), [{ q: "conntrack weak", rel: {} }]);
    expect(run.perQuery[0]).toMatchObject({ weak: true });
  });

  it("reports API errors with the status and message, and the runner keeps them per engine", async () => {
    await expect(search(t, { q: "boom" })).rejects.toThrow(ApiError);
    await expect(search(t, { q: "boom" })).rejects.toThrow(/GET \/api\/v1\/search answered 500: .*Something went wrong/);
    await expect(search(injectTransport(app, "wrong"), { q: "x" })).rejects.toThrow(/answered 401/);
    const dev = [{ q: "boom", rel: { a: 2 } }];
    const results = await runAll(hindsightEngine(t), { dev, judged: [], random: ["x"] });
    expect(results.error).toMatch(/answered 500/);
    const report = formatRelevanceReport([relevanceFigures(results, dev, [])]);
    expect(report).toMatch(/Hindsight\s+-\s+-/);
    expect(report).toMatch(/Errors:\n {2}Hindsight: GET \/api\/v1\/search answered 500/);
  });

  it("works the same over real HTTP", async () => {
    const ranked = await hindsightEngine(httpTransport(baseUrl, TOKEN)).search("x", 2);
    expect(ranked).toHaveLength(2);
  });

  it("load generator: records every request at each concurrency and counts failures", async () => {
    const paths = Array.from({ length: 60 }, (_, i) => searchPath({ q: `q${i}` }));
    for (const concurrency of [1, 8]) {
      const before = received.searches.length;
      const result = await runLoad({ baseUrl, token: TOKEN, paths, concurrency, warmup: 5 });
      expect(result.errors).toBe(0);
      expect(result.latencies).toHaveLength(60);
      expect(result.byPath.every(Number.isFinite)).toBe(true);
      expect(received.searches.length - before).toBe(65);
    }
    const failing = await runLoad({ baseUrl, token: TOKEN, paths: [searchPath({ q: "ok" }), searchPath({ q: "boom" })], concurrency: 1 });
    expect(failing.errors).toBe(1);
    expect(failing.latencies).toHaveLength(1);
    expect(failing.firstError).toMatch(/answered 500/);
  });
});
