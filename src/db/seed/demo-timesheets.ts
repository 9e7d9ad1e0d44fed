import { and, eq, sql } from "drizzle-orm";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Db } from "../client";
import { addDays, dateInGermany, weekdayOf } from "../../kernel/dates";
import { accounts, expenseReceipts, expenses, poolMembers, secondments, timesheetEntries } from "../schema";

/**
 * Demo hours for the first running secondment at the Gesundheitsamt (Jana Bode's, who signs in as
 * `abgeordnete@garbsen.demo`): every working day since its start, 7,75 h — the first week
 * confirmed by the Gesundheitsamt's head, one day of it returned with a comment, the days since
 * open — and travel costs with a small PDF ticket as receipt. So she finds a returned day to
 * correct, the head (`gesundheitsamt@region-hannover.demo`) finds hours to confirm in the task
 * list, and the lending HR office and finance find confirmed ones. Deterministic for a given day;
 * runs once.
 */
export async function seedDemoTimesheets(db: Db, today = new Date()) {
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from timesheet_entries`)).rows as Array<{ n: number }>;
  if (n > 0) return 0;
  const [s] = await db
    .select()
    .from(secondments)
    .where(and(eq(secondments.state, "active"), sql`${secondments.amendsId} is null`))
    // The person with a demo account first (abgeordnete@garbsen.demo), so she finds her hours.
    .orderBy(
      sql`(select ${poolMembers.accountId} is null from ${poolMembers} where ${poolMembers.id} = ${secondments.memberId})`,
      secondments.startsOn,
      secondments.organizationId,
    )
    .limit(1);
  if (!s) return 0;
  const [head] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.login, "gesundheitsamt@region-hannover.demo"));
  const now = dateInGermany(today);
  const days: string[] = [];
  for (let day = s.startsOn; day < now && day <= s.endsOn; day = addDays(day, 1)) if (weekdayOf(day) % 6 !== 0) days.push(day);
  if (days.length === 0) return 0;
  const firstWeek = days.filter((d) => d < addDays(s.startsOn, 7));
  const returnedDay = firstWeek.at(-1);
  const decidedAt = new Date(`${addDays(s.startsOn, 7)}T09:00:00Z`);
  const owner = {
    regionId: s.regionId,
    organizationId: s.organizationId,
    borrowerOrganizationId: s.borrowerOrganizationId,
    secondmentId: s.id,
  };
  return db.transaction(async (tx) => {
    await tx.insert(timesheetEntries).values(
      days.map((day) => {
        const inFirstWeek = firstWeek.includes(day);
        const returned = day === returnedDay;
        return {
          ...owner,
          day,
          minutes: returned ? 600 : 465,
          state: returned ? ("returned" as const) : inFirstWeek ? ("confirmed" as const) : ("recorded" as const),
          comment: returned ? "An diesem Tag war Teamtag in Hannover, bitte die tatsächlichen Stunden eintragen." : null,
          recordedAt: new Date(`${day}T16:00:00Z`),
          decidedBy: inFirstWeek ? (head?.id ?? null) : null,
          decidedAt: inFirstWeek ? decidedAt : null,
        };
      }),
    );
    const [expense] = await tx
      .insert(expenses)
      .values({
        ...owner,
        day: days[0],
        kind: "travel",
        amountCents: 1160,
        note: "GVH-Tageskarte zum ersten Arbeitstag",
        recordedAt: new Date(`${days[0]}T16:05:00Z`),
      })
      .returning();
    const receipt = await ticketPdf(days[0]);
    await tx.insert(expenseReceipts).values({
      regionId: s.regionId,
      organizationId: s.organizationId,
      borrowerOrganizationId: s.borrowerOrganizationId,
      expenseId: expense.id,
      fileName: "tageskarte.pdf",
      mediaType: "application/pdf",
      size: receipt.length,
      content: sql`decode(${receipt.toString("base64")}, 'base64')` as unknown as Buffer,
      uploadedAt: new Date(`${days[0]}T16:05:00Z`),
    });
    return days.length;
  });
}

/** A one-page PDF ticket (the same bytes for the same day). */
async function ticketPdf(day: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const fixed = new Date(`${day}T07:00:00Z`);
  pdf.setCreationDate(fixed);
  pdf.setModificationDate(fixed);
  pdf.setTitle("GVH-Tageskarte (Demo)");
  const page = pdf.addPage([300, 180]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText("GVH TagesTicket Zone A-B (Demo-Beleg)", { x: 20, y: 140, size: 11, font });
  page.drawText(`Gueltig am ${day.split("-").reverse().join(".")}`, { x: 20, y: 115, size: 11, font });
  page.drawText("Preis: 11,60 EUR", { x: 20, y: 90, size: 11, font });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}
