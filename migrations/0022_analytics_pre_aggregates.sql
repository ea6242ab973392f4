CREATE TABLE "analytics"."duration_pairs" (
	"finished_on" date NOT NULL,
	"received_on" date NOT NULL,
	"agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "duration_pairs_finished_on_received_on_agency_id_procedure_id_field_code_pk" PRIMARY KEY("finished_on","received_on","agency_id","procedure_id","field_code")
);
--> statement-breakpoint
CREATE TABLE "analytics"."figure_buckets" (
	"grain" text NOT NULL,
	"day" date NOT NULL,
	"agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"procedure_name" text,
	"received" integer DEFAULT 0 NOT NULL,
	"received_online" integer DEFAULT 0 NOT NULL,
	"received_counter" integer DEFAULT 0 NOT NULL,
	"received_national_portal" integer DEFAULT 0 NOT NULL,
	"received_post" integer DEFAULT 0 NOT NULL,
	"online" integer DEFAULT 0 NOT NULL,
	"fully_online" integer DEFAULT 0 NOT NULL,
	"digitised" integer DEFAULT 0 NOT NULL,
	"paid" integer DEFAULT 0 NOT NULL,
	"paid_online" integer DEFAULT 0 NOT NULL,
	"waiting_in" integer DEFAULT 0 NOT NULL,
	"early" integer DEFAULT 0 NOT NULL,
	"on_time" integer DEFAULT 0 NOT NULL,
	"late" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"withdrawn" integer DEFAULT 0 NOT NULL,
	"rated" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	"waiting_out" integer DEFAULT 0 NOT NULL,
	"overdue_in" integer DEFAULT 0 NOT NULL,
	"overdue_out" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "figure_buckets_grain_day_agency_id_procedure_id_field_code_pk" PRIMARY KEY("grain","day","agency_id","procedure_id","field_code"),
	CONSTRAINT "figure_buckets_grain_check" CHECK ("analytics"."figure_buckets"."grain" in ('month', 'day'))
);
--> statement-breakpoint
CREATE INDEX "dossier_facts_due_idx" ON "analytics"."dossier_facts" USING btree ("due_on","agency_id");