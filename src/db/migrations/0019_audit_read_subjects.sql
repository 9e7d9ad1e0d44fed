ALTER TABLE "audit_events" ADD COLUMN "subject_ids" uuid[];--> statement-breakpoint
CREATE INDEX "audit_events_subjects" ON "audit_events" USING gin ("subject_ids");--> statement-breakpoint
-- Reads recorded before: one entry per person, the person's id in entity_id. The log is append-only
-- (migration 0001); only this one-time copy of the id into the new column passes the trigger.
ALTER TABLE "audit_events" DISABLE TRIGGER audit_events_append_only;--> statement-breakpoint
UPDATE "audit_events" SET "subject_ids" = ARRAY["entity_id"::uuid]
  WHERE "action" = 'read' AND "entity" = 'pool_member'
    AND "entity_id" ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER audit_events_append_only;
