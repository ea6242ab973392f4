CREATE TABLE "analytics"."commune_map" (
	"id" text PRIMARY KEY NOT NULL,
	"geojson" jsonb NOT NULL,
	"features" integer NOT NULL,
	"imported_by" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."dashboard_panels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dashboard_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text NOT NULL,
	"measure" text NOT NULL,
	"chart" text NOT NULL,
	"period_kind" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "analytics"."dashboards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text NOT NULL,
	"visibility" text NOT NULL,
	"refresh_seconds" integer NOT NULL,
	"rotation_seconds" integer NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dashboards_code_unique" UNIQUE("code"),
	CONSTRAINT "dashboards_visibility_check" CHECK ("analytics"."dashboards"."visibility" in ('public', 'internal'))
);
--> statement-breakpoint
ALTER TABLE "analytics"."dashboard_panels" ADD CONSTRAINT "dashboard_panels_dashboard_id_dashboards_id_fk" FOREIGN KEY ("dashboard_id") REFERENCES "analytics"."dashboards"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dashboard_panels_dashboard_idx" ON "analytics"."dashboard_panels" USING btree ("dashboard_id","position");