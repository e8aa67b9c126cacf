// The meilisearch engine: the SearchEngine port over a Meilisearch index, through the official client.
// Every write waits for its Meilisearch task and fails when the task failed, so the outbox relay
// only marks work done once Meilisearch has applied it. The translation (settings, documents,
// filters, requests, responses) lives in pure modules next to this one.
import type { ReadScope } from "@hindsight/domain";
import { Meilisearch, MeilisearchApiError, type EnqueuedTaskPromise, type Index, type Task } from "meilisearch";
import { EMPTY_FACETS, type SearchDocument, type SearchEngine, type SearchHit, type SearchQuery, type SearchResult } from "../../port.js";
import { toMeiliDocument, type MeiliDocument } from "./document.js";
import { isIn, renderFilter } from "./filter.js";
import { planMeiliSearch, readableEntryFilter, relatedQueryText, relatedRequest } from "./query.js";
import { fromMeiliResponse, toSearchHit, type MeiliResponse } from "./response.js";
import { meiliSettings } from "./settings.js";

export interface MeiliSearchEngineOptions {
  url: string;
  apiKey?: string | null;
  indexName?: string;
  /** How long to wait for one Meilisearch task (settings on a large index take a while). */
  taskTimeoutMs?: number;
  /** Documents per version lookup and per upload. */
  batchSize?: number;
  /** Largest upload body; Meilisearch refuses payloads over its limit (100 MB by default). */
  maxUploadBytes?: number;
  /** Per-request timeout, so a hung server fails a health check instead of stalling it. */
  requestTimeoutMs?: number;
}

export class MeiliTaskFailed extends Error {
  constructor(
    readonly what: string,
    readonly task: Pick<Task, "uid" | "status" | "error">,
  ) {
    super(`Meilisearch ${what} task ${task.uid} ${task.status}${task.error ? `: ${task.error.message} (${task.error.code})` : ""}`);
    this.name = "MeiliTaskFailed";
  }
}

/** The latest version of each id in a batch (a batch may carry several versions of one entry). */
export function latestPerId(docs: readonly SearchDocument[]): SearchDocument[] {
  const byId = new Map<string, SearchDocument>();
  for (const d of docs) {
    const seen = byId.get(d.id);
    if (!seen || d.version >= seen.version) byId.set(d.id, d);
  }
  return [...byId.values()];
}

/**
 * The documents to send given the indexed versions: new ids, and ids whose version is not older
 * than the indexed one. An equal version is sent again on purpose: a reindex refreshes the ranking
 * signals (feedback votes, runbook staleness), which change without a new entry version.
 */
export function selectNotOlder(docs: readonly SearchDocument[], indexed: ReadonlyMap<string, number>): SearchDocument[] {
  return docs.filter((d) => {
    const v = indexed.get(d.id);
    return v === undefined || d.version >= v;
  });
}

/**
 * Splits documents into uploads of at most `maxBytes` of JSON each (a single larger document goes
 * alone, and Meilisearch's own limit decides).
 */
export function chunksBySize<T>(xs: readonly T[], maxBytes: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 2;
  for (const x of xs) {
    const size = Buffer.byteLength(JSON.stringify(x)) + 1;
    if (current.length > 0 && bytes + size > maxBytes) {
      out.push(current);
      current = [];
      bytes = 2;
    }
    current.push(x);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

function apiErrorCode(err: unknown): string | undefined {
  return err instanceof MeilisearchApiError ? err.cause?.code : undefined;
}

export class MeiliSearchEngine implements SearchEngine {
  readonly name = "meilisearch" as const;
  readonly indexName: string;
  private readonly client: Meilisearch;
  private readonly taskTimeoutMs: number;
  private readonly batchSize: number;
  private readonly maxUploadBytes: number;

  constructor(options: MeiliSearchEngineOptions) {
    this.client = new Meilisearch({
      host: options.url,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      timeout: options.requestTimeoutMs ?? 60_000,
    });
    this.indexName = options.indexName ?? "entries";
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    this.batchSize = options.batchSize ?? 500;
    this.maxUploadBytes = options.maxUploadBytes ?? 20_000_000;
  }

  private get idx(): Index<MeiliDocument> {
    return this.client.index<MeiliDocument>(this.indexName);
  }

  private async settle(what: string, enqueued: EnqueuedTaskPromise, allowedErrorCodes: string[] = []): Promise<Task> {
    const task = await enqueued.waitTask({ timeout: this.taskTimeoutMs });
    if (task.status === "succeeded") return task;
    if (task.status === "failed" && task.error && allowedErrorCodes.includes(task.error.code)) return task;
    throw new MeiliTaskFailed(what, task);
  }

  async ensureReady(): Promise<void> {
    // Another replica may create the index first; that is as good as creating it.
    await this.settle("create index", this.client.createIndex(this.indexName, { primaryKey: "id" }), ["index_already_exists"]);
    const info = await this.client.getRawIndex(this.indexName);
    if (info.primaryKey && info.primaryKey !== "id") {
      throw new Error(`Meilisearch index ${this.indexName} has primary key ${info.primaryKey}, expected id`);
    }
    await this.settle("settings update", this.idx.updateSettings(meiliSettings()));
  }

  /** Indexed versions of the given ids. */
  private async indexedVersions(ids: string[]): Promise<Map<string, number>> {
    const res = await this.idx.getDocuments({ filter: renderFilter(isIn("id", ids)), fields: ["id", "version"], limit: ids.length });
    return new Map(res.results.map((d) => [String(d.id), Number(d.version)]));
  }

  async index(docs: SearchDocument[]): Promise<void> {
    const now = new Date();
    for (const batch of chunks(latestPerId(docs), this.batchSize)) {
      const send = selectNotOlder(batch, await this.indexedVersions(batch.map((d) => d.id)));
      for (const upload of chunksBySize(send.map((d) => toMeiliDocument(d, now)), this.maxUploadBytes)) {
        await this.settle("document upsert", this.idx.addDocuments(upload, { primaryKey: "id" }));
      }
    }
  }

  async remove(ids: string[]): Promise<void> {
    for (const batch of chunks([...new Set(ids)], this.batchSize)) {
      await this.settle("document deletion", this.idx.deleteDocuments(batch));
    }
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const plan = planMeiliSearch(query);
    if (plan.nothing) return { hits: [], total: 0, totalIsEstimate: false, facets: EMPTY_FACETS(), nextCursor: null, mode: "text", weakMatch: false };
    if (!plan.fingerprint) {
      const main = await this.idx.search<MeiliDocument>(plan.main.q, plan.main);
      return fromMeiliResponse(plan, main as unknown as MeiliResponse);
    }
    // Error mode: both searches in one round trip.
    const { results } = await this.client.multiSearch({
      queries: [
        { indexUid: this.indexName, ...plan.fingerprint },
        { indexUid: this.indexName, ...plan.main },
      ],
    });
    const [fp, main] = results as unknown as [MeiliResponse, MeiliResponse];
    return fromMeiliResponse(plan, main, fp);
  }

  async related(id: string, scope: ReadScope, limit: number): Promise<SearchHit[]> {
    // The source must be readable by the caller: its words must not leak through what it finds.
    const source = await this.idx.getDocuments({ filter: readableEntryFilter(id, scope), fields: ["title", "tags", "services"], limit: 1 });
    const doc = source.results[0];
    if (!doc) return [];
    const text = relatedQueryText(doc);
    if (!text) return [];
    const req = relatedRequest(id, text, scope, limit);
    const res = await this.idx.search<MeiliDocument>(req.q, req);
    return (res as unknown as MeiliResponse).hits.map((h) => toSearchHit(h, false));
  }

  async count(): Promise<number> {
    try {
      return (await this.idx.getStats()).numberOfDocuments;
    } catch (err) {
      if (apiErrorCode(err) === "index_not_found") return 0;
      throw err;
    }
  }

  async health(): Promise<{ ok: boolean; detail?: string }> {
    try {
      const h = await this.client.health();
      return h.status === "available" ? { ok: true } : { ok: false, detail: `Meilisearch status ${String(h.status)}` };
    } catch (err) {
      return { ok: false, detail: err instanceof Error ? err.message : String(err) };
    }
  }

  /** Removes every document, keeping the index and its settings (tests). */
  async clear(): Promise<void> {
    await this.settle("delete all documents", this.idx.deleteAllDocuments());
  }

  /** Deletes the whole index (tests, and rebuilding from scratch). */
  async dropIndex(): Promise<void> {
    await this.settle("delete index", this.client.deleteIndex(this.indexName), ["index_not_found"]);
  }
}
