ALTER TABLE "audit_events" ADD COLUMN "actor_organization_id" uuid;--> statement-breakpoint
CREATE INDEX "audit_events_actor_org_at" ON "audit_events" USING btree ("actor_organization_id","at");--> statement-breakpoint
-- Entries before: the actor's administration from the account (the one-time copy passes the
-- append-only trigger of migration 0001 only here).
ALTER TABLE "audit_events" DISABLE TRIGGER audit_events_append_only;--> statement-breakpoint
UPDATE "audit_events" e SET "actor_organization_id" = a."organization_id"
  FROM "accounts" a WHERE a."id" = e."actor_account_id";--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER audit_events_append_only;
