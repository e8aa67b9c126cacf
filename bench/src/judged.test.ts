import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CorpusError, loadCorpus } from "./corpus.js";
import {
  DEFAULT_JUDGED,
  DEFAULT_LATER,
  DEFAULT_NOANSWER,
  hasRelevant,
  LATER_SETS,
  loadJudged,
  loadJudgedSets,
  parseJudged,
  STYLES,
  type LaterSet,
} from "./judged.js";
import { LATER_SPLIT_SEEDS, splitQueries } from "./split.js";
import { corpusSkipReason } from "./test/fixtures.js";

const known = new Set(["runbooks/A", "dfds/PM1"]);
const line = (o: Record<string, unknown>) => JSON.stringify(o);
const good = { q: "pods crash", rel: { "runbooks/A": 3, "dfds/PM1": 1 }, style: "symptom", split: "tune" };
const parse = (lines: string[], requireSplit = true) => parseJudged(lines.join("\n"), "judged.jsonl", { known, requireSplit });

describe("loading the judged queries", () => {
  it("accepts well-formed lines, skipping blank ones", () => {
    const queries = parse([line(good), "", line({ q: "office wifi", rel: {}, style: "noanswer", split: "test" }), ""]);
    expect(queries).toHaveLength(2);
    expect(queries[1]).toEqual({ q: "office wifi", rel: {}, style: "noanswer", split: "test" });
  });

  it.each([
    { name: "not JSON", text: "{nope", error: /judged\.jsonl:3: not JSON/ },
    { name: "an id outside the corpus", text: line({ ...good, rel: { "runbooks/Nope": 2 } }), error: /judged\.jsonl:3: judged id not in the corpus: runbooks\/Nope/ },
    { name: "a grade above 3", text: line({ ...good, rel: { "runbooks/A": 4 } }), error: /judged\.jsonl:3: grade of runbooks\/A must be an integer 0-3 \(got 4\)/ },
    { name: "a fractional grade", text: line({ ...good, rel: { "runbooks/A": 1.5 } }), error: /:3: grade of runbooks\/A must be an integer/ },
    { name: "a string grade", text: line({ ...good, rel: { "runbooks/A": "2" } }), error: /:3: grade of runbooks\/A must be an integer 0-3 \(got "2"\)/ },
    { name: "an unknown style", text: line({ ...good, style: "misspelling" }), error: /judged\.jsonl:3: "style" must be one of symptom, typo, prefix, alert, error, broad, noanswer \(got "misspelling"\)/ },
    { name: "a missing style", text: line({ q: "x", rel: { "runbooks/A": 1 }, split: "tune" }), error: /:3: "style" must be one of .* \(got undefined\)/ },
    { name: "an unknown split", text: line({ ...good, split: "train" }), error: /:3: "split" must be one of tune, test \(got "train"\)/ },
    { name: "a missing split", text: line({ q: "x", rel: { "runbooks/A": 1 }, style: "typo" }), error: /:3: "split" must be one of tune, test .*run split-queries/ },
    { name: "an empty query", text: line({ ...good, q: "  " }), error: /:3: "q" must be a non-empty string/ },
    { name: "rel not an object", text: line({ ...good, rel: ["runbooks/A"] }), error: /:3: "rel" must be an object/ },
    { name: "a misspelt field", text: line({ ...good, styel: "typo" }), error: /:3: unknown field\(s\) styel/ },
    { name: "a noanswer query with an answer", text: line({ ...good, style: "noanswer" }), error: /:3: a noanswer query must not grade any document >= 1/ },
    { name: "an answerable style with nothing relevant", text: line({ ...good, rel: { "runbooks/A": 0 } }), error: /:3: only noanswer queries may have no document graded >= 1/ },
    { name: "a duplicate query", text: line({ ...good, q: "Pods Crash " }), error: /judged\.jsonl:3: duplicate of the query on line 1/ },
  ])("names the line of $name", ({ text, error }) => {
    expect(() => parse([line(good), "", text])).toThrow(CorpusError);
    expect(() => parse([line(good), "", text])).toThrow(error);
  });

  it("lists every bad line in one error", () => {
    expect(() => parse([line({ ...good, style: "x" }), line(good).replace("pods crash", "other"), "{"])).toThrow(/:1: "style".*\n {2}judged\.jsonl:3: not JSON/s);
  });

  it("allows a missing split only when asked to (assigning it), and rejects an empty file", () => {
    expect(parse([line({ q: "x", rel: { "runbooks/A": 1 }, style: "typo" })], false)).toHaveLength(1);
    expect(() => parse(["", ""])).toThrow(/judged\.jsonl: no queries/);
  });

  it("names the path when the file cannot be read", () => {
    expect(() => loadJudged("/nonexistent/judged.jsonl")).toThrow(/cannot read the judged queries at \/nonexistent\/judged\.jsonl/);
  });
});

describe.skipIf(corpusSkipReason)(`the committed judged set${corpusSkipReason ? ` (skipped: ${corpusSkipReason})` : ""}`, () => {
  const corpus = corpusSkipReason ? null : loadCorpus();
  const queries = corpus ? loadJudged(undefined, { known: new Set(corpus.docs.map((d) => d.id)) }) : [];

  it("is valid against the corpus, at least 130 queries with every style and 15 noanswer", () => {
    expect(queries.length).toBeGreaterThanOrEqual(130);
    for (const style of STYLES) expect(queries.some((q) => q.style === style)).toBe(true);
    expect(queries.filter((q) => q.style === "noanswer").length).toBeGreaterThanOrEqual(15);
  });

  it("makes every corpus document the answer (grade 3) of at least one query", () => {
    const answered = new Set(queries.flatMap((q) => Object.entries(q.rel).flatMap(([id, g]) => (g === 3 ? [id] : []))));
    expect(corpus!.docs.map((d) => d.id).filter((id) => !answered.has(id))).toEqual([]);
    expect(queries.filter((q) => q.style !== "noanswer").every((q) => hasRelevant(q.rel))).toBe(true);
  });

  it("shares no query with the dev set", () => {
    const dev = new Set(corpus!.queries.map((q) => q.q.toLowerCase()));
    expect(queries.filter((q) => dev.has(q.q.toLowerCase()))).toEqual([]);
  });
});

// The later judged sets (v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20, v21, v22, v23, v24, then v25), each the held-out figure once the previous test half was spent.
// Checked without looking at any ranking: the file itself, its split, and how --tune-only hides its test
// half. Each must share no query text with any set written before it.
const committedPaths = { judged: DEFAULT_JUDGED, noanswer: DEFAULT_NOANSWER, ...DEFAULT_LATER };

/**
 * `everyDocumentAnswered`: every corpus document is the answer (grade 3) of some query. v5 was committed
 * (and is frozen) with five documents judged only 1 or 2, never the answer of one of its queries; it is
 * held to every document being judged relevant instead. `minNoanswer`: how many unanswerable queries the
 * set must have at least (v6 to v10 were written with about a fifth, v11 to v25 with a quarter, of their queries unanswerable, at least 50).
 */
function describeLaterSet(key: LaterSet, seed: string, earlier: readonly string[], { everyDocumentAnswered = true, minNoanswer = 20 } = {}) {
  const path = committedPaths[key];
  const name = basename(path);
  describe.skipIf(corpusSkipReason)(`${name}${corpusSkipReason ? ` (skipped: ${corpusSkipReason})` : ""}`, () => {
    const corpus = corpusSkipReason ? null : loadCorpus();
    const known = new Set(corpus?.docs.map((d) => d.id) ?? []);
    // Loaded unchecked, so the assertions below (not the loader) are what fails on a bad line.
    const set = corpusSkipReason ? [] : loadJudged(path, { requireSplit: false });
    const normal = (q: string) => q.trim().replace(/\s+/g, " ").toLowerCase();

    it("judges only corpus documents, with integer grades 0-3 and known styles, and loads against the corpus", () => {
      expect(set.flatMap((q) => Object.keys(q.rel)).filter((id) => !known.has(id))).toEqual([]);
      expect(set.flatMap((q) => Object.values(q.rel)).filter((g) => !Number.isInteger(g) || g < 0 || g > 3)).toEqual([]);
      expect(set.filter((q) => !(STYLES as readonly string[]).includes(q.style))).toEqual([]);
      expect(loadJudged(path, { known })).toHaveLength(set.length);
    });

    it(`has at least 140 answerable queries of every style, at least ${minNoanswer} unanswerable ones, and a document graded 3 for most queries`, () => {
      const answerable = set.filter((q) => q.style !== "noanswer");
      expect(answerable.length).toBeGreaterThanOrEqual(140);
      expect(answerable.every((q) => hasRelevant(q.rel))).toBe(true);
      for (const style of STYLES) expect(set.filter((q) => q.style === style).length).toBeGreaterThanOrEqual(10);
      const noanswer = set.filter((q) => q.style === "noanswer");
      expect(noanswer.length).toBeGreaterThanOrEqual(minNoanswer);
      expect(noanswer.every((q) => Object.keys(q.rel).length === 0)).toBe(true);
      // Broad topics may spread their weight over several documents; every other query has its answer.
      expect(answerable.filter((q) => q.style !== "broad" && !Object.values(q.rel).includes(3)).map((q) => q.q)).toEqual([]);
    });

    it.runIf(everyDocumentAnswered)("makes every corpus document the answer (grade 3) of at least one query", () => {
      const answered = new Set(set.flatMap((q) => Object.entries(q.rel).flatMap(([id, g]) => (g === 3 ? [id] : []))));
      expect([...known].filter((id) => !answered.has(id))).toEqual([]);
    });

    it("judges every corpus document relevant (grade >= 1) to at least one query", () => {
      const judged = new Set(set.flatMap((q) => Object.entries(q.rel).flatMap(([id, g]) => (g >= 1 ? [id] : []))));
      expect([...known].filter((id) => !judged.has(id))).toEqual([]);
    });

    it(`has no duplicate query and none identical to a query of ${[...earlier.map((p) => basename(p)), "the dev set"].join(", ")}`, () => {
      const texts = set.map((q) => normal(q.q));
      expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);
      const others = new Set([...earlier.flatMap((p) => loadJudged(p)), ...corpus!.queries].map((q) => normal(q.q)));
      expect(set.filter((q) => others.has(normal(q.q))).map((q) => q.q)).toEqual([]);
    });

    it(`carries the split its own seed (${seed}) gives, half of every style on each side`, () => {
      expect(set.map((q) => q.split)).toEqual(splitQueries(set, seed));
      for (const style of STYLES) {
        const of = set.filter((q) => q.style === style);
        const tune = of.filter((q) => q.split === "tune").length;
        expect(Math.abs(tune - (of.length - tune))).toBeLessThanOrEqual(1);
      }
    });

    it("--tune-only (loadJudgedSets with tuneOnly) keeps its tune half and drops its whole test half", () => {
      const all = loadJudgedSets(committedPaths, { known });
      const tuning = loadJudgedSets(committedPaths, { known, tuneOnly: true });
      expect(all[key].map((q) => q.q)).toEqual(set.map((q) => q.q));
      expect(all[key].some((q) => q.split === "test")).toBe(true);
      expect(tuning[key].map((q) => q.q)).toEqual(set.filter((q) => q.split === "tune").map((q) => q.q));
      expect(tuning[key].filter((q) => q.split !== "tune")).toEqual([]);
      for (const other of ["judged", ...LATER_SETS] as const) {
        expect(tuning[other].filter((q) => q.split !== "tune")).toEqual([]);
        expect(tuning[other].length).toBe(all[other].filter((q) => q.split === "tune").length);
      }
    });
  });
}

/** What each later set was written to hold, beyond the defaults of describeLaterSet. */
const LATER_SET_RULES: Partial<Record<LaterSet, { everyDocumentAnswered?: boolean; minNoanswer?: number }>> = {
  v5: { everyDocumentAnswered: false },
  v6: { minNoanswer: 50 },
  v7: { minNoanswer: 50 },
  v8: { minNoanswer: 50 },
  v9: { minNoanswer: 50 },
  v10: { minNoanswer: 50 },
  v11: { minNoanswer: 50 },
  v12: { minNoanswer: 50 },
  v13: { minNoanswer: 50 },
  v14: { minNoanswer: 50 },
  v15: { minNoanswer: 50 },
  v16: { minNoanswer: 50 },
  v17: { minNoanswer: 50 },
  v18: { minNoanswer: 50 },
  v19: { minNoanswer: 50 },
  v20: { minNoanswer: 50 },
  v21: { minNoanswer: 50 },
  v22: { minNoanswer: 50 },
  v23: { minNoanswer: 50 },
  v24: { minNoanswer: 50 },
  v25: { minNoanswer: 50 },
};
// Each later set, split by its own seed, shares no query with any file written before it: the first
// set's two files, then the later sets in the order they were written.
LATER_SETS.forEach((set, i) =>
  describeLaterSet(set, LATER_SPLIT_SEEDS[set], [DEFAULT_JUDGED, DEFAULT_NOANSWER, ...LATER_SETS.slice(0, i).map((s) => DEFAULT_LATER[s])], LATER_SET_RULES[set]),
);

describe("loading every judged set", () => {
  const dir = mkdtempSync(join(tmpdir(), "judged-sets-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, queries: Record<string, unknown>[]) => {
    const path = join(dir, name);
    writeFileSync(path, queries.map(line).join("\n"));
    return path;
  };
  const paths = {
    judged: file("judged.jsonl", [good, { ...good, q: "disk full", split: "test" }]),
    noanswer: file("noanswer.jsonl", [{ q: "office wifi", rel: {}, style: "noanswer", split: "test" }]),
    v3: file("v3.jsonl", [{ ...good, q: "nodes flapping" }, { ...good, q: "pods pending", split: "test" }]),
    v4: file("v4.jsonl", [{ ...good, q: "etcd slow", split: "test" }, { ...good, q: "certs expired" }, { q: "lunch menu", rel: {}, style: "noanswer", split: "test" }]),
    v5: file("v5.jsonl", [{ ...good, q: "dns timeouts", split: "test" }, { q: "parking permit", rel: {}, style: "noanswer", split: "tune" }, { ...good, q: "raid degraded" }]),
    v6: file("v6.jsonl", [
      { ...good, q: "inodes exhausted" },
      { ...good, q: "ntp drift", split: "test" },
      { q: "ski trip", rel: {}, style: "noanswer", split: "test" },
      { q: "payslip", rel: {}, style: "noanswer", split: "tune" },
    ]),
    v7: file("v7.jsonl", [
      { ...good, q: "conntrack table full", split: "test" },
      { q: "bike shed", rel: {}, style: "noanswer", split: "tune" },
      { ...good, q: "pleg unhealthy" },
    ]),
    v8: file("v8.jsonl", [
      { q: "expense claim", rel: {}, style: "noanswer", split: "test" },
      { ...good, q: "oom killed" },
      { ...good, q: "wal replay stuck", split: "test" },
    ]),
    v9: file("v9.jsonl", [
      { ...good, q: "thanos sidecar lagging" },
      { q: "visa letter", rel: {}, style: "noanswer", split: "tune" },
      { ...good, q: "kubelet cert rotation", split: "test" },
      { q: "desk booking", rel: {}, style: "noanswer", split: "test" },
    ]),
    v10: file("v10.jsonl", [
      { q: "gym membership", rel: {}, style: "noanswer", split: "test" },
      { ...good, q: "alertmanager silence expired", split: "test" },
      { ...good, q: "coredns loop detected" },
    ]),
    v11: file("v11.jsonl", [
      { ...good, q: "thanos compactor halted" },
      { q: "pension contribution", rel: {}, style: "noanswer", split: "test" },
      { q: "standing desk request", rel: {}, style: "noanswer", split: "tune" },
    ]),
    v12: file("v12.jsonl", [
      { q: "jury duty leave", rel: {}, style: "noanswer", split: "test" },
      { ...good, q: "prometheus wal corruption" },
    ]),
    v13: file("v13.jsonl", [
      { ...good, q: "loki ingester ring unhealthy", split: "test" },
      { q: "bereavement leave", rel: {}, style: "noanswer", split: "tune" },
      { ...good, q: "vault token expired" },
    ]),
    v14: file("v14.jsonl", [
      { q: "parental leave policy", rel: {}, style: "noanswer", split: "test" },
      { ...good, q: "kube proxy iptables sync slow" },
    ]),
    v15: file("v15.jsonl", [
      { ...good, q: "alertmanager silence expired early", split: "test" },
      { q: "company car lease", rel: {}, style: "noanswer", split: "tune" },
    ]),
    v16: file("v16.jsonl", [
      { q: "sabbatical after five years", rel: {}, style: "noanswer", split: "test" },
      { ...good, q: "etcd member list shows unstarted peer" },
    ]),
    v17: file("v17.jsonl", [
      { ...good, q: "fluent bit buffer full, chunks dropped", split: "test" },
      { q: "adoption leave policy", rel: {}, style: "noanswer", split: "tune" },
    ]),
    v18: file("v18.jsonl", [
      { q: "expense a train ticket", rel: {}, style: "noanswer", split: "test" },
      { ...good, q: "kube proxy conntrack sysctl reset" },
    ]),
    v19: file("v19.jsonl", [
      { ...good, q: "etcd defrag after a compaction", split: "test" },
      { q: "lost badge replacement", rel: {}, style: "noanswer", split: "tune" },
    ]),
    v20: file("v20.jsonl", [
      { q: "tape library robot jammed", rel: {}, style: "noanswer", split: "test" },
      { ...good, q: "zfs scrub checksum errors" },
    ]),
    v21: file("v21.jsonl", [
      { ...good, q: "zfs arc size tuning", split: "test" },
      { q: "tape drive firmware update", rel: {}, style: "noanswer", split: "tune" },
    ]),
    v22: file("v22.jsonl", [
      { q: "tape vault offsite rotation", rel: {}, style: "noanswer", split: "test" },
      { ...good, q: "zfs l2arc cache device" },
    ]),
    v23: file("v23.jsonl", [
      { ...good, q: "zfs dedup table memory", split: "test" },
      { q: "lto tape barcode label printer", rel: {}, style: "noanswer", split: "tune" },
    ]),
    v24: file("v24.jsonl", [
      { q: "tape autoloader slot inventory", rel: {}, style: "noanswer", split: "test" },
      { ...good, q: "zfs special vdev metadata" },
    ]),
    v25: file("v25.jsonl", [
      { ...good, q: "zfs resilver progress stalled", split: "test" },
      { q: "tape cleaning cartridge schedule", rel: {}, style: "noanswer", split: "tune" },
    ]),
  };

  it("keeps the sets apart and, with tuneOnly, only their tune halves", () => {
    const all = loadJudgedSets(paths, { known });
    expect(all.judged.map((q) => q.q)).toEqual(["pods crash", "disk full", "office wifi"]);
    expect(all.v3.map((q) => q.q)).toEqual(["nodes flapping", "pods pending"]);
    expect(all.v4.map((q) => q.q)).toEqual(["etcd slow", "certs expired", "lunch menu"]);
    expect(all.v5.map((q) => q.q)).toEqual(["dns timeouts", "parking permit", "raid degraded"]);
    expect(all.v6.map((q) => q.q)).toEqual(["inodes exhausted", "ntp drift", "ski trip", "payslip"]);
    expect(all.v7.map((q) => q.q)).toEqual(["conntrack table full", "bike shed", "pleg unhealthy"]);
    expect(all.v8.map((q) => q.q)).toEqual(["expense claim", "oom killed", "wal replay stuck"]);
    expect(all.v9.map((q) => q.q)).toEqual(["thanos sidecar lagging", "visa letter", "kubelet cert rotation", "desk booking"]);
    expect(all.v10.map((q) => q.q)).toEqual(["gym membership", "alertmanager silence expired", "coredns loop detected"]);
    expect(all.v11.map((q) => q.q)).toEqual(["thanos compactor halted", "pension contribution", "standing desk request"]);
    expect(all.v12.map((q) => q.q)).toEqual(["jury duty leave", "prometheus wal corruption"]);
    expect(all.v13.map((q) => q.q)).toEqual(["loki ingester ring unhealthy", "bereavement leave", "vault token expired"]);
    expect(all.v14.map((q) => q.q)).toEqual(["parental leave policy", "kube proxy iptables sync slow"]);
    expect(all.v15.map((q) => q.q)).toEqual(["alertmanager silence expired early", "company car lease"]);
    expect(all.v16.map((q) => q.q)).toEqual(["sabbatical after five years", "etcd member list shows unstarted peer"]);
    expect(all.v17.map((q) => q.q)).toEqual(["fluent bit buffer full, chunks dropped", "adoption leave policy"]);
    expect(all.v18.map((q) => q.q)).toEqual(["expense a train ticket", "kube proxy conntrack sysctl reset"]);
    expect(all.v19.map((q) => q.q)).toEqual(["etcd defrag after a compaction", "lost badge replacement"]);
    expect(all.v20.map((q) => q.q)).toEqual(["tape library robot jammed", "zfs scrub checksum errors"]);
    expect(all.v21.map((q) => q.q)).toEqual(["zfs arc size tuning", "tape drive firmware update"]);
    expect(all.v22.map((q) => q.q)).toEqual(["tape vault offsite rotation", "zfs l2arc cache device"]);
    expect(all.v23.map((q) => q.q)).toEqual(["zfs dedup table memory", "lto tape barcode label printer"]);
    expect(all.v24.map((q) => q.q)).toEqual(["tape autoloader slot inventory", "zfs special vdev metadata"]);
    expect(all.v25.map((q) => q.q)).toEqual(["zfs resilver progress stalled", "tape cleaning cartridge schedule"]);
    const tuning = loadJudgedSets(paths, { known, tuneOnly: true });
    expect(tuning.judged.map((q) => q.q)).toEqual(["pods crash"]);
    expect(tuning.v3.map((q) => q.q)).toEqual(["nodes flapping"]);
    expect(tuning.v4.map((q) => q.q)).toEqual(["certs expired"]);
    expect(tuning.v5.map((q) => q.q)).toEqual(["parking permit", "raid degraded"]);
    expect(tuning.v6.map((q) => q.q)).toEqual(["inodes exhausted", "payslip"]);
    expect(tuning.v7.map((q) => q.q)).toEqual(["bike shed", "pleg unhealthy"]);
    expect(tuning.v8.map((q) => q.q)).toEqual(["oom killed"]);
    expect(tuning.v9.map((q) => q.q)).toEqual(["thanos sidecar lagging", "visa letter"]);
    expect(tuning.v10.map((q) => q.q)).toEqual(["coredns loop detected"]);
    expect(tuning.v11.map((q) => q.q)).toEqual(["thanos compactor halted", "standing desk request"]);
    expect(tuning.v12.map((q) => q.q)).toEqual(["prometheus wal corruption"]);
    expect(tuning.v13.map((q) => q.q)).toEqual(["bereavement leave", "vault token expired"]);
    expect(tuning.v14.map((q) => q.q)).toEqual(["kube proxy iptables sync slow"]);
    expect(tuning.v15.map((q) => q.q)).toEqual(["company car lease"]);
    expect(tuning.v16.map((q) => q.q)).toEqual(["etcd member list shows unstarted peer"]);
    expect(tuning.v17.map((q) => q.q)).toEqual(["adoption leave policy"]);
    expect(tuning.v18.map((q) => q.q)).toEqual(["kube proxy conntrack sysctl reset"]);
    expect(tuning.v19.map((q) => q.q)).toEqual(["lost badge replacement"]);
    expect(tuning.v20.map((q) => q.q)).toEqual(["zfs scrub checksum errors"]);
    expect(tuning.v21.map((q) => q.q)).toEqual(["tape drive firmware update"]);
    expect(tuning.v22.map((q) => q.q)).toEqual(["zfs l2arc cache device"]);
    expect(tuning.v23.map((q) => q.q)).toEqual(["lto tape barcode label printer"]);
    expect(tuning.v24.map((q) => q.q)).toEqual(["zfs special vdev metadata"]);
    expect(tuning.v25.map((q) => q.q)).toEqual(["tape cleaning cartridge schedule"]);
  });

  // From v11 on, each set against the one written just before it, with a query of that set's fixture
  // above in another case and spacing.
  it.each([
    ["v25", "v24", "Zfs SPECIAL vdev metadata "],
    ["v24", "v23", "Lto TAPE barcode label printer "],
    ["v23", "v22", "Tape VAULT offsite rotation "],
    ["v22", "v21", "Tape DRIVE firmware update "],
    ["v21", "v20", "Tape LIBRARY robot jammed "],
    ["v20", "v19", "Lost BADGE replacement "],
    ["v19", "v18", "Kube PROXY conntrack sysctl reset "],
    ["v18", "v17", "Adoption LEAVE policy "],
    ["v17", "v16", "Sabbatical AFTER five years "],
    ["v16", "v15", "Company CAR lease "],
    ["v15", "v14", "Parental LEAVE policy "],
    ["v14", "v13", "Bereavement LEAVE "],
    ["v13", "v12", "Jury Duty leave "],
    ["v12", "v11", "PENSION contribution "],
    ["v11", "v10", "CoreDNS loop detected"],
  ] as const)("rejects a %s query that is also in %s, naming both files", (set, before, q) => {
    const dup = file(`${set}-dup-${before}.jsonl`, [{ ...good, q, rel: {}, style: "noanswer" }]);
    expect(() => loadJudgedSets({ ...paths, [set]: dup }, { known })).toThrow(
      new RegExp(`queries in more than one judged file: "${q}" \\(.*${before}\\.jsonl and .*${set}-dup-${before}\\.jsonl\\)`),
    );
  });

  it("rejects a v10 query that is also in v9, naming both files, and validates its lines", () => {
    const fromV9 = file("v10-dup-v9.jsonl", [{ ...good, q: "VISA letter ", rel: {}, style: "noanswer" }]);
    expect(() => loadJudgedSets({ ...paths, v10: fromV9 }, { known })).toThrow(/queries in more than one judged file: "VISA letter " \(.*v9\.jsonl and .*v10-dup-v9\.jsonl\)/);
    const bad = file("v10-bad.jsonl", [{ ...good, q: "fine ten" }, { ...good, q: "bad style", style: "rumour" }]);
    expect(() => loadJudgedSets({ ...paths, v10: bad }, { known })).toThrow(/v10-bad\.jsonl:2: "style" must be one of/);
  });

  it("rejects a v9 query that is also in v8 or the first set, naming both files", () => {
    const fromV8 = file("v9-dup-v8.jsonl", [{ ...good, q: "OOM Killed " }]);
    expect(() => loadJudgedSets({ ...paths, v9: fromV8 }, { known })).toThrow(/queries in more than one judged file: "OOM Killed " \(.*v8\.jsonl and .*v9-dup-v8\.jsonl\)/);
    const fromJudged = file("v9-dup-judged.jsonl", [{ ...good, q: "Pods Crash", split: "test" }]);
    expect(() => loadJudgedSets({ ...paths, v9: fromJudged }, { known })).toThrow(/"Pods Crash" \(.*judged\.jsonl and .*v9-dup-judged\.jsonl\)/);
  });

  it("validates the v9 file like the others, naming its line", () => {
    const bad = file("v9-bad.jsonl", [
      { ...good, q: "fine nine" },
      { ...good, q: "unknown document", rel: { "runbooks/Z": 3 } },
      { q: "unsplit", rel: { "runbooks/A": 3 }, style: "error" },
    ]);
    expect(() => loadJudgedSets({ ...paths, v9: bad }, { known })).toThrow(
      /v9-bad\.jsonl:2: judged id not in the corpus: runbooks\/Z\n {2}.*v9-bad\.jsonl:3: "split" must be one of tune, test \(got undefined\)/,
    );
  });

  it("rejects a v8 query that is also in v7 or the first set's noanswer file, naming both files", () => {
    const fromV7 = file("v8-dup-v7.jsonl", [{ ...good, q: "Bike Shed", rel: {}, style: "noanswer" }]);
    expect(() => loadJudgedSets({ ...paths, v8: fromV7 }, { known })).toThrow(/queries in more than one judged file: "Bike Shed" \(.*v7\.jsonl and .*v8-dup-v7\.jsonl\)/);
    const fromNoanswer = file("v8-dup-noanswer.jsonl", [{ q: "OFFICE wifi", rel: {}, style: "noanswer", split: "tune" }]);
    expect(() => loadJudgedSets({ ...paths, v8: fromNoanswer }, { known })).toThrow(/"OFFICE wifi" \(.*noanswer\.jsonl and .*v8-dup-noanswer\.jsonl\)/);
  });

  it("validates the v8 file like the others, naming its line", () => {
    const bad = file("v8-bad.jsonl", [
      { ...good, q: "fine eight" },
      { ...good, q: "unknown style", style: "howto" },
      { q: "travel policy", rel: { "runbooks/A": 3 }, style: "noanswer", split: "test" },
    ]);
    expect(() => loadJudgedSets({ ...paths, v8: bad }, { known })).toThrow(/v8-bad\.jsonl:2: "style" must be one of .* \(got "howto"\)\n {2}.*v8-bad\.jsonl:3: a noanswer query must not grade any document >= 1/);
  });

  it("rejects a v7 query that is also in v6 or the first set, naming both files", () => {
    const fromV6 = file("v7-dup-v6.jsonl", [{ ...good, q: "NTP Drift" }]);
    expect(() => loadJudgedSets({ ...paths, v7: fromV6 }, { known })).toThrow(/queries in more than one judged file: "NTP Drift" \(.*v6\.jsonl and .*v7-dup-v6\.jsonl\)/);
    const fromJudged = file("v7-dup-judged.jsonl", [{ ...good, q: "Disk Full" }]);
    expect(() => loadJudgedSets({ ...paths, v7: fromJudged }, { known })).toThrow(/"Disk Full" \(.*judged\.jsonl and .*v7-dup-judged\.jsonl\)/);
  });

  it("validates the v7 file like the others, naming its line", () => {
    const bad = file("v7-bad.jsonl", [
      { ...good, q: "fine seven" },
      { q: "office plants", rel: { "dfds/PM1": 1 }, style: "noanswer", split: "tune" },
      { ...good, q: "graded below zero", rel: { "runbooks/A": -1 } },
    ]);
    expect(() => loadJudgedSets({ ...paths, v7: bad }, { known })).toThrow(
      /v7-bad\.jsonl:2: a noanswer query must not grade any document >= 1\n {2}.*v7-bad\.jsonl:3: grade of runbooks\/A must be an integer 0-3 \(got -1\)/,
    );
  });

  it("rejects a v6 query that is also in v5 or the first set's noanswer file, naming both files", () => {
    const fromV5 = file("v6-dup-v5.jsonl", [{ ...good, q: "DNS Timeouts" }]);
    expect(() => loadJudgedSets({ ...paths, v6: fromV5 }, { known })).toThrow(/queries in more than one judged file: "DNS Timeouts" \(.*v5\.jsonl and .*v6-dup-v5\.jsonl\)/);
    const fromNoanswer = file("v6-dup-noanswer.jsonl", [{ q: "Office WiFi", rel: {}, style: "noanswer", split: "test" }]);
    expect(() => loadJudgedSets({ ...paths, v6: fromNoanswer }, { known })).toThrow(/"Office WiFi" \(.*noanswer\.jsonl and .*v6-dup-noanswer\.jsonl\)/);
  });

  it("validates the v6 file like the others, naming its line", () => {
    const bad = file("v6-bad.jsonl", [
      { ...good, q: "fine six" },
      { q: "canteen menu", rel: { "runbooks/A": 2 }, style: "noanswer", split: "test" },
      { ...good, q: "held out", split: "holdout" },
    ]);
    expect(() => loadJudgedSets({ ...paths, v6: bad }, { known })).toThrow(
      /v6-bad\.jsonl:2: a noanswer query must not grade any document >= 1\n {2}.*v6-bad\.jsonl:3: "split" must be one of tune, test \(got "holdout"\)/,
    );
  });

  it("rejects a v5 query that is also in v4 or the first set, naming both files", () => {
    const fromV4 = file("v5-dup-v4.jsonl", [{ ...good, q: "Certs Expired" }]);
    expect(() => loadJudgedSets({ ...paths, v5: fromV4 }, { known })).toThrow(/queries in more than one judged file: "Certs Expired" \(.*v4\.jsonl and .*v5-dup-v4\.jsonl\)/);
    const fromJudged = file("v5-dup-judged.jsonl", [{ ...good, q: "disk full " }]);
    expect(() => loadJudgedSets({ ...paths, v5: fromJudged }, { known })).toThrow(/"disk full " \(.*judged\.jsonl and .*v5-dup-judged\.jsonl\)/);
  });

  it("rejects a query that is in two files, naming both", () => {
    const v3 = file("v3-dup.jsonl", [{ ...good, q: "Pods crash" }]);
    expect(() => loadJudgedSets({ ...paths, v3 }, { known })).toThrow(CorpusError);
    expect(() => loadJudgedSets({ ...paths, v3 }, { known })).toThrow(/queries in more than one judged file: "Pods crash" \(.*judged\.jsonl and .*v3-dup\.jsonl\)/);
  });

  it("rejects a v4 query that is also in v3 or the first set, naming both files", () => {
    const fromV3 = file("v4-dup-v3.jsonl", [{ ...good, q: "NODES flapping" }]);
    expect(() => loadJudgedSets({ ...paths, v4: fromV3 }, { known })).toThrow(/queries in more than one judged file: "NODES flapping" \(.*v3\.jsonl and .*v4-dup-v3\.jsonl\)/);
    const fromNoanswer = file("v4-dup-noanswer.jsonl", [{ q: " office wifi", rel: {}, style: "noanswer", split: "tune" }]);
    expect(() => loadJudgedSets({ ...paths, v4: fromNoanswer }, { known })).toThrow(/" office wifi" \(.*noanswer\.jsonl and .*v4-dup-noanswer\.jsonl\)/);
  });

  it("validates the v4 file like the others, naming its line", () => {
    const bad = file("v4-bad.jsonl", [{ ...good, q: "fine" }, { ...good, q: "graded 5", rel: { "runbooks/A": 5 } }, { ...good, q: "unknown id", rel: { "runbooks/Z": 3 } }]);
    expect(() => loadJudgedSets({ ...paths, v4: bad }, { known })).toThrow(/v4-bad\.jsonl:2: grade of runbooks\/A must be an integer 0-3 \(got 5\)\n {2}.*v4-bad\.jsonl:3: judged id not in the corpus: runbooks\/Z/);
  });
});
