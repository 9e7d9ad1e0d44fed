import { and, eq, isNull, or, sql } from "drizzle-orm";
import nodemailer from "nodemailer";
import type { Db, Tx } from "../../db/client";
import { afterCursor, cursorColumn, orderBy, pageOf, type PageRequest, type SortKey } from "../../kernel/paging";
import { outboxMessages } from "./outbox.tables";

/** An e-mail to send. */
export interface MailInput {
  regionId: string;
  organizationId?: string | null;
  to: string;
  subject: string;
  /** Plain text (German first); the HTML part is derived from it. */
  text: string;
}

/**
 * Writes an e-mail to the outbox inside the transaction of the change that causes it (a rolled-back
 * change sends nothing). It takes only a transaction; the type refuses a bare database handle.
 */
export async function enqueueMail(tx: Tx, mail: MailInput): Promise<void> {
  await tx.insert(outboxMessages).values({
    regionId: mail.regionId,
    organizationId: mail.organizationId ?? null,
    toAddress: mail.to,
    subject: mail.subject,
    textBody: mail.text,
  });
}

/** What sends a message: nodemailer's transport in production, any SMTP server in tests. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string; html: string; messageId: string }): Promise<unknown>;
}

/** The SMTP transport for `SMTP_URL` (e.g. `smtp://user:pass@mail.region-hannover.de:587`). */
export function smtpTransport(url: string): MailTransport {
  return nodemailer.createTransport(url);
}

/** Retries wait 30 s, 1 min, 2 min, … up to one hour; after 12 attempts a message counts as failed. */
export const MAX_ATTEMPTS = 12;
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempt - 1));
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
const toHtml = (text: string) =>
  `<!doctype html><html lang="de"><body><p>${escapeHtml(text)
    .replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')
    .replace(/\n\n/g, "</p><p>")
    .replace(/\n/g, "<br>")}</p></body></html>`;

/** Options of {@link deliverDueMail}. */
export interface DeliverOptions {
  transport: MailTransport;
  from: string;
  /** How many messages one round takes at most. */
  batch?: number;
  /** How long a taken message is held before another worker may take it (seconds). */
  leaseSeconds?: number;
}

/**
 * One round of the outbox worker: takes due messages (`FOR UPDATE SKIP LOCKED`, so several
 * workers never take the same one), sends each, and marks it sent — or schedules the next try
 * with backoff. A crash after the commit and before the send loses nothing: the message stays
 * due until its lease ends. Each message keeps one Message-ID, so a receiver can drop a repeat.
 */
export async function deliverDueMail(db: Db, options: DeliverOptions): Promise<{ sent: number; failed: number }> {
  const taken = await db.transaction(async (tx) => {
    const { rows } = await tx.execute(sql`
      SELECT id FROM outbox_messages
      WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
      ORDER BY created_at LIMIT ${options.batch ?? 20}
      FOR UPDATE SKIP LOCKED`);
    if (rows.length === 0) return [];
    const ids = rows.map((r) => String(r.id));
    return tx
      .update(outboxMessages)
      .set({
        lockedUntil: sql`now() + make_interval(secs => ${options.leaseSeconds ?? 120})`,
        attempts: sql`${outboxMessages.attempts} + 1`,
      })
      .where(
        sql`${outboxMessages.id} IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      )
      .returning();
  });
  let sent = 0;
  let failed = 0;
  for (const message of taken) {
    try {
      await options.transport.sendMail({
        from: options.from,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: toHtml(message.textBody),
        messageId: `<${message.id}@verbund>`,
      });
      await db
        .update(outboxMessages)
        .set({ status: "sent", sentAt: new Date(), lockedUntil: null, lastError: null })
        .where(eq(outboxMessages.id, message.id));
      sent++;
    } catch (err) {
      failed++;
      const giveUp = message.attempts >= MAX_ATTEMPTS;
      await db
        .update(outboxMessages)
        .set({
          status: giveUp ? "failed" : "pending",
          lockedUntil: null,
          lastError: (err instanceof Error ? err.message : String(err)).slice(0, 500),
          nextAttemptAt: sql`now() + make_interval(secs => ${backoffSeconds(message.attempts)})`,
        })
        .where(eq(outboxMessages.id, message.id));
    }
  }
  return { sent, failed };
}

/** Newest first, then id. */
const OUTBOX_ORDER: SortKey[] = [
  { sql: outboxMessages.createdAt, type: "timestamp", desc: true },
  { sql: outboxMessages.id, type: "uuid", desc: true },
];

/**
 * The Postausgang, newest first, a page at a time: the mails to the actor's administration; the
 * coordination office (region_admin) also sees the region's mails that belong to no administration.
 */
export async function listOutbox(
  db: Db,
  actor: { regionId: string; organizationId: string; roles: readonly string[] },
  query: PageRequest & { status?: "pending" | "sent" | "failed" },
) {
  const own = eq(outboxMessages.organizationId, actor.organizationId);
  const rows = await db
    .select({ m: outboxMessages, cursor: cursorColumn(OUTBOX_ORDER) })
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.regionId, actor.regionId),
        actor.roles.includes("region_admin") ? or(own, isNull(outboxMessages.organizationId)) : own,
        query.status ? eq(outboxMessages.status, query.status) : undefined,
        afterCursor(OUTBOX_ORDER, query.cursor),
      ),
    )
    .orderBy(...orderBy(OUTBOX_ORDER))
    .limit(query.limit + 1);
  const { rows: shown, nextCursor } = pageOf(rows, query.limit);
  return {
    items: shown.map(({ m }) => ({
      id: m.id,
      to: m.toAddress,
      subject: m.subject,
      text: m.textBody,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
    })),
    nextCursor,
  };
}

/** Runs the worker every `intervalMs` until stopped; returns the stop function. */
export function startOutboxWorker(
  db: Db,
  options: DeliverOptions & { intervalMs?: number; onError?: (err: unknown) => void },
): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => deliverDueMail(db, options)).catch((err) => options.onError?.(err));
  }, options.intervalMs ?? 5000);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
