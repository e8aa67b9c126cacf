// @hindsight/search: the SearchEngine port, the search document every engine indexes, and the
// engines: `postgres` (embedded, transactional) and `meilisearch` (for scale).
export * from "./port.js";
export * from "./document.js";
export * from "./text/query.js";
export * from "./text/snippet.js";
export { tokenize, terms } from "./text/tokenize.js";
export { PostgresSearchEngine, InvalidCursor, DEFAULT_ANSWER_BARS, type PostgresEngineOptions } from "./engines/postgres/engine.js";
export { ANALYZER_VERSION } from "./engines/postgres/analyze.js";
export { MeiliSearchEngine, MeiliTaskFailed, type MeiliSearchEngineOptions } from "./engines/meilisearch/engine.js";
