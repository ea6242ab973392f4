CREATE TABLE "lgsp"."vapex_publications" (
	"service_id" uuid PRIMARY KEY NOT NULL,
	"vapex_id" text,
	"wanted" boolean DEFAULT true NOT NULL,
	"synced_version" integer,
	"published" boolean DEFAULT false NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"last_error" text,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lgsp"."services" ADD COLUMN "national_service" text;--> statement-breakpoint
ALTER TABLE "lgsp"."vapex_publications" ADD CONSTRAINT "vapex_publications_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "lgsp"."services"("id") ON DELETE cascade ON UPDATE no action;