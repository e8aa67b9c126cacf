import { describe, expect, it } from "vitest";
import { CorpusError, loadCorpus } from "./corpus.js";
import { hasRelevant, loadJudged, parseJudged, STYLES } from "./judged.js";
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
