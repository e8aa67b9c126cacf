// The peers Hindsight's relevance is compared with, over the same documents (title + full markdown):
// MiniSearch as the issue configures it, and Lunr with Backstage's LunrSearchEngine query translator
// (plugins/search-backend-node: exact term through the pipeline boost 100, trailing wildcard boost
// 10, edit distance 2 boost 1, for every query token; builder pipeline trimmer, stop words, stemmer).
import lunr from "lunr";
import MiniSearch from "minisearch";

export interface IndexedDoc {
  id: string;
  title: string;
  text: string;
}

/** Something that ranks document ids for a query, best first. */
export interface RankingEngine {
  readonly name: string;
  search(q: string, limit: number): Promise<string[]>;
  /** An engine that can call its hits a weak match (Hindsight's `weakMatch`) answers with the flag too. */
  searchFlagged?(q: string, limit: number): Promise<{ ranked: string[]; weak: boolean }>;
}

export function miniSearchEngine(docs: readonly IndexedDoc[]): RankingEngine {
  const index = new MiniSearch<IndexedDoc>({
    fields: ["title", "text"],
    storeFields: [],
    searchOptions: { boost: { title: 2 }, fuzzy: 0.2, prefix: true },
  });
  index.addAll(docs);
  return {
    name: "MiniSearch",
    search: async (q, limit) =>
      index
        .search(q)
        .slice(0, limit)
        .map((r) => String(r.id)),
  };
}

export function lunrBackstageEngine(docs: readonly IndexedDoc[]): RankingEngine {
  const builder = new lunr.Builder();
  builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
  builder.searchPipeline.add(lunr.stemmer);
  builder.ref("id");
  builder.field("title");
  builder.field("text");
  for (const doc of docs) builder.add(doc);
  const index = builder.build();
  return {
    name: "Lunr (Backstage)",
    search: async (q, limit) => {
      const tokens = lunr.tokenizer(q);
      const results = index.query((query) => {
        query.term(tokens, { usePipeline: true, boost: 100 });
        query.term(tokens, { usePipeline: false, boost: 10, wildcard: lunr.Query.wildcard.TRAILING });
        query.term(tokens, { usePipeline: false, editDistance: 2, boost: 1 });
      });
      return results.slice(0, limit).map((r) => r.ref);
    },
  };
}
