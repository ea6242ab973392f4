CREATE TABLE "lgsp"."notices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"event" text NOT NULL,
	"service_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lgsp"."notices" ADD CONSTRAINT "notices_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "lgsp"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notices_agency_idx" ON "lgsp"."notices" USING btree ("agency_id","created_at");