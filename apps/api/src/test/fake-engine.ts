// An in-process SearchEngine double for outbox tests: can be switched off like an unreachable
// server, and counts every document it receives.
import { EMPTY_FACETS, type SearchDocument, type SearchEngine, type SearchHit, type SearchResult } from "@hindsight/search";

export class FakeEngine implements SearchEngine {
  readonly name = "fake";
  up = true;
  readonly docs = new Map<string, SearchDocument>();
  /** How many times each entry was sent. */
  readonly received = new Map<string, number>();

  private check(): void {
    if (!this.up) throw new Error("connect ECONNREFUSED 127.0.0.1:7700");
  }

  async ensureReady(): Promise<void> {
    this.check();
  }

  async index(docs: SearchDocument[]): Promise<void> {
    this.check();
    for (const d of docs) {
      this.received.set(d.id, (this.received.get(d.id) ?? 0) + 1);
      const held = this.docs.get(d.id);
      if (!held || held.version <= d.version) this.docs.set(d.id, d);
    }
  }

  async remove(ids: string[]): Promise<void> {
    this.check();
    for (const id of ids) this.docs.delete(id);
  }

  async search(): Promise<SearchResult> {
    this.check();
    return { hits: [], total: 0, totalIsEstimate: false, facets: EMPTY_FACETS(), nextCursor: null, mode: "text", weakMatch: false };
  }

  async related(): Promise<SearchHit[]> {
    return [];
  }

  async count(): Promise<number> {
    return this.docs.size;
  }

  async health() {
    return this.up ? { ok: true } : { ok: false, detail: "down" };
  }
}
