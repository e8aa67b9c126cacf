// @hindsight/db: the drizzle schema, the committed migrations and the database factory.
export * as schema from "./schema.js";
export * from "./client.js";
export * from "./migrate.js";
export * from "./visibility.js";
