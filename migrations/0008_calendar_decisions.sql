CREATE TABLE "catalog"."calendar_decisions" (
	"date" date PRIMARY KEY NOT NULL,
	"year" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"document" text NOT NULL,
	"source" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_decisions_kind_check" CHECK ("catalog"."calendar_decisions"."kind" in ('holiday', 'compensatory', 'swapped_off', 'swapped_work'))
);
--> statement-breakpoint
ALTER TABLE "tthc"."offerings" ADD COLUMN "intake_cutoff" text;--> statement-breakpoint
CREATE INDEX "calendar_decisions_year_idx" ON "catalog"."calendar_decisions" USING btree ("year");