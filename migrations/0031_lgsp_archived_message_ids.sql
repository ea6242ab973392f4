CREATE TABLE "lgsp"."message_log_archived_ids" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"archive_first_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lgsp"."message_log_archives" ADD COLUMN "indexed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "lgsp"."message_log_archived_ids" ADD CONSTRAINT "message_log_archived_ids_archive_first_seq_message_log_archives_first_seq_fk" FOREIGN KEY ("archive_first_seq") REFERENCES "lgsp"."message_log_archives"("first_seq") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_log_archived_ids_message_idx" ON "lgsp"."message_log_archived_ids" USING btree ("message_id","seq");