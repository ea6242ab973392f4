CREATE TABLE "tthc"."national_syncs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"national_status" integer NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"acknowledged_status" integer,
	"mismatch" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "national_syncs_dossier_seq_key" UNIQUE("dossier_id","seq"),
	CONSTRAINT "national_syncs_state_check" CHECK ("tthc"."national_syncs"."state" in ('pending', 'sent', 'dead'))
);
--> statement-breakpoint
CREATE TABLE "tthc"."reminders" (
	"dossier_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"kind" text NOT NULL,
	"due_date" date NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_pkey" PRIMARY KEY("dossier_id","step_id","kind"),
	CONSTRAINT "reminders_kind_check" CHECK ("tthc"."reminders"."kind" in ('due_soon', 'overdue'))
);
--> statement-breakpoint
ALTER TABLE "catalog"."agencies" DROP CONSTRAINT "agencies_kind_check";--> statement-breakpoint
ALTER TABLE "tthc"."offerings" ADD COLUMN "online_filing_portal" text DEFAULT 'provincial' NOT NULL;--> statement-breakpoint
ALTER TABLE "tthc"."procedures" ADD COLUMN "verification" jsonb;--> statement-breakpoint
ALTER TABLE "tthc"."national_syncs" ADD CONSTRAINT "national_syncs_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tthc"."reminders" ADD CONSTRAINT "reminders_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "national_syncs_state_idx" ON "tthc"."national_syncs" USING btree ("state","dossier_id","seq");--> statement-breakpoint
ALTER TABLE "catalog"."agencies" ADD CONSTRAINT "agencies_kind_check" CHECK ("catalog"."agencies"."kind" in ('province', 'department', 'board', 'central', 'commune', 'service_centre', 'other'));--> statement-breakpoint
-- Decree 118/2025/NĐ-CP service centres seeded before they had a kind of their own (their provisional codes end in TTPVHCC).
UPDATE "catalog"."agencies" SET "kind" = 'service_centre', "version" = "version" + 1, "updated_at" = now() WHERE "kind" = 'other' AND "code" LIKE '%TTPVHCC';
