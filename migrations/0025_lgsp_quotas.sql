CREATE TABLE "lgsp"."quotas" (
	"service_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"subsystem_id" uuid,
	"limit" integer NOT NULL,
	"window_seconds" integer NOT NULL,
	"set_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "quotas_uq" UNIQUE NULLS NOT DISTINCT("service_id","scope","subsystem_id")
);
--> statement-breakpoint
ALTER TABLE "lgsp"."quotas" ADD CONSTRAINT "quotas_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "lgsp"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."quotas" ADD CONSTRAINT "quotas_subsystem_id_subsystems_id_fk" FOREIGN KEY ("subsystem_id") REFERENCES "lgsp"."subsystems"("id") ON DELETE cascade ON UPDATE no action;