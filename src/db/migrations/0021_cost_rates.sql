CREATE TABLE "cost_rate_parameters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"reference_step" integer NOT NULL,
	"social_security_bp" integer NOT NULL,
	"supplementary_pension_bp" integer NOT NULL,
	"civil_servant_pension_bp" integer NOT NULL,
	"employee_net_annual_hundredths" integer NOT NULL,
	"civil_servant_net_annual_hundredths" integer NOT NULL,
	"overhead_office_bp" integer NOT NULL,
	"overhead_other_bp" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_rate_parameters_region_valid_from" UNIQUE("region_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "manual_cost_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"pay_group" text NOT NULL,
	"valid_from" date NOT NULL,
	"cents_per_hour" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "manual_cost_rates_region_group_valid_from" UNIQUE("region_id","pay_group","valid_from")
);
--> statement-breakpoint
ALTER TABLE "cost_rate_parameters" ADD CONSTRAINT "cost_rate_parameters_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_rate_parameters" ADD CONSTRAINT "cost_rate_parameters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cost_rate_parameters" ADD CONSTRAINT "cost_rate_parameters_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_cost_rates" ADD CONSTRAINT "manual_cost_rates_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_cost_rates" ADD CONSTRAINT "manual_cost_rates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "manual_cost_rates" ADD CONSTRAINT "manual_cost_rates_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;