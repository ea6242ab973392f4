ALTER TABLE "lgsp"."service_versions" ADD COLUMN "wsdl" text;--> statement-breakpoint
ALTER TABLE "lgsp"."services" ADD COLUMN "kind" text DEFAULT 'rest' NOT NULL;--> statement-breakpoint
ALTER TABLE "lgsp"."services" ADD COLUMN "wsdl_url" text;