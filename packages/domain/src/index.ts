// @hindsight/domain: pure schemas, types and rules shared by the API, the portal and the CLI. No I/O.
export * from "./errors.js";
export * from "./identity.js";
export * from "./kinds.js";
export * from "./entry.js";
export * from "./policy.js";
export * from "./slug.js";
export * from "./revision-diff.js";
export * from "./collection.js";
