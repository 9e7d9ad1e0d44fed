ALTER TABLE "secondment_transitions" ADD COLUMN "acting_as" text;--> statement-breakpoint
ALTER TABLE "secondments" ADD COLUMN "first_day_time" text;--> statement-breakpoint
ALTER TABLE "secondments" ADD COLUMN "first_day_place" text;--> statement-breakpoint
ALTER TABLE "secondments" ADD COLUMN "first_day_note" text;