// The engine against a small fake of the Meilisearch HTTP API, through the real `meilisearch` client:
// checks the wiring no unit test of a pure function sees (task waiting and failures, the version
// guard's fetch, multi-search in error mode, that every filter sent parses and names filterable
// attributes). The fake's search is naive (any query word, ranked by words matched then boost); real
// ranking is the contract suite's job against a real server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { fingerprintError, type ReadScope } from "@hindsight/domain";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { doc as contractDoc } from "../../contract.js";
import type { SearchDocument } from "../../port.js";
import { chunksBySize, latestPerId, MeiliSearchEngine, MeiliTaskFailed, selectNotOlder } from "./engine.js";
import { evaluateFilter, parseFilter } from "./testing.js";

type Doc = Record<string, unknown>;
interface FakeIndex {
  primaryKey: string;
  docs: Map<string, Doc>;
  settings: Record<string, unknown>;
}
interface Task {
  uid: number;
  indexUid: string | null;
  type: string;
  status: string;
  error: { message: string; code: string; type: string; link: string } | null;
  polls: number;
}

class FakeMeili {
  indexes = new Map<string, FakeIndex>();
  tasks: Task[] = [];
  requests: { method: string; path: string; body: unknown }[] = [];
  /** When set, the next task of this type fails with this code. */
  failNext: { type: string; code: string } | null = null;
  server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private enqueue(indexUid: string | null, type: string, apply: () => Task["error"]): object {
    let error: Task["error"];
    if (this.failNext?.type === type) {
      error = { message: `forced ${this.failNext.code}`, code: this.failNext.code, type: "invalid_request", link: "" };
      this.failNext = null;
    } else {
      error = apply();
    }
    const task: Task = { uid: this.tasks.length, indexUid, type, status: error ? "failed" : "succeeded", error, polls: 0 };
    this.tasks.push(task);
    return { taskUid: task.uid, indexUid, status: "enqueued", type, enqueuedAt: new Date().toISOString() };
  }

  private index(uid: string): FakeIndex {
    const idx = this.indexes.get(uid);
    if (!idx) throw new ApiError(404, "index_not_found", `Index \`${uid}\` not found.`);
    return idx;
  }

  private checkFilter(idx: FakeIndex, filter: unknown): ((d: Doc) => boolean) {
    if (filter === undefined || filter === null) return () => true;
    if (typeof filter !== "string") throw new ApiError(400, "invalid_search_filter", "filter must be a string here");
    const tree = parseFilter(filter);
    const filterable = (idx.settings.filterableAttributes as string[] | undefined) ?? [];
    const walk = (n: ReturnType<typeof parseFilter>): void => {
      if (n.op === "eq" || n.op === "in") {
        if (!filterable.includes(n.field)) throw new ApiError(400, "invalid_search_filter", `Attribute \`${n.field}\` is not filterable.`);
      } else if (n.op === "not") walk(n.of);
      else n.of.forEach(walk);
    };
    walk(tree);
    return (d) => evaluateFilter(tree, d);
  }

  private displayed(idx: FakeIndex, d: Doc, fields?: string[]): Doc {
    const shown = (idx.settings.displayedAttributes as string[] | undefined) ?? Object.keys(d);
    const want = fields && fields.length ? fields : shown;
    return Object.fromEntries(Object.entries(d).filter(([k]) => shown.includes(k) && want.includes(k)));
  }

  private search(uid: string, body: Record<string, unknown>): object {
    const idx = this.index(uid);
    const matchesFilter = this.checkFilter(idx, body.filter);
    const words = String(body.q ?? "").toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
    const searchable = (idx.settings.searchableAttributes as string[]) ?? [];
    const textOf = (d: Doc) => searchable.map((a) => (Array.isArray(d[a]) ? (d[a] as string[]).join(" ") : String(d[a] ?? ""))).join(" ").toLowerCase();
    const scored = [...idx.docs.values()]
      .filter(matchesFilter)
      .map((d) => ({ d, n: words.filter((w) => textOf(d).split(/[^\p{L}\p{N}_]+/u).includes(w)).length }))
      .filter((x) => words.length === 0 || x.n > 0);
    const sort = body.sort as string[] | undefined;
    if (sort) {
      const [field, dir] = (sort[0] as string).split(":") as [string, string];
      if (!((idx.settings.sortableAttributes as string[]) ?? []).includes(field)) throw new ApiError(400, "invalid_search_sort", `${field} is not sortable`);
      scored.sort((a, b) => (Number(a.d[field]) - Number(b.d[field])) * (dir === "desc" ? -1 : 1));
    } else {
      scored.sort((a, b) => b.n - a.n || Number(b.d.boost) - Number(a.d.boost));
    }
    const offset = Number(body.offset ?? 0);
    const limit = Number(body.limit ?? 20);
    const facets = (body.facets as string[] | undefined) ?? [];
    const facetDistribution: Record<string, Record<string, number>> = {};
    for (const f of facets) {
      facetDistribution[f] = {};
      for (const { d } of scored) {
        const vs = Array.isArray(d[f]) ? (d[f] as unknown[]) : d[f] == null ? [] : [d[f]];
        for (const v of vs) facetDistribution[f]![String(v)] = (facetDistribution[f]![String(v)] ?? 0) + 1;
      }
    }
    const pre = String(body.highlightPreTag ?? "<em>");
    const post = String(body.highlightPostTag ?? "</em>");
    const formatted = new Set([...((body.attributesToHighlight as string[]) ?? []), ...((body.attributesToCrop as string[]) ?? [])]);
    const hits = scored.slice(offset, offset + limit).map(({ d, n }) => {
      const hit: Doc = this.displayed(idx, d, body.attributesToRetrieve as string[] | undefined);
      const f: Doc = {};
      for (const a of formatted) {
        let text = String(d[a] ?? "");
        for (const w of words) text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])(${w})(?![\\p{L}\\p{N}])`, "giu"), `${pre}$1${post}`);
        f[a] = text;
      }
      hit._formatted = f;
      if (body.showRankingScore) hit._rankingScore = words.length ? n / words.length : 1;
      return hit;
    });
    return { hits, query: body.q ?? "", processingTimeMs: 0, offset, limit, estimatedTotalHits: scored.length, facetDistribution };
  }

  private route(method: string, path: string, query: URLSearchParams, body: unknown): [number, unknown] {
    const parts = path.split("/").filter(Boolean);
    const b = (body ?? {}) as Record<string, unknown>;
    if (method === "GET" && path === "/health") return [200, { status: "available" }];
    if (method === "GET" && parts[0] === "tasks" && parts.length === 2) {
      const task = this.tasks[Number(parts[1])];
      if (!task) throw new ApiError(404, "task_not_found", "no task");
      // The first poll sees the task still queued, as a busy server would answer.
      const status = task.polls++ === 0 ? "enqueued" : task.status;
      return [200, { uid: task.uid, batchUid: null, indexUid: task.indexUid, status, type: task.type, canceledBy: null, error: status === "failed" ? task.error : null, duration: null, enqueuedAt: "", startedAt: null, finishedAt: null }];
    }
    if (method === "POST" && path === "/indexes") {
      return [202, this.enqueue(String(b.uid), "indexCreation", () => {
        if (this.indexes.has(String(b.uid))) return { message: "exists", code: "index_already_exists", type: "invalid_request", link: "" };
        this.indexes.set(String(b.uid), { primaryKey: String(b.primaryKey), docs: new Map(), settings: {} });
        return null;
      })];
    }
    if (method === "POST" && path === "/multi-search") {
      const queries = b.queries as Record<string, unknown>[];
      return [200, { results: queries.map(({ indexUid, ...q }) => ({ indexUid, ...this.search(String(indexUid), q) })) }];
    }
    if (parts[0] !== "indexes" || !parts[1]) throw new ApiError(404, "not_found", `${method} ${path}`);
    const uid = parts[1];
    const rest = parts.slice(2).join("/");
    if (method === "GET" && rest === "") {
      const idx = this.index(uid);
      return [200, { uid, primaryKey: idx.primaryKey, createdAt: "", updatedAt: "" }];
    }
    if (method === "DELETE" && rest === "") {
      return [202, this.enqueue(uid, "indexDeletion", () => (this.indexes.delete(uid) ? null : { message: "no index", code: "index_not_found", type: "invalid_request", link: "" }))];
    }
    if (method === "PATCH" && rest === "settings") {
      const idx = this.index(uid);
      return [202, this.enqueue(uid, "settingsUpdate", () => ((idx.settings = { ...idx.settings, ...b }), null))];
    }
    if (method === "GET" && rest === "stats") return [200, { numberOfDocuments: this.index(uid).docs.size, isIndexing: false, fieldDistribution: {} }];
    if (method === "POST" && rest === "search") return [200, this.search(uid, b)];
    if (method === "POST" && rest === "documents/fetch") {
      const idx = this.index(uid);
      const matches = this.checkFilter(idx, b.filter);
      const found = [...idx.docs.values()].filter(matches);
      const limit = Number(b.limit ?? 20);
      return [200, { results: found.slice(0, limit).map((d) => this.displayed(idx, d, b.fields as string[] | undefined)), offset: 0, limit, total: found.length }];
    }
    if (method === "POST" && rest === "documents") {
      const idx = this.index(uid);
      if (query.get("primaryKey") !== "id") throw new ApiError(400, "bad_request", "expected primaryKey=id");
      return [202, this.enqueue(uid, "documentAdditionOrUpdate", () => {
        for (const d of body as Doc[]) idx.docs.set(String(d.id), d);
        return null;
      })];
    }
    if (method === "POST" && rest === "documents/delete-batch") {
      const idx = this.index(uid);
      return [202, this.enqueue(uid, "documentDeletion", () => ((body as string[]).forEach((id) => idx.docs.delete(id)), null))];
    }
    if (method === "DELETE" && rest === "documents") {
      const idx = this.index(uid);
      return [202, this.enqueue(uid, "documentDeletion", () => (idx.docs.clear(), null))];
    }
    throw new ApiError(404, "not_found", `${method} ${path}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString();
    const url = new URL(req.url ?? "/", "http://x");
    const body = raw ? (JSON.parse(raw) as unknown) : undefined;
    this.requests.push({ method: req.method ?? "", path: url.pathname, body });
    try {
      const [status, out] = this.route(req.method ?? "", url.pathname, url.searchParams, body);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(out));
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(500, "internal", String(err));
      res.writeHead(e.status, { "content-type": "application/json" }).end(JSON.stringify({ message: e.message, code: e.code, type: "invalid_request", link: "" }));
    }
  }
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const TEAM = uuid(0xa0);
const AUTHOR = uuid(1);
const STRANGER: ReadScope = { all: false, userId: uuid(9), teamIds: [], orgReadableStatuses: ["published", "archived"] };

function doc(n: number, overrides: Partial<SearchDocument> = {}): SearchDocument {
  const at = new Date(Date.UTC(2026, 0, n));
  return contractDoc({ id: uuid(0x100 + n), slug: `doc-${n}`, title: `Doc ${n}`, teamId: TEAM, authorId: AUTHOR, createdAt: at, updatedAt: at, ...overrides });
}

describe("version guard and batching", () => {
  it("keeps the latest version of each id in a batch", () => {
    const a1 = doc(1, { version: 1 });
    const a3 = doc(1, { version: 3 });
    const b = doc(2, { version: 2 });
    expect(latestPerId([a1, b, a3]).map((d) => [d.id, d.version])).toEqual([
      [a1.id, 3],
      [b.id, 2],
    ]);
  });

  it.each<[string, number, number | undefined, boolean]>([
    ["new id", 1, undefined, true],
    ["newer version", 3, 2, true],
    ["same version (signals refresh)", 2, 2, true],
    ["older version", 1, 2, false],
  ])("%s", (_name, version, indexed, sent) => {
    const d = doc(1, { version });
    const map = new Map(indexed === undefined ? [] : [[d.id, indexed]]);
    expect(selectNotOlder([d], map)).toEqual(sent ? [d] : []);
  });

  it("splits uploads by size, a single oversized document alone", () => {
    const small = { body: "x".repeat(10) };
    const big = { body: "y".repeat(500) };
    const parts = chunksBySize([small, small, big, small], 100);
    expect(parts.map((p) => p.length)).toEqual([2, 1, 1]);
    expect(chunksBySize([], 100)).toEqual([]);
  });
});

describe("MeiliSearchEngine over the Meilisearch HTTP API (fake server)", () => {
  const fake = new FakeMeili();
  let engine: MeiliSearchEngine;
  let url: string;

  beforeAll(async () => {
    url = await fake.start();
    engine = new MeiliSearchEngine({ url, apiKey: "test-key", indexName: "entries_test", taskTimeoutMs: 5_000 });
  });
  afterAll(() => fake.stop());
  beforeEach(async () => {
    fake.indexes.clear();
    fake.requests = [];
    await engine.ensureReady();
  });

  it("ensureReady creates the index with primary key id, applies the settings, and is idempotent", async () => {
    const idx = fake.indexes.get("entries_test")!;
    expect(idx.primaryKey).toBe("id");
    expect(idx.settings.rankingRules).toContain("boost:desc");
    await engine.ensureReady(); // index_already_exists is fine
    expect(fake.tasks.at(-2)?.error?.code).toBe("index_already_exists");
  });

  it("fails when a task fails", async () => {
    fake.failNext = { type: "settingsUpdate", code: "invalid_settings_ranking_rules" };
    await expect(engine.ensureReady()).rejects.toThrow(MeiliTaskFailed);
    fake.failNext = { type: "documentAdditionOrUpdate", code: "invalid_document_id" };
    await expect(engine.index([doc(1)])).rejects.toThrow(/invalid_document_id/);
  });

  it("indexes, guards versions, removes and counts", async () => {
    const d = doc(1, { title: "Versioned runbook", version: 2 });
    await engine.index([d, doc(2)]);
    expect(await engine.count()).toBe(2);
    await engine.index([{ ...d, version: 1, title: "Stale title" }]);
    expect(fake.indexes.get("entries_test")!.docs.get(d.id)!.title).toBe("Versioned runbook");
    const upserts = fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/documents"));
    expect(upserts).toHaveLength(1); // the stale one was never sent
    await engine.index([{ ...d, version: 2, feedback: 5 }]); // same version: re-sent (signals refresh)
    expect(fake.indexes.get("entries_test")!.docs.get(d.id)!.feedback).toBe(5);
    await engine.index([{ ...d, version: 3, title: "A" }, { ...d, version: 4, title: "B" }]);
    expect(fake.indexes.get("entries_test")!.docs.get(d.id)!.title).toBe("B");
    await engine.remove([d.id]);
    expect(await engine.count()).toBe(1);
  });

  it("uploads large batches in several requests", async () => {
    const small = new MeiliSearchEngine({ url, indexName: "entries_test", maxUploadBytes: 3_000 });
    await small.index(Array.from({ length: 6 }, (_, i) => doc(i + 1, { body: "z".repeat(1_000) })));
    expect(await small.count()).toBe(6);
    expect(fake.requests.filter((r) => r.method === "POST" && r.path.endsWith("/documents")).length).toBeGreaterThanOrEqual(3);
  });

  it("counts zero before the index exists and reports health", async () => {
    fake.indexes.clear();
    expect(await engine.count()).toBe(0);
    expect(await engine.health()).toEqual({ ok: true });
    const down = new MeiliSearchEngine({ url: "http://127.0.0.1:1" });
    const h = await down.health();
    expect(h.ok).toBe(false);
    expect(h.detail).toBeTruthy();
  });

  it("searches inside the read scope, with safe snippets, facets and a cursor", async () => {
    await engine.index([
      doc(1, { title: "Pool exhausted", body: 'pool <script>alert("x")</script> ran dry', tags: ["postgres"] }),
      doc(2, { title: "Pool secret", body: "pool secret", visibility: "restricted" }),
      doc(3, { title: "Pool draft", body: "pool draft", status: "draft" }),
    ]);
    const res = await engine.search({ q: "pool", scope: STRANGER, limit: 10 });
    expect(res.hits.map((h) => h.title)).toEqual(["Pool exhausted"]);
    expect(res.total).toBe(1);
    expect(res.facets.tag).toEqual({ postgres: 1 });
    expect(res.hits[0]!.snippet).toBe('<mark>pool</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; ran dry');
    const admin = await engine.search({ q: "pool", scope: { all: true }, limit: 2 });
    expect(admin.total).toBe(3);
    expect(admin.nextCursor).not.toBeNull();
    const next = await engine.search({ q: "pool", scope: { all: true }, limit: 2, cursor: admin.nextCursor });
    expect(next.hits).toHaveLength(1);
    expect(next.nextCursor).toBeNull();
    const body = fake.requests.find((r) => r.path.endsWith("/search"))!.body as Record<string, unknown>;
    expect(body.attributesToRetrieve).not.toContain("body");
  });

  it("error mode: one multi-search, fingerprint hits first", async () => {
    const line = "2026-09-14 09:12:03.114 UTC [4127] FATAL: remaining connection slots are reserved for non-replication superuser connections";
    await engine.index([
      doc(1, { title: "Many words about connection slots reserved superuser", body: "connection slots reserved superuser connections remaining fatal" }),
      doc(2, { title: "Raise max_connections safely", fingerprints: [fingerprintError(line)] }),
    ]);
    const pasted = "2026-11-02 22:01:59.870 UTC [88231] FATAL: remaining connection slots are reserved for non-replication superuser connections";
    const res = await engine.search({ q: pasted, scope: STRANGER, limit: 10 });
    expect(res.mode).toBe("error");
    expect(res.hits.map((h) => [h.title, h.fingerprintMatch])).toEqual([
      ["Raise max_connections safely", true],
      ["Many words about connection slots reserved superuser", false],
    ]);
    expect(res.total).toBe(2);
    expect(fake.requests.filter((r) => r.path === "/multi-search")).toHaveLength(1);
  });

  it("related: readable entries like the source, never the source, nothing for an unreadable source", async () => {
    await engine.index([
      doc(1, { title: "Kafka consumer lag", tags: ["kafka"] }),
      doc(2, { title: "Kafka lag runbook", tags: ["kafka"] }),
      doc(3, { title: "Kafka secret", tags: ["kafka"], visibility: "restricted" }),
      doc(4, { title: "Kafka restricted source", visibility: "restricted" }),
    ]);
    const related = await engine.related(uuid(0x101), STRANGER, 5);
    expect(related.map((h) => h.title)).toEqual(["Kafka lag runbook"]);
    expect(await engine.related(uuid(0x104), STRANGER, 5)).toEqual([]);
    expect((await engine.related(uuid(0x104), { all: true }, 5)).map((h) => h.title)).not.toContain("Kafka restricted source");
  });

  it("clear and dropIndex (test helpers) empty and delete the index", async () => {
    await engine.index([doc(1)]);
    await engine.clear();
    expect(await engine.count()).toBe(0);
    await engine.dropIndex();
    expect(fake.indexes.has("entries_test")).toBe(false);
    await engine.dropIndex(); // already gone is fine
  });
});
