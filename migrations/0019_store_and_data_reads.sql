CREATE TABLE "tthc"."personal_data_reads" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subject_key" text NOT NULL,
	"subject_masked" text NOT NULL,
	"reader" text NOT NULL,
	"reader_name" text NOT NULL,
	"agency_id" uuid,
	"agency_name" text,
	"what" text NOT NULL,
	"target" text NOT NULL,
	"purpose" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tthc"."store_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"holder_key" text NOT NULL,
	"holder_kind" text NOT NULL,
	"holder_masked" text NOT NULL,
	"source" text NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"dossier_id" uuid,
	"part_code" text,
	"certified_by" text NOT NULL,
	"certified_by_name" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"agency_name" text NOT NULL,
	"certified_at" timestamp with time zone NOT NULL,
	"mark" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_documents_source_check" CHECK ("tthc"."store_documents"."source" in ('digitised')),
	CONSTRAINT "store_documents_holder_kind_check" CHECK ("tthc"."store_documents"."holder_kind" in ('person', 'organisation'))
);
--> statement-breakpoint
CREATE TABLE "tthc"."store_shares" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"document_ref" text NOT NULL,
	"document_title" text NOT NULL,
	"holder_key" text NOT NULL,
	"holder_masked" text NOT NULL,
	"recipient_kind" text NOT NULL,
	"recipient_key" text NOT NULL,
	"recipient_label" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "store_shares_token_uq" UNIQUE("token_hash"),
	CONSTRAINT "store_shares_recipient_kind_check" CHECK ("tthc"."store_shares"."recipient_kind" in ('person', 'agency'))
);
--> statement-breakpoint
ALTER TABLE "tthc"."dossier_files" ADD COLUMN "store_document_id" text;--> statement-breakpoint
ALTER TABLE "tthc"."uploads" ADD COLUMN "store_document_id" text;--> statement-breakpoint
ALTER TABLE "tthc"."store_documents" ADD CONSTRAINT "store_documents_dossier_id_dossiers_id_fk" FOREIGN KEY ("dossier_id") REFERENCES "tthc"."dossiers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "personal_data_reads_subject_idx" ON "tthc"."personal_data_reads" USING btree ("subject_key","at");--> statement-breakpoint
CREATE INDEX "store_documents_holder_idx" ON "tthc"."store_documents" USING btree ("holder_key","created_at");--> statement-breakpoint
CREATE INDEX "store_documents_dossier_idx" ON "tthc"."store_documents" USING btree ("dossier_id");--> statement-breakpoint
CREATE INDEX "store_shares_holder_idx" ON "tthc"."store_shares" USING btree ("holder_key","created_at");