CREATE TABLE "tthc"."fee_schedules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"offering_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"stops_clock" boolean DEFAULT true NOT NULL,
	"lines" jsonb NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"source_document" text NOT NULL,
	"verified" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_schedules_offering_from_key" UNIQUE("offering_id","valid_from"),
	CONSTRAINT "fee_schedules_stage_check" CHECK ("tthc"."fee_schedules"."stage" in ('intake', 'processing', 'return'))
);
--> statement-breakpoint
ALTER TABLE "tthc"."fee_schedules" ADD CONSTRAINT "fee_schedules_offering_id_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "tthc"."offerings"("id") ON DELETE no action ON UPDATE no action;