CREATE TABLE "tthc"."reminders" (
	"dossier_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"kind" text NOT NULL,
	"due_date" date NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_pkey" PRIMARY KEY("dossier_id","step_id","kind"),
	CONSTRAINT "reminders_kind_check" CHECK ("tthc"."reminders"."kind" in ('due_soon', 'overdue'))
);
--> statement-breakpoint
ALTER TABLE "tthc"."reminders" ADD CONSTRAINT "reminders_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;