// @hindsight/search: the SearchEngine port and the search document every engine indexes.
export type * from "./port.js";
export * from "./document.js";
