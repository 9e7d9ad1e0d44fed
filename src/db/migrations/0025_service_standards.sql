CREATE TABLE "service_standard_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"theme" text NOT NULL,
	"leika_key" text,
	"ozg_id" text,
	"indicator_definition" text NOT NULL,
	"measurement" text NOT NULL,
	"unit" text NOT NULL,
	"aggregation" text NOT NULL,
	"direction" text NOT NULL,
	"periodicity" text NOT NULL,
	"target" double precision NOT NULL,
	"tolerance" double precision DEFAULT 0 NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"anchor" text NOT NULL,
	"reference_model" text,
	"applies_to" text NOT NULL,
	"is_proposal" boolean DEFAULT false NOT NULL,
	"change_note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_standard_versions_tolerance" CHECK ("service_standard_versions"."tolerance" >= 0),
	CONSTRAINT "service_standard_versions_validity" CHECK ("service_standard_versions"."valid_to" IS NULL OR "service_standard_versions"."valid_to" >= "service_standard_versions"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "service_standards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "submission_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"size" integer NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"rows_done" integer DEFAULT 0 NOT NULL,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"standard_id" uuid NOT NULL,
	"standard_version_id" uuid NOT NULL,
	"period" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"value" double precision NOT NULL,
	"numerator" double precision,
	"denominator" double precision,
	"method" text DEFAULT '' NOT NULL,
	"confidence" text DEFAULT 'high' NOT NULL,
	"explained_warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"publish_on" date,
	"source" text DEFAULT 'form' NOT NULL,
	"import_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"corrects_id" uuid,
	"correction_reason" text,
	"replaced_by_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone,
	"validated_by" uuid,
	"validated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_period_order" CHECK ("submissions"."period_end" >= "submissions"."period_start"),
	CONSTRAINT "submissions_fraction" CHECK (("submissions"."numerator" IS NULL AND "submissions"."denominator" IS NULL) OR ("submissions"."numerator" >= 0 AND "submissions"."denominator" > 0 AND "submissions"."numerator" <= "submissions"."denominator"))
);
--> statement-breakpoint
ALTER TABLE "service_standard_versions" ADD CONSTRAINT "service_standard_versions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_standard_versions" ADD CONSTRAINT "service_standard_versions_standard_id_service_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."service_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_standard_versions" ADD CONSTRAINT "service_standard_versions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_standards" ADD CONSTRAINT "service_standards_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_imports" ADD CONSTRAINT "submission_imports_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_imports" ADD CONSTRAINT "submission_imports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submission_imports" ADD CONSTRAINT "submission_imports_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_standard_id_service_standards_id_fk" FOREIGN KEY ("standard_id") REFERENCES "public"."service_standards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_standard_version_id_service_standard_versions_id_fk" FOREIGN KEY ("standard_version_id") REFERENCES "public"."service_standard_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_submitted_by_accounts_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_validated_by_accounts_id_fk" FOREIGN KEY ("validated_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_standard_versions_number" ON "service_standard_versions" USING btree ("standard_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "service_standards_key_per_region" ON "service_standards" USING btree ("region_id","key");--> statement-breakpoint
CREATE INDEX "submission_imports_org_created" ON "submission_imports" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_one_current" ON "submissions" USING btree ("organization_id","standard_id","period") WHERE "submissions"."replaced_by_id" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "submissions_version" ON "submissions" USING btree ("organization_id","standard_id","period","version");--> statement-breakpoint
CREATE INDEX "submissions_standard_period" ON "submissions" USING btree ("standard_id","period");--> statement-breakpoint
CREATE INDEX "submissions_region_state" ON "submissions" USING btree ("region_id","state");