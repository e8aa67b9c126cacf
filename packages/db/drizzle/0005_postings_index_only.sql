DROP INDEX "search_postings_impact_idx";--> statement-breakpoint
CREATE INDEX "search_postings_best_idx" ON "search_postings" USING btree ("term","impact" DESC NULLS LAST,"entry_id");