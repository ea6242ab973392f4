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
CREATE INDEX "events_request_idx" ON "payment"."events" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "reconciliations_date_idx" ON "payment"."reconciliations" USING btree ("date","created_at");--> statement-breakpoint
CREATE INDEX "requests_paid_at_idx" ON "payment"."requests" USING btree ("paid_at");--> statement-breakpoint
-- Payment events are append-only: updates and deletes are refused by the database itself.
CREATE FUNCTION "payment"."events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'payment.events is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "events_append_only" BEFORE UPDATE OR DELETE ON "payment"."events"
  FOR EACH ROW EXECUTE FUNCTION "payment"."events_append_only"();
