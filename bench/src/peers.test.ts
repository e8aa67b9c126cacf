import { describe, expect, it } from "vitest";
import { loadCorpus } from "./corpus.js";
import { lunrBackstageEngine, miniSearchEngine } from "./peers.js";
import { runEngine } from "./relevance-run.js";
import { corpusSkipReason, FIXTURE_DOCS } from "./test/fixtures.js";

const fixtureDocs = FIXTURE_DOCS.map((d) => ({ id: d.id, title: d.title, text: d.markdown }));

describe.each([
  { name: "MiniSearch", make: miniSearchEngine },
  { name: "Lunr (Backstage)", make: lunrBackstageEngine },
])("$name", ({ make }) => {
  const engine = make(fixtureDocs);

  it("ranks the obvious document first, with a typo and with a half-typed word", async () => {
    expect((await engine.search("conntrack table full", 10))[0]).toBe("prometheus-operator-runbooks/node/NodeHighNumberConntrackEntriesUsed");
    expect((await engine.search("coredns upgarde", 10))[0]).toBe("fixture/PM2020-004");
    expect((await engine.search("too many po", 10))[0]).toBe("prometheus-operator-runbooks/kubernetes/KubeletTooManyPods");
  });

  it("respects the limit", async () => {
    expect((await engine.search("cluster", 2)).length).toBeLessThanOrEqual(2);
  });
});

// The issue measured the peers on the dev queries at MiniSearch 0.950 / 0.962 and Lunr (Backstage)
// 0.958 / 0.966 (MRR@10 / nDCG@10); a drift here means the peers' setup or the metrics changed.
describe.skipIf(corpusSkipReason)(`peers on the dev queries${corpusSkipReason ? ` (skipped: ${corpusSkipReason})` : ""}`, () => {
  const corpus = corpusSkipReason ? null : loadCorpus();
  const docs = corpus?.docs.map((d) => ({ id: d.id, title: d.title, text: d.markdown })) ?? [];

  it.each([
    { make: miniSearchEngine, mrr: 0.95, ndcg: 0.962 },
    { make: lunrBackstageEngine, mrr: 0.958, ndcg: 0.966 },
  ])("reproduce the issue's figures ($mrr / $ndcg)", async ({ make, mrr, ndcg }) => {
    const run = await runEngine(make(docs), corpus!.queries);
    expect(run.error).toBeNull();
    expect(run.mrr.toFixed(3)).toBe(mrr.toFixed(3));
    expect(run.ndcg.toFixed(3)).toBe(ndcg.toFixed(3));
  });
});
