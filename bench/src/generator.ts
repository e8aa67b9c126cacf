// Deterministic load for the search benchmark: entries of every kind (~1,500 characters of corpus
// prose recombined, with error lines, alert names and services), and a rotating set of queries of
// the shapes engineers type: plain words, a typo, a half-typed last word, a pasted log line whose
// timestamp and ids differ from the stored one, an alert name, and filtered searches.
// Entry i and query iteration i each draw from their own seeded stream, so any slice of the load
// can be generated on its own and is identical on every run with the same seed and corpus.
import { ENTRY_KINDS, type EntryKind } from "@hindsight/domain";
import type { BulkEntry, SearchParams } from "./hindsight-client.js";
import { Rng } from "./prng.js";
import type { Vocabulary } from "./vocabulary.js";

export { ENTRY_KINDS, type EntryKind } from "@hindsight/domain";

/** The load's mix of kinds (every kind the domain knows must have a share: the type says so). */
const KIND_WEIGHTS: Record<EntryKind, number> = { postmortem: 30, fix: 30, runbook: 25, gameday: 10, transcript: 5 };

/** Error templates the entries draw from; pasted-error queries use the same ones, so they can match. */
const ERROR_TEMPLATES_USED = 64;

export interface GeneratorOptions {
  seed: string;
  /** Mean body length in characters (entries vary about ±20% around it). */
  bodyChars?: number;
}

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, "");
}

/** Up to 64 error messages spread evenly over the (sorted) list, not just its alphabetical head. */
function errorTemplates(vocab: Vocabulary): string[] {
  const all = vocab.errorLines;
  if (all.length <= ERROR_TEMPLATES_USED) return all;
  return Array.from({ length: ERROR_TEMPLATES_USED }, (_, i) => all[Math.floor((i * all.length) / ERROR_TEMPLATES_USED)]!);
}

/** A log line as it shows up in a terminal: timestamp, level, pod, message, request id. */
export function renderErrorLine(rng: Rng, message: string, service: string): string {
  const ts = new Date(Date.UTC(2024, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23), rng.int(0, 59), rng.int(0, 59), rng.int(0, 999)));
  const pod = `${service.replace(/[^a-z0-9-]/g, "-")}-${rng.hex(10)}-${rng.hex(5)}`;
  return `${ts.toISOString()} level=error pod=${pod} msg="${message.replace(/"/g, "'")}" request_id=${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`;
}

function title(rng: Rng, kind: EntryKind, vocab: Vocabulary, service: string, alert: string, error: string): string {
  switch (kind) {
    case "postmortem":
      return clip(`${rng.pick(vocab.titles)} in ${service}`, 200);
    case "runbook":
      return clip(`${alert}: ${rng.pick(vocab.words)} ${rng.pick(vocab.words)} on ${service}`, 200);
    case "fix":
      return clip(`Fix: ${error}`, 120);
    case "gameday":
      return `Game day: ${rng.pick(vocab.words)} ${rng.pick(vocab.words)} failure in ${service}`;
    case "transcript":
      return `#inc-${service} ${rng.pick(vocab.words)} ${rng.pick(vocab.words)} (${2019 + rng.int(0, 6)}-${String(rng.int(1, 12)).padStart(2, "0")}-${String(rng.int(1, 28)).padStart(2, "0")})`;
  }
}

export function generateEntry(i: number, vocab: Vocabulary, options: GeneratorOptions): BulkEntry {
  const rng = new Rng(`${options.seed}:entry:${i}`);
  const kind = rng.weighted(KIND_WEIGHTS);
  const services = rng.sample(vocab.services, rng.int(1, 2));
  const service = services[0]!;
  const alert = rng.pick(vocab.alertNames);
  const errorMessage = rng.pick(errorTemplates(vocab));
  const target = Math.round((options.bodyChars ?? 1_500) * (0.8 + rng.next() * 0.4));

  const parts: string[] = [];
  let length = 0;
  const add = (s: string) => {
    parts.push(s);
    length += s.length + 2;
  };
  add(rng.pick(vocab.paragraphs));
  if (kind === "fix" || rng.chance(0.5)) add("```\n" + renderErrorLine(rng, errorMessage, service) + "\n```");
  if (kind === "runbook" || rng.chance(0.4)) add(`The alert ${alert} fired for ${service}. ${rng.pick(vocab.sentences)}`);
  while (length < target) {
    add(rng.chance(0.6) ? rng.pick(vocab.paragraphs) : `${rng.pick(vocab.sentences)} ${rng.pick(vocab.sentences)}`);
  }
  let body = parts.join("\n\n");
  if (body.length > target * 1.25) body = clip(body, Math.round(target * 1.1));

  const tags = [...new Set([kind === "runbook" ? "alert" : rng.pick(vocab.services), ...rng.sample(vocab.words.slice(0, 80), rng.int(0, 2))])];
  const entry: BulkEntry = {
    kind,
    title: title(rng, kind, vocab, service, alert, errorMessage),
    summary: clip(rng.pick(vocab.sentences), 300),
    body,
    tags,
    services,
    externalKey: `bench/${options.seed}/${i}`,
  };
  if (kind === "fix") entry.fields = { errorSignatures: [errorMessage] };
  return entry;
}

/** Entries [from, to) — any range, same content as generating all of them. */
export function generateEntries(from: number, to: number, vocab: Vocabulary, options: GeneratorOptions): BulkEntry[] {
  const out: BulkEntry[] = [];
  for (let i = from; i < to; i++) out.push(generateEntry(i, vocab, options));
  return out;
}

/**
 * Entries [from, to) in batches of at most `batchSize`, each made only when asked for: a million
 * entries never sit in memory at once, only the batch being sent (and the next, being made).
 */
export function* entryBatches(from: number, to: number, batchSize: number, vocab: Vocabulary, options: GeneratorOptions): Generator<BulkEntry[]> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new Error(`batch size must be a positive integer, got ${batchSize}`);
  for (let start = from; start < to; start += batchSize) yield generateEntries(start, Math.min(to, start + batchSize), vocab, options);
}

// ---- queries ------------------------------------------------------------------------------------

export const QUERY_CLASSES = ["words", "typo", "prefix", "error", "alert", "filtered"] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export interface QuerySpec {
  class: QueryClass;
  /** The text, or for `error` the message a fresh timestamp and ids are wrapped around per iteration. */
  q: string;
  service?: string;
  kind?: EntryKind;
}

/** One edit (substitution, transposition, deletion or insertion) somewhere past the first letter. */
export function typo(rng: Rng, word: string): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  for (;;) {
    const at = rng.int(1, word.length - 2);
    let out: string;
    switch (rng.int(0, 3)) {
      case 0:
        out = word.slice(0, at) + rng.pick([...letters]) + word.slice(at + 1);
        break;
      case 1:
        out = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
        break;
      case 2:
        out = word.slice(0, at) + word.slice(at + 1);
        break;
      default:
        out = word.slice(0, at) + rng.pick([...letters]) + word.slice(at);
    }
    if (out !== word) return out;
  }
}

const COUNTS: Record<QueryClass, number> = { words: 10, typo: 8, prefix: 6, error: 8, alert: 6, filtered: 6 };

/** The rotating query set: 44 queries, 6 classes, fixed for a seed and a corpus. */
export function buildQuerySpecs(vocab: Vocabulary, seed: string): QuerySpec[] {
  const rng = new Rng(`${seed}:queries`);
  const common = vocab.words.slice(0, 200);
  const long = common.filter((w) => w.length >= 6);
  const specs: QuerySpec[] = [];
  for (let i = 0; i < COUNTS.words; i++) specs.push({ class: "words", q: rng.sample(common, rng.int(2, 3)).join(" ") });
  for (let i = 0; i < COUNTS.typo; i++) {
    const [a, b] = rng.sample(long, 2);
    specs.push({ class: "typo", q: rng.chance(0.5) ? typo(rng, a!) : `${b} ${typo(rng, a!)}` });
  }
  for (let i = 0; i < COUNTS.prefix; i++) {
    const [a, b] = rng.sample(long, 2);
    specs.push({ class: "prefix", q: `${a} ${b!.slice(0, rng.int(3, Math.min(5, b!.length - 1)))}` });
  }
  for (const message of rng.sample(errorTemplates(vocab), COUNTS.error)) specs.push({ class: "error", q: message, service: rng.pick(vocab.services) });
  for (let i = 0; i < COUNTS.alert; i++) {
    const alert = rng.pick(vocab.alertNames);
    specs.push({ class: "alert", q: rng.chance(0.5) ? alert : `${alert} ${rng.pick(common)}` });
  }
  for (let i = 0; i < COUNTS.filtered; i++) {
    const q = rng.sample(common, 2).join(" ");
    specs.push(i % 2 === 0 ? { class: "filtered", q, kind: rng.pick(ENTRY_KINDS.slice(0, 3)) } : { class: "filtered", q, service: rng.pick(vocab.services) });
  }
  return specs;
}

/**
 * The request of iteration `i`: specs in rotation; a pasted error gets a new timestamp, pod and
 * request id every time, as real pastes do.
 */
export function queryAt(specs: readonly QuerySpec[], i: number, seed: string): { spec: QuerySpec; params: SearchParams } {
  const spec = specs[i % specs.length]!;
  if (spec.class === "error") {
    const rng = new Rng(`${seed}:paste:${i}`);
    return { spec, params: { q: renderErrorLine(rng, spec.q, spec.service!), limit: 10 } };
  }
  const params: SearchParams = { q: spec.q, limit: 10 };
  if (spec.kind) params.kind = spec.kind;
  if (spec.class === "filtered" && spec.service) params.service = spec.service;
  return { spec, params };
}
