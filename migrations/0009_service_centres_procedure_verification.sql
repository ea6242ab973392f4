ALTER TABLE "catalog"."agencies" DROP CONSTRAINT "agencies_kind_check";--> statement-breakpoint
ALTER TABLE "tthc"."procedures" ADD COLUMN "verification" jsonb;--> statement-breakpoint
ALTER TABLE "catalog"."agencies" ADD CONSTRAINT "agencies_kind_check" CHECK ("catalog"."agencies"."kind" in ('province', 'department', 'board', 'central', 'commune', 'service_centre', 'other'));--> statement-breakpoint
-- Decree 118/2025/NĐ-CP service centres seeded before they had a kind of their own (their provisional codes end in TTPVHCC).
UPDATE "catalog"."agencies" SET "kind" = 'service_centre', "version" = "version" + 1, "updated_at" = now() WHERE "kind" = 'other' AND "code" LIKE '%TTPVHCC';
