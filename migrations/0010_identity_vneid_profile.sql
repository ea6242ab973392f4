ALTER TABLE "identity"."users" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "phone" text;--> statement-breakpoint
ALTER TABLE "identity"."users" ADD COLUMN "residence" jsonb;