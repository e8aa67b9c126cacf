CREATE TABLE "action_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner" text,
	"owner_user_id" uuid,
	"team_id" uuid,
	"due_date" date,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_by_entry_id" uuid,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_items_status_ck" CHECK ("action_items"."status" in ('open','in_progress','done','wont_do'))
);
--> statement-breakpoint
CREATE TABLE "entry_reviewers" (
	"entry_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "entry_reviewers_entry_id_user_id_pk" PRIMARY KEY("entry_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "fix_feedback" (
	"entry_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"vote" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fix_feedback_entry_id_user_id_pk" PRIMARY KEY("entry_id","user_id"),
	CONSTRAINT "fix_feedback_vote_ck" CHECK ("fix_feedback"."vote" in ('worked','did_not_work'))
);
--> statement-breakpoint
ALTER TABLE "entries" ADD COLUMN "fingerprints" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "entry_revisions" ADD COLUMN "overrides" jsonb;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_closed_by_entry_id_entries_id_fk" FOREIGN KEY ("closed_by_entry_id") REFERENCES "public"."entries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_reviewers" ADD CONSTRAINT "entry_reviewers_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entry_reviewers" ADD CONSTRAINT "entry_reviewers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_feedback" ADD CONSTRAINT "fix_feedback_entry_id_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fix_feedback" ADD CONSTRAINT "fix_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_entry_id_index" ON "action_items" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "action_items_owner_user_id_index" ON "action_items" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "action_items_team_id_index" ON "action_items" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "action_items_status_due_date_index" ON "action_items" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "entry_reviewers_user_id_index" ON "entry_reviewers" USING btree ("user_id");