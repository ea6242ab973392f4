ALTER TABLE "lgsp"."operational_records" ADD COLUMN "request_attachment_count" integer;--> statement-breakpoint
ALTER TABLE "lgsp"."operational_records" ADD COLUMN "request_mime_size" integer;--> statement-breakpoint
ALTER TABLE "lgsp"."operational_records" ADD COLUMN "response_attachment_count" integer;--> statement-breakpoint
ALTER TABLE "lgsp"."operational_records" ADD COLUMN "response_mime_size" integer;