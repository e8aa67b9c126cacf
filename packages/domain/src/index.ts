// @hindsight/domain: pure schemas, types and rules shared by the API, the portal and the CLI. No I/O.
export * from "./errors.js";
export * from "./identity.js";
export * from "./kinds.js";
export * from "./entry.js";
export * from "./policy.js";
export * from "./slug.js";
export * from "./revision-diff.js";
export * from "./collection.js";
export * from "./templates.js";
export * from "./formats/markdown-entry.js";
export * from "./formats/slack.js";
export * from "./formats/chat-log.js";
export * from "./rules/blameless.js";
export * from "./rules/fingerprint.js";
export * from "./rules/redact.js";
export * from "./rules/blameless-entry.js";
export * from "./incident.js";
