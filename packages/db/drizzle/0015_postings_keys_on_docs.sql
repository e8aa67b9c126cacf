ALTER TABLE "search_docs" ADD COLUMN "terms" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "search_docs" ADD COLUMN "impacts" real[] DEFAULT '{}'::real[] NOT NULL;--> statement-breakpoint
-- Every indexed entry keeps the keys of its postings, so re-indexing it later finds them without
-- the entry_id index (hand-written: drizzle-kit generates only the DDL around it).
UPDATE "search_docs" d SET "terms" = p.terms, "impacts" = p.impacts
FROM (SELECT entry_id, array_agg(term ORDER BY term) AS terms, array_agg(impact ORDER BY term) AS impacts
      FROM "search_postings" GROUP BY entry_id) p
WHERE p.entry_id = d.entry_id;--> statement-breakpoint
DROP INDEX "search_postings_entry_idx";
