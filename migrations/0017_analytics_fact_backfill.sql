CREATE TABLE "analytics"."fact_backfill" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"cursor" uuid,
	"total" bigint NOT NULL,
	"written" bigint DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "fact_backfill_one_row" CHECK ("analytics"."fact_backfill"."id")
);
