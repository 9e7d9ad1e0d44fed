import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { declareVisibility, type Visibility } from "../../db/visibility";

/**
 * The append-only audit log. A database trigger (migration 0001) refuses UPDATE and DELETE,
 * so no code path — ours or an operator's SQL — can rewrite history.
 */
export const auditEvents = declareVisibility(
  pgTable(
    "audit_events",
    {
      id: bigserial("id", { mode: "number" }).primaryKey(),
      at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
      regionId: uuid("region_id"),
      /** Administration that owns the changed object (null for anonymous events such as unknown logins). */
      organizationId: uuid("organization_id"),
      actorAccountId: uuid("actor_account_id"),
      /**
       * The actor's administration at the time: its HR office reads what its own people did, also to
       * another administration's objects (a borrowing office's steps on a lender's secondment).
       */
      actorOrganizationId: uuid("actor_organization_id"),
      /** Login of the actor at the time, kept so the entry stays readable. */
      actorLogin: text("actor_login"),
      /** When a deputy acted: the login of the person it acted for. */
      onBehalfOf: text("on_behalf_of"),
      /** `login`, `login_failed`, `logout`, `create`, `update`, `delete`, `read`, `export` (see `audit-words.ts`). */
      action: text("action").notNull(),
      /** Table or resource name, e.g. `account`. */
      entity: text("entity").notNull(),
      entityId: text("entity_id"),
      /**
       * The people whose personal data a read showed: one entry per page read, not one per person
       * (a list of 50 pool members is one entry with 50 ids). The people find it by their id.
       */
      subjectIds: uuid("subject_ids").array(),
      /** Visibility class of the changed object, which decides who may read the entry. */
      visibility: text("visibility").$type<Visibility>().notNull(),
      before: jsonb("before"),
      after: jsonb("after"),
      ip: text("ip"),
    },
    (t) => [
      index("audit_events_org_at").on(t.organizationId, t.at),
      index("audit_events_region_at").on(t.regionId, t.at),
      index("audit_events_actor_org_at").on(t.actorOrganizationId, t.at),
      index("audit_events_subjects").using("gin", t.subjectIds),
    ],
  ),
  "tenant",
);
