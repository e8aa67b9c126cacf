// The load driver against a stub server that counts what it received: autocannon's answers,
// timeouts and write outcomes land in the right class (this relies on autocannon internals, so a
// version bump that changes them fails here), the mix sent is the plan's, and the token is sent.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { buildQuerySpecs } from "./generator.js";
import { driveLoad } from "./load-driver.js";
import { FIXTURE_DOCS } from "./test/fixtures.js";
import { DEFAULT_MIX, TRAFFIC_CLASSES, TrafficSource, trafficPlan, type TrafficClass } from "./traffic.js";
import { buildVocabulary } from "./vocabulary.js";

const vocab = buildVocabulary(FIXTURE_DOCS);
const specs = buildQuerySpecs(vocab, "t");
const ids = Array.from({ length: 20 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
const TOKEN = "stub-token";

interface Stub {
  server: Server;
  baseUrl: string;
  received: Record<TrafficClass, number>;
  unauthorised: number;
}

let stub: Stub | null = null;
afterEach(async () => {
  stub?.server.closeAllConnections();
  await new Promise((r) => stub?.server.close(r));
  stub = null;
});

/** Answers like the API: search 200, read 200 (or never, with `hangReads`), write 201/200 by key parity. */
async function startStub(options: { hangReads?: boolean; failingRead?: string } = {}): Promise<Stub> {
  const received = { search: 0, read: 0, write: 0 };
  const s: Stub = { server: createServer(), baseUrl: "", received, unauthorised: 0 };
  s.server.on("request", (req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) s.unauthorised++;
      const json = (status: number, value: unknown) => res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
      if (req.method === "GET" && req.url?.startsWith("/api/v1/search?")) {
        received.search++;
        return json(200, { hits: [], total: 0 });
      }
      if (req.method === "GET" && req.url?.startsWith("/api/v1/entries/")) {
        received.read++;
        if (options.hangReads) return; // never answered: the client must time out
        if (req.url.endsWith(options.failingRead ?? "-")) return json(404, { error: { code: "NOT_FOUND" } });
        return json(200, { entry: {} });
      }
      if (req.method === "POST" && req.url === "/api/v1/entries") {
        received.write++;
        const key = (JSON.parse(body) as { externalKey: string }).externalKey;
        const created = Number(key.split("/").pop()) >= 20;
        return json(created ? 201 : 200, { outcome: created ? "created" : "updated" });
      }
      json(404, {});
    });
  });
  await new Promise<void>((r) => s.server.listen(0, "127.0.0.1", r));
  s.baseUrl = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  return s;
}

const source = () => new TrafficSource({ specs, seed: "t", entryIds: ids, size: 20, vocab });

describe("driving load with autocannon", () => {
  it("attributes every answer to its class and sends the plan's mix", async () => {
    stub = await startStub({ failingRead: ids[3] });
    const src = source();
    const { figures, autocannon } = await driveLoad({ baseUrl: stub.baseUrl, token: TOKEN, source: src, plan: trafficPlan(DEFAULT_MIX), connections: 4, durationSeconds: 2 });
    expect(stub.unauthorised).toBe(0);
    expect(figures.responses).toBeGreaterThan(200);
    for (const c of TRAFFIC_CLASSES) {
      // The server may have received a request per connection that was cut at the end.
      expect(stub.received[c] - figures.byClass[c].responses).toBeGreaterThanOrEqual(0);
      expect(stub.received[c] - figures.byClass[c].responses).toBeLessThanOrEqual(4);
      // What was built (issued) is what was sent, up to one request per connection built but unsent.
      expect(src.issued()[c] - stub.received[c]).toBeLessThanOrEqual(4);
      expect(figures.share[c]).toBeCloseTo(DEFAULT_MIX[c] / 100, 1);
    }
    // Reads of ids[3] answered 404: counted as non-2xx reads, nothing else.
    expect(figures.byClass.read.non2xx).toBeGreaterThan(0);
    expect(figures.byClass.read.statuses).toEqual({ 404: figures.byClass.read.non2xx });
    expect(figures.byClass.search.non2xx + figures.byClass.write.non2xx).toBe(0);
    expect(figures.errors).toBe(0);
    // Writes alternate update/create; the stub creates keys >= 20 only.
    expect(figures.writes.acknowledged).toBe(figures.byClass.write.responses);
    expect(figures.writes.updated + figures.writes.created).toBe(figures.writes.acknowledged);
    expect(figures.writes.updated).toBeGreaterThan(0);
    expect(figures.writes.created).toBeGreaterThan(0);
    expect(autocannon.non2xx).toBe(figures.non2xx);
  });

  it("counts a request that never gets an answer as a timeout of its class", async () => {
    stub = await startStub({ hangReads: true });
    const { figures } = await driveLoad({
      baseUrl: stub.baseUrl,
      token: TOKEN,
      source: source(),
      plan: trafficPlan({ search: 1, read: 1, write: 0 }),
      connections: 2,
      durationSeconds: 3,
      timeoutSeconds: 1,
    });
    expect(figures.byClass.read.responses).toBe(0);
    expect(figures.byClass.read.timeouts).toBeGreaterThan(0);
    expect(figures.byClass.search.timeouts).toBe(0);
    expect(figures.errors).toBe(figures.byClass.read.timeouts);
    expect(figures.byClass.search.responses).toBeGreaterThan(0);
  });
});
