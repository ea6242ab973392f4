CREATE SCHEMA "postal";
--> statement-breakpoint
CREATE TABLE "postal"."choices" (
	"owner" text PRIMARY KEY NOT NULL,
	"submit" text NOT NULL,
	"receive" text NOT NULL,
	"recipient" jsonb,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "choices_submit_check" CHECK ("postal"."choices"."submit" in ('online', 'desk', 'post')),
	CONSTRAINT "choices_receive_check" CHECK ("postal"."choices"."receive" in ('desk', 'online', 'post')),
	CONSTRAINT "choices_recipient_check" CHECK (("postal"."choices"."submit" <> 'post' and "postal"."choices"."receive" <> 'post') or "postal"."choices"."recipient" is not null)
);
--> statement-breakpoint
CREATE TABLE "postal"."events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"provider_event_id" text NOT NULL,
	"status" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"location" text NOT NULL,
	"note" text NOT NULL,
	"received_by" text,
	"applied" boolean NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_provider_event_key" UNIQUE("provider_event_id")
);
--> statement-breakpoint
CREATE TABLE "postal"."orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner" text NOT NULL,
	"kind" text NOT NULL,
	"reference_code" text NOT NULL,
	"provider_order_id" text NOT NULL,
	"tracking_number" text NOT NULL,
	"service_code" text NOT NULL,
	"fee_vnd" bigint NOT NULL,
	"cod_vnd" bigint NOT NULL,
	"status" text NOT NULL,
	"status_at" timestamp with time zone NOT NULL,
	"estimated_delivery_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_owner_kind_key" UNIQUE("owner","kind"),
	CONSTRAINT "orders_provider_order_key" UNIQUE("provider_order_id"),
	CONSTRAINT "orders_kind_check" CHECK ("postal"."orders"."kind" in ('pickup', 'delivery'))
);
--> statement-breakpoint
CREATE INDEX "events_order_idx" ON "postal"."events" USING btree ("order_id","at");