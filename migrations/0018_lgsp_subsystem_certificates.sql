CREATE TABLE "lgsp"."subsystem_certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subsystem_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"serial_number" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"certificate_pem" text NOT NULL,
	"registered_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lgsp"."subsystem_certificates" ADD CONSTRAINT "subsystem_certificates_subsystem_id_subsystems_id_fk" FOREIGN KEY ("subsystem_id") REFERENCES "lgsp"."subsystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subsystem_certificates_fingerprint_uq" ON "lgsp"."subsystem_certificates" USING btree ("fingerprint");--> statement-breakpoint
CREATE INDEX "subsystem_certificates_subsystem_idx" ON "lgsp"."subsystem_certificates" USING btree ("subsystem_id");