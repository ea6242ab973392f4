CREATE TABLE "tthc"."document_series" (
	"desk_agency_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"form" text NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "document_series_pkey" PRIMARY KEY("desk_agency_id","year","form")
);
--> statement-breakpoint
ALTER TABLE "tthc"."handovers" ADD COLUMN "given_by_name" text;--> statement-breakpoint
ALTER TABLE "tthc"."handovers" ADD COLUMN "ended_by_name" text;