CREATE TABLE "tthc"."ratings" (
	"dossier_id" uuid PRIMARY KEY NOT NULL,
	"agency_id" uuid NOT NULL,
	"desk_agency_id" uuid NOT NULL,
	"procedure_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text,
	"via" text NOT NULL,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ratings_score_check" CHECK ("tthc"."ratings"."score" between 1 and 5),
	CONSTRAINT "ratings_via_check" CHECK ("tthc"."ratings"."via" in ('account', 'lookup'))
);
--> statement-breakpoint
ALTER TABLE "tthc"."ratings" ADD CONSTRAINT "ratings_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ratings_agency_idx" ON "tthc"."ratings" USING btree ("agency_id","rated_at");--> statement-breakpoint
-- The "returned" notices invited a rating through the look-up link; they now link the rating
-- form. Only templates nobody has edited (version 1) are brought up to date.
UPDATE "tthc"."notification_templates" SET "body" = replace("body", 'Mời đánh giá mức độ hài lòng: {{lookupUrl}}', 'Mời Ông/Bà đánh giá mức độ hài lòng: {{ratingUrl}}'), "updated_at" = now()
  WHERE "event" = 'completed' AND "channel" IN ('email', 'inapp') AND "locale" = 'vi' AND "version" = 1;--> statement-breakpoint
UPDATE "tthc"."notification_templates" SET "body" = 'Ho so {{code}} da tra ket qua. Moi danh gia: {{ratingUrl}}', "updated_at" = now()
  WHERE "event" = 'completed' AND "channel" = 'sms' AND "locale" = 'vi' AND "version" = 1 AND "body" = 'Ho so {{code}} da tra ket qua. Cam on Ong/Ba.';--> statement-breakpoint
UPDATE "tthc"."notification_templates" SET "body" = 'Dossier {{code}}: result returned.' || chr(10) || 'Please rate how satisfied you are: {{ratingUrl}}', "updated_at" = now()
  WHERE "event" = 'completed' AND "channel" = 'email' AND "locale" = 'en' AND "version" = 1;
