CREATE SCHEMA "payment";
--> statement-breakpoint
CREATE TABLE "payment"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"notification_id" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_notification_key" UNIQUE("notification_id")
);
--> statement-breakpoint
CREATE TABLE "payment"."reconciliations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"date" text NOT NULL,
	"merchant_code" text NOT NULL,
	"file_sha256" text NOT NULL,
	"platform_count" integer NOT NULL,
	"platform_total" bigint NOT NULL,
	"sen_count" integer NOT NULL,
	"sen_total" bigint NOT NULL,
	"matched" integer NOT NULL,
	"mismatches" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment"."requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"purpose" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_code" text NOT NULL,
	"payer_name" text NOT NULL,
	"description" text NOT NULL,
	"amount" bigint NOT NULL,
	"lines" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"method" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"provider_payment_id" text,
	"provider_transaction_no" text,
	"receipt_no" text,
	"collected_by" text,
	"paid_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "requests_owner_purpose_key" UNIQUE("owner","purpose"),
	CONSTRAINT "requests_provider_transaction_key" UNIQUE("provider_transaction_no"),
	CONSTRAINT "requests_status_check" CHECK ("payment"."requests"."status" in ('pending', 'paid', 'cancelled', 'expired', 'failed')),
	CONSTRAINT "requests_method_check" CHECK ("payment"."requests"."method" is null or "payment"."requests"."method" in ('online', 'counter', 'transfer')),
	CONSTRAINT "requests_amount_check" CHECK ("payment"."requests"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "tthc"."document_series" (
	"desk_agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"form" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "document_series_pkey" PRIMARY KEY("desk_agency_id","year","form")
);
--> statement-breakpoint
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
CREATE TABLE "tthc"."ratings" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"desk_agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"via" text NOT NULL,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ratings_score_check" CHECK ("tthc"."ratings"."score" between 1 and 5),
	CONSTRAINT "ratings_via_check" CHECK ("tthc"."ratings"."via" in ('account', 'lookup'))
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
ALTER TABLE "identity"."users" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "residence" jsonb;--> statement-breakpoint
ALTER TABLE "tthc"."handovers" ADD COLUMN "given_by_name" text;--> statement-breakpoint
ALTER TABLE "tthc"."handovers" ADD COLUMN "ended_by_name" text;--> statement-breakpoint
ALTER TABLE "tthc"."offerings" ADD COLUMN "online_filing_portal" text DEFAULT 'provincial' NOT NULL;--> statement-breakpoint
ALTER TABLE "tthc"."procedures" ADD COLUMN "steps" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tthc"."procedures" ADD COLUMN "verification" jsonb;--> statement-breakpoint
ALTER TABLE "tthc"."fee_schedules" ADD CONSTRAINT "fee_schedules_offering_id_offerings_id_fk" FOREIGN KEY ("offering_id") REFERENCES "tthc"."offerings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tthc"."national_syncs" ADD CONSTRAINT "national_syncs_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tthc"."ratings" ADD CONSTRAINT "ratings_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tthc"."reminders" ADD CONSTRAINT "reminders_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_request_idx" ON "payment"."events" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "reconciliations_date_idx" ON "payment"."reconciliations" USING btree ("date","created_at");--> statement-breakpoint
CREATE INDEX "requests_paid_at_idx" ON "payment"."requests" USING btree ("paid_at");--> statement-breakpoint
CREATE INDEX "national_syncs_state_idx" ON "tthc"."national_syncs" USING btree ("state","dossier_id","seq");--> statement-breakpoint
CREATE INDEX "ratings_agency_idx" ON "tthc"."ratings" USING btree ("agency_id","rated_at");--> statement-breakpoint
ALTER TABLE "catalog"."agencies" ADD CONSTRAINT "agencies_kind_check" CHECK ("catalog"."agencies"."kind" in ('province', 'department', 'board', 'central', 'commune', 'service_centre', 'other'));--> statement-breakpoint
-- Decree 118/2025/NĐ-CP service centres seeded before they had a kind of their own (their provisional codes end in TTPVHCC).
UPDATE "catalog"."agencies" SET "kind" = 'service_centre', "version" = "version" + 1, "updated_at" = now() WHERE "kind" = 'other' AND "code" LIKE '%TTPVHCC';
--> statement-breakpoint
-- Payment events are append-only: updates and deletes are refused by the database itself.
CREATE FUNCTION "payment"."events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payment.events is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "events_append_only" BEFORE UPDATE OR DELETE ON "payment"."events"
  FOR EACH ROW EXECUTE FUNCTION "payment"."events_append_only"();
--> statement-breakpoint
-- The "returned" notices invited a rating through the look-up link; they now link the rating
-- form. Only templates nobody has edited (version 1) are brought up to date.
UPDATE "tthc"."notification_templates" SET "body" = replace("body", 'Mời đánh giá mức độ hài lòng: {{lookupUrl}}', 'Mời Ông/Bà đánh giá mức độ hài lòng: {{ratingUrl}}'), "updated_at" = now()
  WHERE "event" = 'completed' AND "channel" IN ('email', 'inapp') AND "locale" = 'vi' AND "version" = 1;--> statement-breakpoint
UPDATE "tthc"."notification_templates" SET "body" = 'Ho so {{code}} da tra ket qua. Moi danh gia: {{ratingUrl}}', "updated_at" = now()
  WHERE "event" = 'completed' AND "channel" = 'sms' AND "locale" = 'vi' AND "version" = 1 AND "body" = 'Ho so {{code}} da tra ket qua. Cam on Ong/Ba.';--> statement-breakpoint
UPDATE "tthc"."notification_templates" SET "body" = 'Dossier {{code}}: result returned.' || chr(10) || 'Please rate how satisfied you are: {{ratingUrl}}', "updated_at" = now()
  WHERE "event" = 'completed' AND "channel" = 'email' AND "locale" = 'en' AND "version" = 1;
