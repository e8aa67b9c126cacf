// Talks to Hindsight's REST surface (/api/v1) the way a bot or CLI would: markdown import, bulk
// entries and search, with a bearer token. The transport is either Fastify's inject (no socket, for
// relevance runs) or fetch against a listening server (for latency), so one client serves both.
import type { CorpusDoc } from "./corpus.js";
import type { RankingEngine } from "./peers.js";

export interface Transport {
  request(method: "GET" | "POST", path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** What Fastify's `app.inject` needs to look like; keeps this module free of the app itself. */
export interface Injectable {
  inject(opts: { method: "GET" | "POST"; url: string; headers: Record<string, string>; payload?: string }): Promise<{
    statusCode: number;
    body: string;
  }>;
}

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export function injectTransport(app: Injectable, token: string): Transport {
  return {
    async request(method, path, body) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await app.inject({ method, url: path, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.statusCode, body: parse(res.body) };
    },
  };
}

export function httpTransport(baseUrl: string, token: string): Transport {
  return {
    async request(method, path, body) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers["content-type"] = "application/json";
      const res = await fetch(new URL(path, baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: parse(await res.text()) };
    },
  };
}

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    const detail =
      typeof body === "object" && body !== null && "error" in body
        ? JSON.stringify((body as { error: unknown }).error)
        : JSON.stringify(body)?.slice(0, 300);
    super(`${method} ${path.split("?")[0]} answered ${status}: ${detail}`);
  }
}

async function call<T>(t: Transport, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const res = await t.request(method, path, body);
  if (res.status !== 200 && res.status !== 201) throw new ApiError(method, path, res.status, res.body);
  return res.body as T;
}

// ---- import -------------------------------------------------------------------------------------

export const MAX_PER_REQUEST = 1_000;

export interface WriteReport {
  created: number;
  updated: number;
  unchanged: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Imports corpus documents as markdown, externalKey = corpus id, so hits map back to judgements. */
export async function importCorpus(t: Transport, docs: readonly CorpusDoc[]): Promise<WriteReport> {
  const total: WriteReport = { created: 0, updated: 0, unchanged: 0 };
  for (const batch of chunks(docs, MAX_PER_REQUEST)) {
    const report = await call<WriteReport>(t, "POST", "/api/v1/import/markdown", {
      documents: batch.map((d) => ({ markdown: d.markdown, kind: d.kind, filename: d.path, externalKey: d.id, source: "corpus" })),
    });
    total.created += report.created;
    total.updated += report.updated;
    total.unchanged += report.unchanged;
  }
  const landed = total.created + total.updated + total.unchanged;
  if (landed !== docs.length) throw new Error(`import reported ${landed} documents for ${docs.length} sent`);
  return total;
}

export interface BulkEntry {
  kind: string;
  title: string;
  body: string;
  summary: string;
  tags: string[];
  services: string[];
  externalKey: string;
  fields?: Record<string, unknown>;
}

/** Per entry of a batch, in the order sent: what the load benchmark reads and updates afterwards. */
export interface BatchWriteReport extends WriteReport {
  results: { id: string; slug: string; externalKey: string | null; outcome: string }[];
}

/** One `POST /api/v1/entries` batch (at most 1,000 entries). */
export async function postEntries(t: Transport, entries: readonly BulkEntry[]): Promise<BatchWriteReport> {
  if (entries.length > MAX_PER_REQUEST) throw new Error(`at most ${MAX_PER_REQUEST} entries per request`);
  const report = await call<BatchWriteReport>(t, "POST", "/api/v1/entries", { entries });
  if (report.created + report.updated + report.unchanged !== entries.length) {
    throw new Error(`POST /api/v1/entries reported ${report.created + report.updated + report.unchanged} results for ${entries.length} entries`);
  }
  return report;
}

// ---- search -------------------------------------------------------------------------------------

export interface SearchParams {
  q: string;
  limit?: number;
  kind?: string;
  team?: string;
  service?: string;
  tag?: string;
}

export interface SearchHitWire {
  id: string;
  kind: string;
  title: string;
  snippet: string;
  sourceUrl: string | null;
  externalKey: string | null;
}

export interface SearchResponseWire {
  hits: SearchHitWire[];
  total: number;
  facets: unknown;
  /** Hits found, but none answers clearly (see the API's search). */
  weakMatch?: boolean;
}

export function searchPath(params: SearchParams): string {
  const qs = new URLSearchParams({ q: params.q, limit: String(params.limit ?? 10) });
  for (const key of ["kind", "team", "service", "tag"] as const) {
    const v = params[key];
    if (v) qs.set(key, v);
  }
  return `/api/v1/search?${qs.toString()}`;
}

export async function search(t: Transport, params: SearchParams): Promise<SearchResponseWire> {
  const body = await call<SearchResponseWire>(t, "GET", searchPath(params));
  if (!body || !Array.isArray(body.hits)) throw new Error(`GET /api/v1/search answered without a hits array: ${JSON.stringify(body)?.slice(0, 200)}`);
  return body;
}

/**
 * Hits as corpus ids, through their externalKey; a hit without one (nothing the corpus import created)
 * ranks as an unjudged document.
 */
export function corpusIds(hits: readonly { id: string; externalKey: string | null }[]): string[] {
  return hits.map((h, i) => h.externalKey ?? `(unmapped hit ${i + 1}: ${h.id})`);
}

/** Hindsight as a ranking engine over the imported corpus, through REST. */
export function hindsightEngine(t: Transport, name = "Hindsight"): RankingEngine {
  const searchFlagged = async (q: string, limit: number) => {
    const body = await search(t, { q, limit });
    return { ranked: corpusIds(body.hits), weak: body.weakMatch === true };
  };
  return { name, searchFlagged, search: async (q, limit) => (await searchFlagged(q, limit)).ranked };
}
