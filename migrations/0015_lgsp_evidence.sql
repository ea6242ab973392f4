CREATE TABLE "lgsp"."message_bodies" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"message_id" text NOT NULL,
	"request_sealed" text,
	"response_sealed" text
);
--> statement-breakpoint
CREATE TABLE "lgsp"."message_log_seals" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"sealed_at" text NOT NULL,
	"signature" text NOT NULL,
	"certificates" jsonb NOT NULL,
	"time_stamp_token" text NOT NULL,
	"gen_time" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lgsp"."operational_records" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"monitoring_data_ts" timestamp with time zone NOT NULL,
	"security_server_type" text NOT NULL,
	"request_in_ts" timestamp with time zone NOT NULL,
	"request_out_ts" timestamp with time zone,
	"response_in_ts" timestamp with time zone,
	"response_out_ts" timestamp with time zone NOT NULL,
	"client_xroad_instance" text,
	"client_member_class" text,
	"client_member_code" text,
	"client_subsystem_code" text,
	"service_xroad_instance" text,
	"service_member_class" text,
	"service_member_code" text,
	"service_subsystem_code" text,
	"service_code" text,
	"service_version" text,
	"message_id" text NOT NULL,
	"message_user_id" text,
	"message_issue" text,
	"message_protocol_version" text,
	"rest_method" text NOT NULL,
	"rest_path" text NOT NULL,
	"request_size" integer NOT NULL,
	"response_size" integer,
	"succeeded" boolean NOT NULL,
	"fault_code" text,
	"fault_string" text,
	"status_code" integer NOT NULL,
	"service_type" text NOT NULL,
	"client" text,
	"service" text,
	"duration_ms" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lgsp"."message_log" ADD COLUMN "request_body_hash" text;--> statement-breakpoint
ALTER TABLE "lgsp"."message_log" ADD COLUMN "response_body_hash" text;--> statement-breakpoint
ALTER TABLE "lgsp"."message_log" ADD COLUMN "mac" text;--> statement-breakpoint
ALTER TABLE "lgsp"."services" ADD COLUMN "body_logging" text DEFAULT 'metadata' NOT NULL;--> statement-breakpoint
CREATE INDEX "message_bodies_message_idx" ON "lgsp"."message_bodies" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "operational_records_service_idx" ON "lgsp"."operational_records" USING btree ("service","monitoring_data_ts");--> statement-breakpoint
CREATE INDEX "operational_records_client_idx" ON "lgsp"."operational_records" USING btree ("client","monitoring_data_ts");