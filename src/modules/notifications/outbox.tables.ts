import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { declareVisibility } from "../../db/visibility";
import { organizations, regions } from "../organizations/organizations.tables";

/**
 * The transactional outbox: an e-mail is written here in the same transaction as the change that
 * causes it, and a worker sends it. The coordination office reads it as the Postausgang.
 */
export const outboxMessages = declareVisibility(
  pgTable(
    "outbox_messages",
    {
      id: uuid("id").primaryKey().defaultRandom(),
      regionId: uuid("region_id")
        .notNull()
        .references(() => regions.id),
      /** The recipient's administration. */
      organizationId: uuid("organization_id").references(() => organizations.id),
      toAddress: text("to_address").notNull(),
      subject: text("subject").notNull(),
      textBody: text("text_body").notNull(),
      status: text("status").$type<"pending" | "sent" | "failed">().notNull().default("pending"),
      attempts: integer("attempts").notNull().default(0),
      nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
      /** A worker that took the message holds it until then; after a crash another worker takes it over. */
      lockedUntil: timestamp("locked_until", { withTimezone: true }),
      lastError: text("last_error"),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      sentAt: timestamp("sent_at", { withTimezone: true }),
    },
    (t) => [index("outbox_due").on(t.status, t.nextAttemptAt)],
  ),
  "region",
);
