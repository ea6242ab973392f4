CREATE TABLE "lgsp"."vapex_subscriptions" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"organisation_code" text NOT NULL,
	"xroad_client" text,
	"subsystem_id" uuid,
	"access_request_id" uuid,
	"status" text NOT NULL,
	"problem" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lgsp"."vapex_subscriptions" ADD CONSTRAINT "vapex_subscriptions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "lgsp"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "vapex_subscriptions_service_idx" ON "lgsp"."vapex_subscriptions" USING btree ("service_id");