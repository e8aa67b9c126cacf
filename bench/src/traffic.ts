// The mixed traffic of `pnpm bench:load`, as pure functions the load generator calls per request:
// which class each request is (searches, entry reads, writes in fixed proportions, spread evenly
// over a short cycle rather than in bursts), and what each request is (rotating search queries
// from the search benchmark's mix, reads of existing entries by id, upserts by externalKey that
// alternately update an imported entry and create a new one). No I/O: tests check the proportions
// and rotations without a server.
import { InvalidArgumentError } from "commander";
import { generateEntry, queryAt, type QueryClass, type QuerySpec } from "./generator.js";
import { searchPath, type BulkEntry } from "./hindsight-client.js";
import { Rng } from "./prng.js";
import type { Vocabulary } from "./vocabulary.js";

export const TRAFFIC_CLASSES = ["search", "read", "write"] as const;
export type TrafficClass = (typeof TRAFFIC_CLASSES)[number];

/** Relative weights per class (percentages by convention). */
export type TrafficMix = Record<TrafficClass, number>;

export const DEFAULT_MIX: TrafficMix = { search: 80, read: 15, write: 5 };

/** `--mix 80,15,5` (search, read, write) or `--mix search=80,read=15,write=5`. */
export function parseMix(value: string): TrafficMix {
  const parts = value.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = () => new InvalidArgumentError("expected three non-negative integer weights: search,read,write (e.g. 80,15,5) or search=80,read=15,write=5");
  if (parts.length !== TRAFFIC_CLASSES.length) throw bad();
  const mix: Partial<TrafficMix> = {};
  parts.forEach((part, i) => {
    const [name, weight] = part.includes("=") ? part.split("=", 2) : [TRAFFIC_CLASSES[i], part];
    if (!TRAFFIC_CLASSES.includes(name as TrafficClass) || !/^\d+$/.test(weight ?? "") || mix[name as TrafficClass] !== undefined) throw bad();
    mix[name as TrafficClass] = Number(weight);
  });
  const full = mix as TrafficMix;
  if (TRAFFIC_CLASSES.every((c) => full[c] === 0)) throw bad();
  return full;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * One cycle of the mix, weights divided by their common divisor (80/15/5 -> 20 requests: 16
 * searches, 3 reads, 1 write), each class's requests placed at evenly spaced points of the cycle
 * (the k-th of w at (k + 1/2) * length / w), so classes are spread through it rather than bunched.
 * The load clients walk this cycle with one shared cursor, so over any whole number of cycles the
 * proportions are exact, and every prefix is within one request of them.
 */
export function trafficPlan(mix: TrafficMix): TrafficClass[] {
  const divisor = TRAFFIC_CLASSES.reduce((d, c) => gcd(d, mix[c]), 0);
  if (divisor === 0) throw new Error("the traffic mix has no weight");
  const weights = TRAFFIC_CLASSES.map((c) => mix[c] / divisor);
  const length = weights.reduce((s, w) => s + w, 0);
  const slots = TRAFFIC_CLASSES.flatMap((cls, i) => Array.from({ length: weights[i]! }, (_, k) => ({ cls, at: ((k + 0.5) * length) / weights[i]!, order: i })));
  slots.sort((a, b) => a.at - b.at || a.order - b.order);
  return slots.map((s) => s.cls);
}

export interface PlannedRequest {
  cls: TrafficClass;
  /** Finer label for the report: the search's query class, or created/updated for writes. */
  detail: QueryClass | "by-id" | "update" | "create";
  method: "GET" | "POST";
  path: string;
  body?: string;
}

export interface TrafficSourceOptions {
  specs: readonly QuerySpec[];
  seed: string;
  /** Ids of entries that exist (the imported ones), read in a seeded shuffled order. */
  entryIds: readonly string[];
  /** How many entries were imported: entries 0..size-1 exist, new ones are numbered from size. */
  size: number;
  vocab: Vocabulary;
}

/** An upsert that really changes the entry: same externalKey, a summary that names the write. */
export function updatedEntry(entry: BulkEntry, write: number): BulkEntry {
  return { ...entry, summary: `${entry.summary} (revised by load write ${write})` };
}

/**
 * Hands out the next request of each class. Searches rotate through the search benchmark's query
 * set (a pasted error line gets fresh ids each time); reads walk a seeded permutation of the
 * existing entries; writes alternate between updating imported entry j (in order, so concurrent
 * writes never touch the same entry within the first `size` updates) and creating entry size + j.
 */
export class TrafficSource {
  private readonly counts: Record<TrafficClass, number> = { search: 0, read: 0, write: 0 };
  private readonly readOrder: readonly string[];

  constructor(private readonly options: TrafficSourceOptions) {
    if (!options.specs.length) throw new Error("no search queries to rotate");
    if (!Number.isSafeInteger(options.size) || options.size < 1) throw new Error("writes need at least one imported entry to update");
    const rng = new Rng(`${options.seed}:reads`);
    const order = [...options.entryIds];
    // Fisher-Yates with the seeded PRNG: reads spread over the whole table, same order every run.
    for (let i = order.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    this.readOrder = order;
  }

  /** How many of each class were handed out. */
  issued(): Readonly<Record<TrafficClass, number>> {
    return { ...this.counts };
  }

  next(cls: TrafficClass): PlannedRequest {
    const k = this.counts[cls]++;
    const { specs, seed, size, vocab } = this.options;
    switch (cls) {
      case "search": {
        const { spec, params } = queryAt(specs, k, seed);
        return { cls, detail: spec.class, method: "GET", path: searchPath(params) };
      }
      case "read": {
        if (!this.readOrder.length) throw new Error("no entries to read");
        return { cls, detail: "by-id", method: "GET", path: `/api/v1/entries/${this.readOrder[k % this.readOrder.length]!}` };
      }
      case "write": {
        const j = Math.floor(k / 2);
        const create = k % 2 === 1;
        const entry = create ? generateEntry(size + j, vocab, { seed }) : updatedEntry(generateEntry(j % size, vocab, { seed }), k);
        return { cls, detail: create ? "create" : "update", method: "POST", path: "/api/v1/entries", body: JSON.stringify(entry) };
      }
    }
  }
}
