ALTER TABLE "search_postings" DROP CONSTRAINT "search_postings_entry_id_entries_id_fk";
