DROP INDEX "search_postings_entry_idx";--> statement-breakpoint
CREATE INDEX "search_postings_entry_term_idx" ON "search_postings" USING btree ("entry_id","term" text_pattern_ops);