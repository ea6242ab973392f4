CREATE TABLE "lgsp"."message_log_archives" (
	"first_seq" bigint PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL,
	"file" text NOT NULL,
	"sha256" text NOT NULL,
	"records" integer NOT NULL,
	"archived_at" timestamp with time zone NOT NULL,
	CONSTRAINT "message_log_archives_last_seq_unique" UNIQUE("last_seq")
);
