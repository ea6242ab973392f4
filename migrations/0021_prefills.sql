CREATE TABLE "tthc"."prefills" (
	"id" uuid PRIMARY KEY NOT NULL,
	"requested_by" text NOT NULL,
	"subject_personal_id" text NOT NULL,
	"enterprise_code" text,
	"form_key" text NOT NULL,
	"fields" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"dossier_id" uuid,
	"part_code" text,
	"provenance" jsonb
);
--> statement-breakpoint
ALTER TABLE "tthc"."prefills" ADD CONSTRAINT "prefills_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "prefills_dossier_idx" ON "tthc"."prefills" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "prefills_requested_by_idx" ON "tthc"."prefills" USING btree ("requested_by","created_at");