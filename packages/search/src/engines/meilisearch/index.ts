// The meilisearch engine: the engine itself and its pure translation functions (for tests and tools).
export { MeiliSearchEngine, MeiliTaskFailed, latestPerId, selectNotOlder, type MeiliSearchEngineOptions } from "./engine.js";
export { meiliSettings, MAX_TOTAL_HITS } from "./settings.js";
export { toMeiliDocument, identifierParts, rankingBoost, type MeiliDocument } from "./document.js";
export {
  visibilityFilter,
  visibilityFilterTree,
  filtersToMeili,
  combinedFilter,
  renderFilter,
  quoteValue,
  type FilterNode,
} from "./filter.js";
export { planMeiliSearch, toMeiliSearchParams, encodeCursor, decodeCursor, errorFingerprints, type MeiliSearchPlan } from "./query.js";
export { fromMeiliResponse, mergeHits } from "./response.js";
export { safeHighlight } from "./snippet.js";
