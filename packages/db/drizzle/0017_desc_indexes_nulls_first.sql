DROP INDEX "entries_updated_id_idx";--> statement-breakpoint
DROP INDEX "search_docs_updated_idx";--> statement-breakpoint
CREATE INDEX "entries_updated_id_idx" ON "entries" USING btree ("updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "search_docs_updated_idx" ON "search_docs" USING btree ("updated_at" DESC NULLS FIRST);