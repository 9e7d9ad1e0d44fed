ALTER TABLE "allocation_runs" ALTER COLUMN "snapshot" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "allocation_runs" ADD COLUMN "published" "bytea";--> statement-breakpoint
ALTER TABLE "allocation_runs" ADD COLUMN "overview" jsonb;