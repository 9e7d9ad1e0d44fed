/**
 * Supplements (Nachtragsabrechnung) through the API: Wunstorf's finance bills last month to the
 * Region; afterwards the Gesundheitsamt's head confirms one more day and Katrin Schulze corrects
 * two billed days (one up, one down). Finance sees the task, creates a Nachtrag that bills only the
 * new day and reverses the corrected days next to their corrections; a draft gone stale by a later
 * confirmation is not issued; a supplement that comes out negative is a credit (Gutschrift) whose
 * PDF, CSV and XRechnung carry the API's total. All issued statements of the month add up to the
 * hours in force, and no entry is billed twice — also under parallel requests on PostgreSQL.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { addDays, today } from "../../kernel/dates";
import { decimalEuros, germanEuros, hoursAmountCents } from "../../domain/settlement/money";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { billedSecondment } from "../../../test/active-secondment";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";
import { seedDemoBillingDetails } from "../../db/seed/demo-billing";

let t: TestApp;
let katrin: Client;
let health: Client;
let finance: Client;
let regionFinance: Client;
let secondmentId: string;
let regionId: string;

// Last month, wholly within the secondment (it began on the first of last month and ends in two weeks: under three months): days 2 … 11.
const now = today();
const month = addDays(`${now.slice(0, 7)}-01`, -1).slice(0, 7);
const startedDaysAgo = Math.round((Date.parse(now) - Date.parse(`${month}-01`)) / 86_400_000);
const days = Array.from({ length: 10 }, (_, i) => `${month}-${String(i + 2).padStart(2, "0")}`);

const get = (client: Client, url: string) => client.request({ method: "GET", url });
const post = (client: Client, url: string, payload?: unknown) =>
  client.request({ method: "POST", url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

type Line = { kind: string; minutes: number; amountCents: number; rateCentsPerHour: number; note?: string };
type View = {
  id: string;
  number: string | null;
  state: string;
  netCents: number;
  grossCents: number;
  isCredit: boolean;
  lines: Line[];
  supplements: { id: string; number: string } | null;
  supplementDue: { de: string } | null;
  abilities: { createSupplement: string | null; issue: boolean };
};

const entriesOf = async (): Promise<Array<{ id: string; day: string; minutes: number; state: string }>> =>
  (await get(health, `/api/v1/secondments/${secondmentId}/timesheets?month=${month}`)).json().entries;
const entryOn = async (day: string, state: string) => (await entriesOf()).find((e) => e.day === day && e.state === state)!;

async function confirm(day: string) {
  const e = await entryOn(day, "recorded");
  const res = await post(health, `/api/v1/secondments/${secondmentId}/timesheets/confirmations`, { entryIds: [e.id] });
  expect(res.statusCode, res.body).toBe(200);
}

async function correct(day: string, minutes: number) {
  const e = await entryOn(day, "confirmed");
  const res = await post(katrin, `/api/v1/secondments/${secondmentId}/timesheets/${e.id}/correct`, { minutes, reason: "Nachgezählt" });
  expect(res.statusCode, res.body).toBe(201);
}

/** The issued statements of the month, and what the minutes in force are worth at the month's rate. */
async function monthTotals(rate: number) {
  const listed = (await get(finance, `/api/v1/statements?month=${month}`)).json().items as View[];
  const issued = listed.filter((s) => s.state !== "draft");
  const minutes = (await entriesOf()).filter((e) => e.state === "confirmed").reduce((a, e) => a + e.minutes, 0);
  return { billed: issued.reduce((a, s) => a + s.netCents, 0), worth: hoursAmountCents(minutes, rate) };
}

const tasksOf = async (client: Client) =>
  (await get(client, "/api/v1/me/tasks")).json().items as Array<{ kind: string; step: { de: string; en: string }; link: string }>;

function tmp(name: string, body: Buffer | string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "supplement-")), name);
  fs.writeFileSync(file, body);
  return file;
}

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 12 }) });
  await seedDemoBillingDetails(t.database.db);
  ({ katrin, health, finance, regionFinance, secondmentId } = await billedSecondment(t, startedDaysAgo));
  const recorded = await post(katrin, `/api/v1/secondments/${secondmentId}/timesheets`, {
    days: days.slice(0, 6).map((day) => ({ day, minutes: 465 })),
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  for (const day of days.slice(0, 5)) await confirm(day);
  const orgs = (await t.anonymous().request({ method: "GET", url: "/api/v1/organizations" })).json().items as Array<{
    id: string;
    name: string;
  }>;
  regionId = orgs.find((o) => o.name === "Region Hannover")!.id;
}, 120_000);
afterAll(async () => {
  await t?.close();
  await t?.database.close();
});

describe(`a month billed, then supplemented (${testDatabaseKind})`, () => {
  let original: View;
  let supplement: View;
  let rate: number;

  it("the original bills the five confirmed days; with nothing new there is neither a task nor a button", async () => {
    const created = await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month });
    expect(created.statusCode, created.body).toBe(201);
    rate = created.json().lines[0].rateCentsPerHour;
    const issued = await post(finance, `/api/v1/statements/${created.json().id}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    original = issued.json();
    expect(original.lines.map((l) => l.minutes)).toEqual([5 * 465]);
    expect(original).toMatchObject({ supplements: null, isCredit: false, supplementDue: null, abilities: { createSupplement: null } });
    // Last month has ended: no hint that later days need a Nachtrag. The money goes to the lender's account.
    expect(original).toMatchObject({ monthRunning: false, payTo: { iban: expect.stringMatching(/^DE\d\d/) } });
    expect((await tasksOf(finance)).filter((x) => x.kind === "statement_supplement")).toEqual([]);
    // Nothing new: a supplement would have no line.
    const empty = await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month, supplements: original.id });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().detail).toContain("keine Stunden oder Auslagen bestätigt oder korrigiert");
  });

  it("after one more day is confirmed, finance has the task and the button; a second original is refused with a pointer to the Nachtrag", async () => {
    await confirm(days[5]);
    const task = (await tasksOf(finance)).find((x) => x.kind === "statement_supplement");
    expect(task?.step.de).toMatch(/^Nachtrag für Region Hannover, \S+ \d{4} möglich: 1 Tag bestätigt nach der Abrechnung$/);
    expect(task?.step.en).toMatch(/^Supplement for Region Hannover, [A-Z][a-z]+ \d{4} possible: /);
    expect(task?.link).toBe(`/abrechnungen/${original.id}`);
    const page = (await get(finance, `/api/v1/statements/${original.id}`)).json() as View;
    expect(page.abilities.createSupplement).toBe(original.id);
    expect(page.supplementDue?.de).toBe("1 Tag bestätigt nach der Abrechnung");
    // The borrower sees the statement, not the lender's button.
    expect((await get(regionFinance, `/api/v1/statements/${original.id}`)).json().abilities.createSupplement).toBeNull();
    const again = await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain("mit einem Nachtrag ab");
  });

  it("two creations of the supplement at once give one draft; it bills only the new day and names the original", async () => {
    const answers = await fireTogether(
      [1, 2].map(() => ({
        client: finance,
        request: {
          method: "POST" as const,
          url: "/api/v1/statements",
          payload: { borrowerOrganizationId: regionId, month, supplements: original.id },
        },
      })),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: 1 });
    supplement = answers.find((a) => a.statusCode === 201)!.json();
    expect(supplement.supplements).toMatchObject({ id: original.id, number: original.number });
    expect(supplement.lines).toEqual([expect.objectContaining({ minutes: 465, note: "nach der Abrechnung bestätigt" })]);
    // A third one, later: the answer says what to do with the open draft.
    const third = await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month, supplements: original.id });
    expect(third.statusCode).toBe(409);
    expect(third.json().detail).toContain("Berechnen Sie ihn neu und stellen Sie ihn; danach lässt sich ein weiterer Nachtrag erstellen.");
    // The task waits while the draft is open.
    expect((await tasksOf(finance)).filter((x) => x.kind === "statement_supplement")).toEqual([]);
    // A draft has no XRechnung yet: the answer says so, instead of listing a number and dates as missing.
    const xml = await finance.request({
      method: "GET",
      url: `/api/v1/statements/${supplement.id}.xml`,
      headers: { "accept-language": "de" },
    });
    expect(xml.statusCode).toBe(422);
    expect(xml.json().detail).toBe("Eine XRechnung gibt es erst, wenn die Abrechnung gestellt ist. Stellen Sie den Entwurf zuerst.");
  });

  it("a correction confirmed after the draft was computed makes issuing a 409 in plain words; recomputed, it reverses the day next to its correction", async () => {
    await correct(days[0], 540);
    await confirm(days[0]);
    const stale = await finance.request({
      method: "POST",
      url: `/api/v1/statements/${supplement.id}/issue`,
      headers: { "accept-language": "de" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toBe(
      "Seit der Berechnung wurden Stunden oder Auslagen bestätigt oder korrigiert. Bitte berechnen Sie den Entwurf neu.",
    );
    const recomputed = (await post(finance, `/api/v1/statements/${supplement.id}/recompute`)).json() as View;
    const note = (recomputed.lines.find((l) => l.minutes === -465)?.note ?? "") as string;
    expect(note).toMatch(/^Korrektur vom \d\d\.\d\d\.\d{4}: 7,75 Std\. → 9,00 Std\.$/);
    expect(recomputed.lines.map((l) => l.minutes)).toEqual([-465, 540, 465]);
    const issued = await post(finance, `/api/v1/statements/${supplement.id}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json().number).toBe(`VB-${month}-0002`);
    const { billed, worth } = await monthTotals(rate);
    expect(billed).toBe(worth);
  });

  it("a correction that reduces billed hours makes a negative supplement: a credit whose PDF, CSV and XRechnung carry the API's total", async () => {
    await correct(days[1], 240);
    await confirm(days[1]);
    expect((await tasksOf(finance)).find((x) => x.kind === "statement_supplement")?.step.de).toContain("1 Korrektur");
    const created = await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month, supplements: original.id });
    expect(created.statusCode, created.body).toBe(201);
    const credit = (await post(finance, `/api/v1/statements/${created.json().id}/issue`)).json() as View;
    expect(credit).toMatchObject({ state: "issued", isCredit: true, number: `VB-${month}-0003` });
    expect(credit.grossCents).toBeLessThan(0);
    // The Region's finance is told it is a credit (money back), not just another statement to acknowledge.
    const ack = (await tasksOf(regionFinance)).filter((x) => x.link === `/abrechnungen/${credit.id}`);
    expect(ack.map((x) => x.step.de)).toEqual([
      expect.stringMatching(new RegExp(`^Gutschrift ${credit.number} von Wunstorf für \\S+ \\d{4} bestätigen$`)),
    ]);
    const { billed, worth } = await monthTotals(rate);
    expect(billed).toBe(worth);

    const pdf = await get(finance, `/api/v1/statements/${credit.id}.pdf`);
    const text = execFileSync("pdftotext", ["-layout", tmp("c.pdf", pdf.rawPayload), "-"], { encoding: "utf8" });
    expect(text).toContain("Gutschrift");
    expect(text).toContain(`Nachtrag zur Abrechnung Nr. ${original.number}`);
    // The correction's note ends in "Std." and is followed by the rate in a sentence of its own, not "Std.. Entgeltgruppe".
    expect(text).toMatch(/7,75 Std\. → 4,00 Std\. Entgeltgruppe/);
    expect(text).not.toMatch(/\.\. /);
    const euros = `−${germanEuros(-credit.grossCents).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} €`;
    expect(text).toMatch(new RegExp(`Gesamtbetrag \\(Gutschrift\\)\\s+${euros.replace(/\./g, "\\.")}`));
    // The lender refunds the borrower: the PDF names the parties by that and the account the refund goes to (the borrower's).
    const borrowerIban = (await get(regionFinance, "/api/v1/billing-details")).json().iban as string;
    expect(borrowerIban).not.toBe("");
    const flat = text.replace(/\s+/g, " ");
    expect(flat).not.toContain("Zahlende Verwaltung");
    expect(flat).toMatch(/Erstattende Verwaltung Wunstorf/);
    expect(flat).toMatch(/Erstattung an Region Hannover/);
    expect(flat).toContain(
      `Wunstorf erstattet Region Hannover ${euros.slice(1)} unter Angabe der Nummer ${credit.number} auf das Konto IBAN ${borrowerIban}`,
    );
    expect((await get(finance, `/api/v1/statements/${credit.id}`)).json().payTo).toMatchObject({
      organizationId: regionId,
      iban: borrowerIban,
    });
    // Without the borrower's IBAN the PDF says it is missing and who enters it.
    await t.database.db.execute(sql`update billing_details set iban = '' where organization_id = ${regionId}`);
    const without = execFileSync(
      "pdftotext",
      ["-layout", tmp("d.pdf", (await get(finance, `/api/v1/statements/${credit.id}.pdf`)).rawPayload), "-"],
      {
        encoding: "utf8",
      },
    ).replace(/\s+/g, " ");
    expect(without).toContain("Region Hannover hat in ihren Rechnungsdaten keine IBAN angegeben.");
    expect((await get(finance, `/api/v1/statements/${credit.id}`)).json().payTo.iban).toBeNull();
    await t.database.db.execute(sql`update billing_details set iban = ${borrowerIban} where organization_id = ${regionId}`);

    const csv = await get(finance, `/api/v1/statements/${credit.id}.csv`);
    expect(csv.body).toContain(`;Summe;;Bruttobetrag;;;${germanEuros(credit.grossCents)}\r\n`);

    const xml = await get(regionFinance, `/api/v1/statements/${credit.id}.xml`);
    expect(xml.statusCode, xml.body).toBe(200);
    const file = tmp("c.xml", xml.body);
    execFileSync("xmllint", ["--noout", file]);
    const x = (p: string) => execFileSync("xmllint", ["--xpath", `string(${p})`, file], { encoding: "utf8" }).trim();
    expect(x("//*[local-name()='PayableAmount']")).toBe(decimalEuros(credit.grossCents));
    expect(x("/*/*[local-name()='InvoiceTypeCode']")).toBe("384");
    expect(x("//*[local-name()='BillingReference']/*[local-name()='InvoiceDocumentReference']/*[local-name()='ID']")).toBe(original.number);
    // Its payment terms name the borrower's account the refund goes to, as the PDF does.
    expect(x("//*[local-name()='PaymentTerms']/*[local-name()='Note']")).toContain(
      `auf das Konto IBAN ${borrowerIban.replace(/\s+/g, "")} erstattet.`,
    );
  });

  it("no entry is billed or reversed by two issued statements; the list shows the original and its supplements", async () => {
    const { rows } = await t.database.db.execute(
      sql`select entry_id, sign, count(*)::int as n from statement_items where is_issued group by 1, 2 having count(*) > 1`,
    );
    expect(rows).toEqual([]);
    const listed = (await get(regionFinance, `/api/v1/statements?month=${month}`)).json().items as View[];
    expect(listed.filter((s) => s.supplements?.id === original.id)).toHaveLength(2);
    // Every step is audited with its words.
    const { rows: audits } = await t.database.db.execute(
      sql`select count(*)::int as n from audit_events where entity = 'statement' and action = 'create' and after->>'supplements' = ${original.number}`,
    );
    expect(audits).toEqual([{ n: 2 }]);
  });

  it("issuing races a confirmation: either the issue is refused as stale, or the day it missed is left for the next supplement", async () => {
    const recorded = await post(katrin, `/api/v1/secondments/${secondmentId}/timesheets`, {
      days: days.slice(6, 8).map((day) => ({ day, minutes: 420 })),
    });
    expect(recorded.statusCode, recorded.body).toBe(201);
    await confirm(days[6]);
    const draft = (
      await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month, supplements: original.id })
    ).json() as View;
    const late = await entryOn(days[7], "recorded");
    const [confirmed, issued] = await fireTogether([
      {
        client: health,
        request: { method: "POST", url: `/api/v1/secondments/${secondmentId}/timesheets/confirmations`, payload: { entryIds: [late.id] } },
      },
      { client: finance, request: { method: "POST", url: `/api/v1/statements/${draft.id}/issue` } },
    ]);
    expect(confirmed.statusCode).toBe(200);
    expect([200, 409]).toContain(issued.statusCode);
    if (issued.statusCode === 409) {
      expect((await post(finance, `/api/v1/statements/${draft.id}/recompute`)).statusCode).toBe(200);
      expect((await post(finance, `/api/v1/statements/${draft.id}/issue`)).statusCode).toBe(200);
    } else {
      expect(issued.json().lines.map((l: Line) => l.minutes)).toEqual([420]);
      const next = await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month, supplements: original.id });
      expect(next.statusCode, next.body).toBe(201);
      expect(next.json().lines.map((l: Line) => l.minutes)).toEqual([420]);
      expect((await post(finance, `/api/v1/statements/${next.json().id}/issue`)).statusCode).toBe(200);
    }
    const { billed, worth } = await monthTotals(rate);
    expect(billed).toBe(worth);
    const { rows } = await t.database.db.execute(
      sql`select entry_id, sign, count(*)::int as n from statement_items where is_issued group by 1, 2 having count(*) > 1`,
    );
    expect(rows).toEqual([]);
  });
});
