CREATE SCHEMA "tthc";
--> statement-breakpoint
CREATE TABLE "tthc"."code_counters" (
	"scope" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tthc"."dossier_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"note" text,
	"visible_to_applicant" boolean DEFAULT false NOT NULL,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tthc"."dossier_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"part_code" text,
	"kind" text NOT NULL,
	"blob_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_files_kind_check" CHECK ("tthc"."dossier_files"."kind" in ('input', 'supplement', 'result', 'generated'))
);
--> statement-breakpoint
CREATE TABLE "tthc"."dossiers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"desk_agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"offering_id" uuid NOT NULL,
	"process_key" text NOT NULL,
	"process_version" integer NOT NULL,
	"channel" text NOT NULL,
	"status" text NOT NULL,
	"agency_scope" jsonb NOT NULL,
	"applicant" jsonb NOT NULL,
	"applicant_subject" text,
	"form_data" jsonb NOT NULL,
	"flags" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone,
	"due_date" date,
	"original_due_date" date,
	"clock_stopped_at" timestamp with time zone,
	"supplement" jsonb,
	"apologised" boolean DEFAULT false NOT NULL,
	"result" text,
	"finished_at" timestamp with time zone,
	"lookup_secret_hash" text NOT NULL,
	"external_code" text,
	"version" integer DEFAULT 1 NOT NULL,
	"search" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossiers_code_key" UNIQUE("code"),
	CONSTRAINT "dossiers_external_code_key" UNIQUE("external_code"),
	CONSTRAINT "dossiers_channel_check" CHECK ("tthc"."dossiers"."channel" in ('online', 'counter', 'dvcqg', 'post'))
);
--> statement-breakpoint
CREATE TABLE "tthc"."drafts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_subject" text NOT NULL,
	"offering_id" uuid NOT NULL,
	"form_data" jsonb NOT NULL,
	"files" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tthc"."forms" (
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"schema" jsonb NOT NULL,
	"layout" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forms_pkey" PRIMARY KEY("key","version"),
	CONSTRAINT "forms_status_check" CHECK ("tthc"."forms"."status" in ('draft', 'published', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "tthc"."handovers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"dossier_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"step_name" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"holder_id" text,
	"holder_name" text,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"on_time" boolean
);
--> statement-breakpoint
CREATE TABLE "tthc"."notification_templates" (
	"event" text NOT NULL,
	"channel" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_templates_pkey" PRIMARY KEY("event","channel","locale")
);
--> statement-breakpoint
CREATE TABLE "tthc"."notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"recipient" text NOT NULL,
	"dossier_id" uuid,
	"event" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tthc"."offerings" (
	"id" uuid PRIMARY KEY NOT NULL,
	"procedure_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"desk_agency_id" uuid NOT NULL,
	"process_key" text NOT NULL,
	"fees" jsonb,
	"code_pattern" text,
	"online_enabled" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offerings_procedure_agency_key" UNIQUE("procedure_id","agency_id")
);
--> statement-breakpoint
CREATE TABLE "tthc"."procedures" (
	"id" uuid PRIMARY KEY NOT NULL,
	"national_code" text NOT NULL,
	"name" text NOT NULL,
	"field_code" text NOT NULL,
	"level" text NOT NULL,
	"implementing_agencies" jsonb NOT NULL,
	"applicant_types" jsonb NOT NULL,
	"methods" jsonb NOT NULL,
	"processing_days" integer NOT NULL,
	"processing_note" text,
	"fees" jsonb NOT NULL,
	"parts" jsonb NOT NULL,
	"conditions" text,
	"legal_bases" jsonb NOT NULL,
	"result_type" text NOT NULL,
	"fully_online" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"search" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "procedures_national_code_key" UNIQUE("national_code"),
	CONSTRAINT "procedures_level_check" CHECK ("tthc"."procedures"."level" in ('province', 'commune')),
	CONSTRAINT "procedures_processing_days_check" CHECK ("tthc"."procedures"."processing_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tthc"."processes" (
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"definition" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "processes_pkey" PRIMARY KEY("key","version"),
	CONSTRAINT "processes_status_check" CHECK ("tthc"."processes"."status" in ('draft', 'published', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "tthc"."tasks" (
	"dossier_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"parallel_of" text,
	"agency_id" uuid NOT NULL,
	"assignee_id" text,
	"assignee_name" text,
	"since" timestamp with time zone NOT NULL,
	"due_date" date NOT NULL,
	CONSTRAINT "tasks_pkey" PRIMARY KEY("dossier_id","step_id")
);
--> statement-breakpoint
CREATE TABLE "tthc"."uploads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"blob_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tthc"."dossier_events" ADD CONSTRAINT "dossier_events_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tthc"."dossier_files" ADD CONSTRAINT "dossier_files_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tthc"."drafts" ADD CONSTRAINT "drafts_offering_id_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "tthc"."offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tthc"."handovers" ADD CONSTRAINT "handovers_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tthc"."offerings" ADD CONSTRAINT "offerings_procedure_id_procedures_id_fk" FOREIGN KEY ("procedure_id") REFERENCES "tthc"."procedures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tthc"."tasks" ADD CONSTRAINT "tasks_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_events_dossier_idx" ON "tthc"."dossier_events" USING btree ("dossier_id","id");--> statement-breakpoint
CREATE INDEX "dossier_files_dossier_idx" ON "tthc"."dossier_files" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "dossiers_queue_idx" ON "tthc"."dossiers" USING btree ("agency_id","status","due_date");--> statement-breakpoint
CREATE INDEX "dossiers_desk_idx" ON "tthc"."dossiers" USING btree ("desk_agency_id","status","submitted_at");--> statement-breakpoint
CREATE INDEX "dossiers_applicant_idx" ON "tthc"."dossiers" USING btree ("applicant_subject","submitted_at");--> statement-breakpoint
CREATE INDEX "dossiers_submitted_idx" ON "tthc"."dossiers" USING btree ("agency_id","submitted_at");--> statement-breakpoint
CREATE INDEX "drafts_owner_idx" ON "tthc"."drafts" USING btree ("owner_subject","updated_at");--> statement-breakpoint
CREATE INDEX "handovers_dossier_idx" ON "tthc"."handovers" USING btree ("dossier_id","id");--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "tthc"."notifications" USING btree ("recipient","created_at");--> statement-breakpoint
CREATE INDEX "offerings_agency_idx" ON "tthc"."offerings" USING btree ("agency_id");--> statement-breakpoint
CREATE INDEX "procedures_field_idx" ON "tthc"."procedures" USING btree ("field_code");--> statement-breakpoint
CREATE INDEX "tasks_agency_idx" ON "tthc"."tasks" USING btree ("agency_id","due_date");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tthc"."tasks" USING btree ("assignee_id","due_date");--> statement-breakpoint
CREATE INDEX "uploads_owner_idx" ON "tthc"."uploads" USING btree ("owner","created_at");