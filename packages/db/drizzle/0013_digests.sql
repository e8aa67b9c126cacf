DROP INDEX "subscriptions_identity_uq";--> statement-breakpoint
ALTER TABLE "digest_runs" ADD COLUMN "claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "filters" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "subscriptions_identity_uq" ON "subscriptions" USING btree ("user_id","target","value","channel","filters",coalesce("chat_channel", ''));