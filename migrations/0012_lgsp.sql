CREATE SCHEMA "lgsp";
--> statement-breakpoint
CREATE TABLE "lgsp"."access_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"subsystem_id" uuid NOT NULL,
	"method" text,
	"path_pattern" text,
	"expires_at" timestamp with time zone,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" text NOT NULL,
	"decided_by" text,
	"decision_note" text,
	"decided_at" timestamp with time zone,
	"access_right_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lgsp"."access_rights" (
	"id" uuid PRIMARY KEY NOT NULL,
	"service_id" uuid NOT NULL,
	"subsystem_id" uuid,
	"group_id" uuid,
	"method" text,
	"path_pattern" text,
	"expires_at" timestamp with time zone,
	"granted_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lgsp"."group_members" (
	"group_id" uuid NOT NULL,
	"subsystem_id" uuid NOT NULL,
	CONSTRAINT "group_members_group_id_subsystem_id_pk" PRIMARY KEY("group_id","subsystem_id")
);
--> statement-breakpoint
CREATE TABLE "lgsp"."groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "groups_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "lgsp"."members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance" text NOT NULL,
	"member_class" text NOT NULL,
	"member_code" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lgsp"."message_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"message_id" text NOT NULL,
	"request_id" text NOT NULL,
	"client" text,
	"service" text,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"status" integer NOT NULL,
	"fault" text,
	"duration_ms" double precision NOT NULL,
	"provider_ms" double precision,
	"request_hash" text NOT NULL,
	"purpose" text,
	"user_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lgsp"."message_log_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lgsp"."service_versions" (
	"service_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"label" text NOT NULL,
	"openapi" jsonb NOT NULL,
	"endpoints" jsonb NOT NULL,
	"diff" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_versions_service_id_version_pk" PRIMARY KEY("service_id","version")
);
--> statement-breakpoint
CREATE TABLE "lgsp"."services" (
	"id" uuid PRIMARY KEY NOT NULL,
	"subsystem_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"openapi_url" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"timeout_ms" integer DEFAULT 10000 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lgsp"."subsystems" (
	"id" uuid PRIMARY KEY NOT NULL,
	"member_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"client_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lgsp"."access_requests" ADD CONSTRAINT "access_requests_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "lgsp"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."access_requests" ADD CONSTRAINT "access_requests_subsystem_id_subsystems_id_fk" FOREIGN KEY ("subsystem_id") REFERENCES "lgsp"."subsystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."access_rights" ADD CONSTRAINT "access_rights_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "lgsp"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."access_rights" ADD CONSTRAINT "access_rights_subsystem_id_subsystems_id_fk" FOREIGN KEY ("subsystem_id") REFERENCES "lgsp"."subsystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."access_rights" ADD CONSTRAINT "access_rights_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "lgsp"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."group_members" ADD CONSTRAINT "group_members_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "lgsp"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."group_members" ADD CONSTRAINT "group_members_subsystem_id_subsystems_id_fk" FOREIGN KEY ("subsystem_id") REFERENCES "lgsp"."subsystems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."service_versions" ADD CONSTRAINT "service_versions_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "lgsp"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."services" ADD CONSTRAINT "services_subsystem_id_subsystems_id_fk" FOREIGN KEY ("subsystem_id") REFERENCES "lgsp"."subsystems"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lgsp"."subsystems" ADD CONSTRAINT "subsystems_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "lgsp"."members"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_requests_service_idx" ON "lgsp"."access_requests" USING btree ("service_id","status");--> statement-breakpoint
CREATE INDEX "access_rights_service_idx" ON "lgsp"."access_rights" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_id_uq" ON "lgsp"."members" USING btree ("instance","member_class","member_code");--> statement-breakpoint
CREATE INDEX "message_log_message_idx" ON "lgsp"."message_log" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "message_log_service_idx" ON "lgsp"."message_log" USING btree ("service","at");--> statement-breakpoint
CREATE UNIQUE INDEX "services_code_uq" ON "lgsp"."services" USING btree ("subsystem_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "subsystems_code_uq" ON "lgsp"."subsystems" USING btree ("member_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "subsystems_client_uq" ON "lgsp"."subsystems" USING btree ("client_id");