CREATE SCHEMA "catalog";
--> statement-breakpoint
CREATE SCHEMA "identity";
--> statement-breakpoint
CREATE TABLE "catalog"."agencies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"placeholder" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"search" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agencies_code_key" UNIQUE("code"),
	CONSTRAINT "agencies_kind_check" CHECK ("catalog"."agencies"."kind" in ('province', 'department', 'board', 'central', 'commune', 'other'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."calendar_exceptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"agency_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_exceptions_date_agency_key" UNIQUE NULLS NOT DISTINCT("date","agency_id"),
	CONSTRAINT "calendar_exceptions_kind_check" CHECK ("catalog"."calendar_exceptions"."kind" in ('day_off', 'working_day'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."calendar_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"national_day_adjacent" text NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_adjacent_check" CHECK ("catalog"."calendar_years"."national_day_adjacent" in ('before', 'after'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."code_list_items" (
	"version_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"parent_code" text,
	"sort_order" integer NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"search" text NOT NULL,
	CONSTRAINT "code_list_items_pkey" PRIMARY KEY("version_id","code")
);
--> statement-breakpoint
CREATE TABLE "catalog"."code_list_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"list_code" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"published_at" timestamp with time zone,
	"note" text,
	"content_hash" text NOT NULL,
	"item_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "code_list_versions_list_version_key" UNIQUE("list_code","version"),
	CONSTRAINT "code_list_versions_status_check" CHECK ("catalog"."code_list_versions"."status" in ('draft', 'published'))
);
--> statement-breakpoint
CREATE TABLE "catalog"."code_lists" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"description" text,
	"extendable" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."keys" (
	"kid" text PRIMARY KEY NOT NULL,
	"use" text NOT NULL,
	"material" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "identity"."oidc_payloads" (
	"id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"grant_id" text,
	"user_code" text,
	"uid" text,
	"expires_at" timestamp with time zone,
	"consumed_at" timestamp with time zone,
	CONSTRAINT "oidc_payloads_type_id_pk" PRIMARY KEY("type","id")
);
--> statement-breakpoint
CREATE TABLE "identity"."role_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	"agency_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."roles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"permissions" jsonb NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roles_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "identity"."service_clients" (
	"client_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"secret" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"permissions" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "identity"."users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"username" text,
	"full_name" text NOT NULL,
	"agency_id" uuid,
	"email" text,
	"personal_id" text,
	"enterprise_code" text,
	"password_hash" text,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"totp_secret" text,
	"totp_enabled" boolean DEFAULT false NOT NULL,
	"totp_last_step" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog"."agencies" ADD CONSTRAINT "agencies_parent_id_agencies_id_fk" FOREIGN KEY ("parent_id") REFERENCES "catalog"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."calendar_exceptions" ADD CONSTRAINT "calendar_exceptions_agency_id_agencies_id_fk" FOREIGN KEY ("agency_id") REFERENCES "catalog"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."code_list_items" ADD CONSTRAINT "code_list_items_version_id_code_list_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "catalog"."code_list_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."code_list_versions" ADD CONSTRAINT "code_list_versions_list_code_code_lists_code_fk" FOREIGN KEY ("list_code") REFERENCES "catalog"."code_lists"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."role_assignments" ADD CONSTRAINT "role_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "identity"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "identity"."role_assignments" ADD CONSTRAINT "role_assignments_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "identity"."roles"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agencies_parent_idx" ON "catalog"."agencies" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "code_list_items_order_idx" ON "catalog"."code_list_items" USING btree ("version_id","sort_order");--> statement-breakpoint
CREATE INDEX "code_list_versions_effective_idx" ON "catalog"."code_list_versions" USING btree ("list_code","status","effective_from");--> statement-breakpoint
CREATE INDEX "oidc_payloads_grant_idx" ON "identity"."oidc_payloads" USING btree ("grant_id");--> statement-breakpoint
CREATE INDEX "oidc_payloads_uid_idx" ON "identity"."oidc_payloads" USING btree ("uid");--> statement-breakpoint
CREATE INDEX "oidc_payloads_expires_idx" ON "identity"."oidc_payloads" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "role_assignments_uq" ON "identity"."role_assignments" USING btree ("user_id","role_id","agency_id");--> statement-breakpoint
CREATE INDEX "role_assignments_user_idx" ON "identity"."role_assignments" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_username_uq" ON "identity"."users" USING btree ("username");--> statement-breakpoint
CREATE UNIQUE INDEX "users_personal_id_uq" ON "identity"."users" USING btree ("personal_id");--> statement-breakpoint
CREATE INDEX "users_kind_idx" ON "identity"."users" USING btree ("kind");