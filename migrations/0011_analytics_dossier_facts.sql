CREATE SCHEMA "analytics";
--> statement-breakpoint
CREATE TABLE "analytics"."dossier_facts" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"desk_agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"procedure_name" text NOT NULL,
	"field_code" text NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone,
	"received_on" date,
	"received_month" text,
	"due_on" date,
	"finished_at" timestamp with time zone,
	"finished_on" date,
	"outcome" text,
	"rejected" boolean NOT NULL,
	"withdrawn" boolean NOT NULL,
	"waiting" boolean NOT NULL,
	"fully_online" boolean NOT NULL,
	"paid_online" boolean,
	"digitised" boolean NOT NULL,
	"rating" smallint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_facts_channel_check" CHECK ("analytics"."dossier_facts"."channel" in ('online', 'counter', 'national_portal', 'post')),
	CONSTRAINT "dossier_facts_outcome_check" CHECK ("analytics"."dossier_facts"."outcome" in ('early', 'on_time', 'late'))
);
--> statement-breakpoint
CREATE INDEX "dossier_facts_received_idx" ON "analytics"."dossier_facts" USING btree ("received_on","agency_id");--> statement-breakpoint
CREATE INDEX "dossier_facts_finished_idx" ON "analytics"."dossier_facts" USING btree ("finished_on","agency_id");--> statement-breakpoint
CREATE INDEX "dossier_facts_open_idx" ON "analytics"."dossier_facts" USING btree ("agency_id") WHERE "analytics"."dossier_facts"."finished_on" is null;