-- Before this guard, parallel requests could open the same proposal several times. Keep the oldest
-- (or the one already further along) and withdraw the later duplicates with a timeline entry, so
-- that the unique index can be built on data written before it.
WITH "duplicates" AS (
  UPDATE "secondments" s SET "state" = 'withdrawn', "updated_at" = now()
  WHERE s."amends_id" IS NULL AND s."state" = 'proposed' AND EXISTS (
    SELECT 1 FROM "secondments" o
    WHERE o."request_id" = s."request_id" AND o."member_id" = s."member_id" AND o."id" <> s."id" AND o."amends_id" IS NULL
      AND o."state" IN ('proposed', 'released', 'approved', 'staff_council', 'accepted', 'agreed', 'onboarding', 'active', 'completed')
      AND (o."state" <> 'proposed' OR (o."created_at", o."id") < (s."created_at", s."id"))
  )
  RETURNING s."id", s."region_id", s."organization_id", s."borrower_organization_id"
)
INSERT INTO "secondment_transitions" ("secondment_id", "region_id", "organization_id", "borrower_organization_id", "action", "from_state", "to_state", "actor_name", "reason")
SELECT "id", "region_id", "organization_id", "borrower_organization_id", 'withdraw', 'proposed', 'withdrawn', 'Verbund', 'Doppelter Vorschlag zusammengeführt'
FROM "duplicates";--> statement-breakpoint
-- The same for extensions: one in the procedure per secondment.
WITH "duplicates" AS (
  UPDATE "secondments" s SET "state" = 'withdrawn', "updated_at" = now()
  WHERE s."amends_id" IS NOT NULL AND s."state" = 'proposed' AND EXISTS (
    SELECT 1 FROM "secondments" o
    WHERE o."amends_id" = s."amends_id" AND o."id" <> s."id"
      AND o."state" IN ('proposed', 'released', 'approved', 'staff_council', 'accepted')
      AND (o."state" <> 'proposed' OR (o."created_at", o."id") < (s."created_at", s."id"))
  )
  RETURNING s."id", s."region_id", s."organization_id", s."borrower_organization_id"
)
INSERT INTO "secondment_transitions" ("secondment_id", "region_id", "organization_id", "borrower_organization_id", "action", "from_state", "to_state", "actor_name", "reason")
SELECT "id", "region_id", "organization_id", "borrower_organization_id", 'withdraw', 'proposed', 'withdrawn', 'Verbund', 'Doppelte Verlängerung zusammengeführt'
FROM "duplicates";--> statement-breakpoint
CREATE UNIQUE INDEX "secondments_one_per_request_member" ON "secondments" USING btree ("request_id","member_id") WHERE "secondments"."amends_id" IS NULL AND "secondments"."state" IN ('proposed', 'released', 'approved', 'staff_council', 'accepted', 'agreed', 'onboarding', 'active', 'completed');--> statement-breakpoint
CREATE UNIQUE INDEX "secondments_one_pending_extension" ON "secondments" USING btree ("amends_id") WHERE "secondments"."amends_id" IS NOT NULL AND "secondments"."state" IN ('proposed', 'released', 'approved', 'staff_council', 'accepted');