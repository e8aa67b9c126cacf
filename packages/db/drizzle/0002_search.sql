-- The embedded search engine needs trigram matching for typo tolerance (PGlite loads it as an extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "search_docs" (
	"entry_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"kind" text NOT NULL,
	"team_id" uuid,
	"author_id" uuid NOT NULL,
	"visibility" text NOT NULL,
	"status" text NOT NULL,
	"grant_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"grant_team_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"severity" text,
	"year" integer NOT NULL,
	"fingerprints" text[] DEFAULT '{}'::text[] NOT NULL,
	"length" integer NOT NULL,
	"feedback" integer DEFAULT 0 NOT NULL,
	"review_due_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_postings" (
	"term" text NOT NULL,
	"entry_id" uuid NOT NULL,
	"impact" real NOT NULL,
	CONSTRAINT "search_postings_term_entry_id_pk" PRIMARY KEY("term","entry_id")
);
--> statement-breakpoint
CREATE TABLE "search_queries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"q" text NOT NULL,
	"normalized" text NOT NULL,
	"results" integer NOT NULL,
	"opened_entry_id" uuid
);
--> statement-breakpoint
CREATE TABLE "search_stats" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"doc_count" integer DEFAULT 0 NOT NULL,
	"total_length" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"df" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_docs" ADD CONSTRAINT "search_docs_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "search_postings" ADD CONSTRAINT "search_postings_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_docs_updated_idx" ON "search_docs" USING btree ("updated_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "search_docs_fingerprints_idx" ON "search_docs" USING gin ("fingerprints");--> statement-breakpoint
CREATE INDEX "search_postings_impact_idx" ON "search_postings" USING btree ("term","impact" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "search_postings_entry_idx" ON "search_postings" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "search_queries_at_index" ON "search_queries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "search_queries_normalized_index" ON "search_queries" USING btree ("normalized");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_terms_prefix_idx" ON "search_terms" USING btree ("term" text_pattern_ops);
--> statement-breakpoint
INSERT INTO "search_stats" ("id", "doc_count", "total_length") VALUES (1, 0, 0) ON CONFLICT DO NOTHING;