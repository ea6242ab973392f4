CREATE SCHEMA "signing";
--> statement-breakpoint
CREATE TABLE "signing"."agency_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"serial_number" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"chain_pem" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agency_keys_status_check" CHECK ("signing"."agency_keys"."status" in ('active', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "signing"."result_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"result_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing"."results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"holder_name" text NOT NULL,
	"holder_id" text,
	"agency_id" uuid NOT NULL,
	"agency_name" text NOT NULL,
	"procedure_code" text,
	"source" text,
	"issued_at" timestamp with time zone NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date,
	"status" text DEFAULT 'valid' NOT NULL,
	"public" boolean DEFAULT false NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"signatures" integer DEFAULT 1 NOT NULL,
	"supersedes" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "results_code_key" UNIQUE("code"),
	CONSTRAINT "results_agency_number_key" UNIQUE("agency_id","number"),
	CONSTRAINT "results_status_check" CHECK ("signing"."results"."status" in ('valid', 'amended', 'replaced', 'revoked', 'expired')),
	CONSTRAINT "results_kind_check" CHECK ("signing"."results"."kind" in ('licence', 'certificate', 'decision', 'other'))
);
--> statement-breakpoint
ALTER TABLE "signing"."result_events" ADD CONSTRAINT "result_events_result_id_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "signing"."results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agency_keys_agency_idx" ON "signing"."agency_keys" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "result_events_result_idx" ON "signing"."result_events" USING btree ("result_id","at");--> statement-breakpoint
CREATE INDEX "results_holder_idx" ON "signing"."results" USING btree ("holder_id");--> statement-breakpoint
CREATE INDEX "results_source_idx" ON "signing"."results" USING btree ("source");