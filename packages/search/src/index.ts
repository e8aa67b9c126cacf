// @hindsight/search: the SearchEngine port. Engines (postgres, meilisearch) arrive with the search work.
export type * from "./port.js";
