import { describe, expect, it } from "vitest";
import { loadCorpus } from "./corpus.js";
import { buildQuerySpecs, ENTRY_KINDS, entryBatches, generateEntries, generateEntry, QUERY_CLASSES, queryAt, typo } from "./generator.js";
import { Rng } from "./prng.js";
import { corpusSkipReason, FIXTURE_DOCS } from "./test/fixtures.js";
import { buildVocabulary } from "./vocabulary.js";

const vocab = buildVocabulary(FIXTURE_DOCS);
const LABEL = /^[a-z0-9][a-z0-9._/:+-]*$/;

/** Damerau-Levenshtein distance (optimal string alignment), to check a typo is one edit. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe("seeded PRNG", () => {
  it("repeats a stream for a seed and differs across seeds", () => {
    const draw = (seed: string) => {
      const r = new Rng(seed);
      return Array.from({ length: 5 }, () => r.next());
    };
    expect(draw("a")).toEqual(draw("a"));
    expect(draw("a")).not.toEqual(draw("b"));
    const r = new Rng("x");
    for (let i = 0; i < 1000; i++) {
      const v = r.next();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});

describe("vocabulary", () => {
  it("takes prose, error lines, alert names and services from the documents", () => {
    expect(vocab.alertNames).toEqual(["KubeletTooManyPods", "NodeHighNumberConntrackEntriesUsed"]);
    expect(vocab.services.slice(0, 2)).toEqual(["kubernetes", "node"]);
    expect(vocab.errorLines.some((l) => /connection refused/.test(l))).toBe(true);
    expect(vocab.paragraphs.every((p) => !p.includes("```") && !p.startsWith("#"))).toBe(true);
    expect(vocab.words.slice(0, 20)).toContain("pods");
    for (const s of vocab.services) expect(s).toMatch(LABEL);
  });

  it("is the same however often it is built", () => {
    expect(buildVocabulary(FIXTURE_DOCS)).toEqual(vocab);
  });
});

describe("generated entries", () => {
  const entries = generateEntries(0, 300, vocab, { seed: "42" });

  it("are deterministic per seed and independent of batch boundaries", () => {
    expect(generateEntries(0, 300, vocab, { seed: "42" })).toEqual(entries);
    expect([...generateEntries(0, 120, vocab, { seed: "42" }), ...generateEntries(120, 300, vocab, { seed: "42" })]).toEqual(entries);
    expect(generateEntry(7, vocab, { seed: "42" })).toEqual(entries[7]);
    expect(generateEntries(0, 300, vocab, { seed: "43" })).not.toEqual(entries);
  });

  it("stream in bounded batches that add up to the same entries, made only when asked for", () => {
    const batches = entryBatches(5, 2_505, 1_000, vocab, { seed: "s" });
    const first = batches.next();
    expect(first.done).toBe(false);
    expect(first.value).toEqual(generateEntries(5, 1_005, vocab, { seed: "s" }));
    const rest = [...batches];
    expect(rest.map((b) => b.length)).toEqual([1_000, 500]);
    expect(rest[1]!.at(-1)!.externalKey).toBe("bench/s/2504");
    expect([...entryBatches(7, 7, 10, vocab, { seed: "s" })]).toEqual([]);
    expect(() => entryBatches(0, 10, 0, vocab, { seed: "s" }).next()).toThrow(/batch size/);
  });

  it("mix the kinds and run about 1,500 characters", () => {
    const kinds = new Set(entries.map((e) => e.kind));
    for (const k of ["postmortem", "fix", "runbook"]) expect(kinds).toContain(k);
    const mean = entries.reduce((s, e) => s + e.body.length, 0) / entries.length;
    expect(mean).toBeGreaterThan(1_200);
    expect(mean).toBeLessThan(1_900);
  });

  it("pass the API's input rules (titles, summaries, labels, unique external keys)", () => {
    for (const e of entries) {
      expect(ENTRY_KINDS).toContain(e.kind);
      expect(e.title.trim().length).toBeGreaterThan(0);
      expect(e.title.length).toBeLessThanOrEqual(200);
      expect(e.summary.length).toBeLessThanOrEqual(2_000);
      for (const label of [...e.tags, ...e.services]) {
        expect(label).toMatch(LABEL);
        expect(label.length).toBeLessThanOrEqual(60);
      }
      if (e.fields) expect(Object.keys(e.fields)).toEqual(["errorSignatures"]);
    }
    expect(new Set(entries.map((e) => e.externalKey)).size).toBe(entries.length);
  });

  it("carry error lines with timestamps and request ids, and alert names", () => {
    expect(entries.filter((e) => /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z level=error pod=\S+ msg=".+" request_id=[0-9a-f-]{36}/.test(e.body)).length).toBeGreaterThan(100);
    expect(entries.some((e) => e.body.includes("KubeletTooManyPods"))).toBe(true);
  });
});

describe("query generator", () => {
  const specs = buildQuerySpecs(vocab, "42");

  it("builds at least 40 queries over every class, the same for a seed", () => {
    expect(specs.length).toBeGreaterThanOrEqual(40);
    expect(new Set(specs.map((s) => s.class))).toEqual(new Set(QUERY_CLASSES));
    expect(buildQuerySpecs(vocab, "42")).toEqual(specs);
    expect(buildQuerySpecs(vocab, "7")).not.toEqual(specs);
  });

  it("rotates through the specs and is deterministic per iteration", () => {
    const run = (seed: string) => Array.from({ length: 100 }, (_, i) => queryAt(specs, i, seed).params);
    expect(run("42")).toEqual(run("42"));
    expect(queryAt(specs, specs.length + 3, "42").spec).toBe(specs[3]);
  });

  it("pastes error lines with a fresh timestamp and ids each time, around the same message", () => {
    const i = specs.findIndex((s) => s.class === "error");
    const a = queryAt(specs, i, "42").params.q;
    const b = queryAt(specs, i + specs.length, "42").params.q;
    expect(a).not.toBe(b);
    const message = (q: string) => /msg="(.*)" request_id=/.exec(q)?.[1];
    expect(message(a)).toBe(message(b));
    expect(message(a)).toBe(specs[i]!.q.replace(/"/g, "'"));
    expect(a.slice(0, 24)).not.toBe(b.slice(0, 24));
  });

  it("makes typos one edit away, prefixes of a real word, and filtered queries with a kind or service", () => {
    const words = new Set(vocab.words);
    for (const s of specs.filter((x) => x.class === "typo")) {
      const last = s.q.split(" ").pop()!;
      expect(words.has(last)).toBe(false);
      expect([...words].some((w) => editDistance(w, last) === 1)).toBe(true);
    }
    for (const s of specs.filter((x) => x.class === "prefix")) {
      const last = s.q.split(" ").pop()!;
      expect(last.length).toBeGreaterThanOrEqual(3);
      expect([...words].some((w) => w.startsWith(last) && w.length > last.length)).toBe(true);
    }
    const filtered = specs.filter((x) => x.class === "filtered").map((s, i) => queryAt([s], i, "42").params);
    expect(filtered.some((p) => p.kind)).toBe(true);
    expect(filtered.some((p) => p.service)).toBe(true);
    expect(specs.filter((x) => x.class === "alert").every((s) => vocab.alertNames.includes(s.q.split(" ")[0]!))).toBe(true);
  });

  it.each(["kubernetes", "monitoring", "deployment"])("typo(%s) is one edit away", (word) => {
    const rng = new Rng(word);
    for (let i = 0; i < 50; i++) expect(editDistance(word, typo(rng, word))).toBe(1);
  });
});

describe.skipIf(corpusSkipReason)(`on the shared corpus${corpusSkipReason ? ` (skipped: ${corpusSkipReason})` : ""}`, () => {
  it("finds enough material for varied entries and queries", () => {
    const v = buildVocabulary(loadCorpus().docs);
    expect(v.alertNames.length).toBe(108);
    expect(v.paragraphs.length).toBeGreaterThan(300);
    expect(v.errorLines.length).toBeGreaterThan(40);
    expect(v.services.length).toBeGreaterThan(10);
    expect(buildQuerySpecs(v, "42").length).toBeGreaterThanOrEqual(40);
  });
});
