// drizzle-orm's query helpers, re-exported so apps use the very same drizzle instance as the schema.
export * from "drizzle-orm";
