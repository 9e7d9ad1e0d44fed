import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtp } from "../../../test/smtp-fixture";
import { sql } from "drizzle-orm";
import { createTestDatabase } from "../../../test/db";
import type { Database } from "../../db/client";
import { deliverDueMail, enqueueMail, smtpTransport } from "./outbox";

let database: Database;
let regionId: string;

const status = async () =>
  (
    await database.db.execute(
      sql`SELECT status, attempts, last_error IS NOT NULL AS has_error, next_attempt_at > now() AS is_later FROM outbox_messages ORDER BY created_at`,
    )
  ).rows as Array<{
    status: string;
    attempts: number;
    has_error: boolean;
    is_later: boolean;
  }>;

beforeAll(async () => {
  database = await createTestDatabase();
  regionId = ((await database.db.execute(sql`SELECT id FROM regions WHERE code = '03241'`)).rows[0] as { id: string }).id;
});
afterAll(async () => database?.close());

describe("e-mail outbox", () => {
  it("delivers a German mail with a plain-text part and a link, once", async () => {
    const smtp = await startSmtp();
    try {
      await database.db.transaction(async (tx) => {
        await enqueueMail(tx, {
          regionId,
          to: "personal@wunstorf.demo",
          subject: "Krise ausgerufen: Hochwasser an der Leine",
          text: "Guten Tag,\n\nbitte prüfen Sie: http://localhost:3000/krisen/1\n\nVerbund",
        });
      });
      const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`);
      expect(await deliverDueMail(database.db, { transport, from: "Verbund <verbund@region-hannover.demo>" })).toEqual({
        sent: 1,
        failed: 0,
      });
      expect(await deliverDueMail(database.db, { transport, from: "Verbund <verbund@region-hannover.demo>" })).toEqual({
        sent: 0,
        failed: 0,
      });
      expect(smtp.received).toHaveLength(1);
      const [mail] = smtp.received;
      expect(mail.subject).toBe("Krise ausgerufen: Hochwasser an der Leine");
      expect(mail.text).toContain("bitte prüfen Sie");
      expect(mail.html).toContain('<a href="http://localhost:3000/krisen/1">');
      expect(mail.messageId).toMatch(/@verbund>$/);
      expect((await status())[0]).toMatchObject({ status: "sent", attempts: 1 });
    } finally {
      await smtp.close();
    }
  });

  it("retries with backoff while the SMTP server is down and delivers once it is back", async () => {
    await database.db.execute(sql`UPDATE outbox_messages SET status = 'sent'`);
    await database.db.transaction((tx) =>
      enqueueMail(tx, { regionId, to: "personal@garbsen.demo", subject: "Neue Krisenanfrage", text: "Test" }),
    );
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close(); // now nothing listens on this port
    const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
    expect(await deliverDueMail(database.db, { transport, from: "verbund@localhost" })).toEqual({ sent: 0, failed: 1 });
    const pending = (await status()).at(-1)!;
    expect(pending).toMatchObject({ status: "pending", attempts: 1, has_error: true, is_later: true });
    expect(await deliverDueMail(database.db, { transport, from: "verbund@localhost" })).toEqual({ sent: 0, failed: 0 }); // not due yet
    const smtp = await startSmtp({ port });
    try {
      await database.db.execute(sql`UPDATE outbox_messages SET next_attempt_at = now() WHERE status = 'pending'`);
      expect(await deliverDueMail(database.db, { transport, from: "verbund@localhost" })).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received.map((m) => m.subject)).toEqual(["Neue Krisenanfrage"]);
    } finally {
      await smtp.close();
    }
  });

  it("loses nothing when a worker crashes between commit and send", async () => {
    await database.db.transaction((tx) =>
      enqueueMail(tx, { regionId, to: "personal@region-hannover.demo", subject: "Nach dem Absturz", text: "Test" }),
    );
    // A worker took the message (lease set, attempt counted) and died before sending.
    await database.db.execute(
      sql`UPDATE outbox_messages SET locked_until = now() + interval '2 minutes', attempts = attempts + 1 WHERE subject = 'Nach dem Absturz'`,
    );
    const smtp = await startSmtp();
    try {
      const transport = smtpTransport(`smtp://127.0.0.1:${smtp.port}`);
      expect(await deliverDueMail(database.db, { transport, from: "verbund@localhost" })).toEqual({ sent: 0, failed: 0 }); // leased to the dead worker
      await database.db.execute(
        sql`UPDATE outbox_messages SET locked_until = now() - interval '1 second' WHERE subject = 'Nach dem Absturz'`,
      );
      expect(await deliverDueMail(database.db, { transport, from: "verbund@localhost" })).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received.map((m) => m.subject)).toEqual(["Nach dem Absturz"]);
    } finally {
      await smtp.close();
    }
  });

  it("an outbox write rolled back with its change sends nothing", async () => {
    const before = (await status()).length;
    await database.db
      .transaction(async (tx) => {
        await enqueueMail(tx, { regionId, to: "x@y.de", subject: "Nie", text: "Nie" });
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    expect((await status()).length).toBe(before);
  });
});
