/**
 * A waiver secondment (Kostenverzicht) billed month by month through the API, on the database: the
 * 35 € line (§ 8 Abs. 1 VwVfG analogously) is crossed by Nachträge in both directions — a correction
 * that brings the case's expenses to 35 € or below gives back what was billed (a Gutschrift), one more
 * expense that lifts them above 35 € takes in what was left out. The lender has opted into VAT under
 * § 2b UStG, so the Gutschrift's VAT is negative, and its PDF, CSV and XRechnung carry the API's totals.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { addDays, today } from "../../kernel/dates";
import { decimalEuros, germanEuros } from "../../domain/settlement/money";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { billedSecondment } from "../../../test/active-secondment";
import { createTestDatabase } from "../../../test/db";
import { seedDemoBillingDetails } from "../../db/seed/demo-billing";

let t: TestApp;
let katrin: Client;
let health: Client;
let finance: Client;
let regionFinance: Client;
let secondmentId: string;
let regionId: string;

// Last month, wholly within the secondment (it began on the first of last month).
const now = today();
const month = addDays(`${now.slice(0, 7)}-01`, -1).slice(0, 7);
const startedDaysAgo = Math.round((Date.parse(now) - Date.parse(`${month}-01`)) / 86_400_000);
const days = [2, 3, 4].map((d) => `${month}-0${d}`);

const get = (client: Client, url: string) => client.request({ method: "GET", url });
const post = (client: Client, url: string, payload?: unknown) =>
  client.request({ method: "POST", url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

type View = {
  id: string;
  number: string | null;
  state: string;
  netCents: number;
  grossCents: number;
  isCredit: boolean;
  vat: { category: string; percent: number; amountCents: number };
  lines: Array<{ kind: string; amountCents: number }>;
};

function tmp(name: string, body: Buffer | string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "waiver-")), name);
  fs.writeFileSync(file, body);
  return file;
}

const expensesOf = async () =>
  (await get(health, `/api/v1/secondments/${secondmentId}/expenses?month=${month}`)).json().items as Array<{
    id: string;
    day: string;
    amountCents: number;
    state: string;
  }>;

async function recordAndConfirm(day: string, amountCents: number) {
  const recorded = await post(katrin, `/api/v1/secondments/${secondmentId}/expenses`, { day, kind: "travel", amountCents });
  expect(recorded.statusCode, recorded.body).toBe(201);
  const open = (await expensesOf()).find((e) => e.day === day && e.state === "recorded")!;
  const confirmed = await post(health, `/api/v1/secondments/${secondmentId}/expenses/${open.id}/confirm`);
  expect(confirmed.statusCode, confirmed.body).toBe(200);
}

/** Creates the month's statement (a Nachtrag when `original` is given) and issues it. */
async function bill(original?: string): Promise<View> {
  const created = await post(finance, "/api/v1/statements", {
    borrowerOrganizationId: regionId,
    month,
    ...(original ? { supplements: original } : {}),
  });
  expect(created.statusCode, created.body).toBe(201);
  const issued = await post(finance, `/api/v1/statements/${created.json().id}/issue`);
  expect(issued.statusCode, issued.body).toBe(200);
  return issued.json();
}

/** Σ net of the month's issued statements. */
const billedNet = async () =>
  ((await get(finance, `/api/v1/statements?month=${month}`)).json().items as View[])
    .filter((s) => s.state !== "draft")
    .reduce((a, s) => a + s.netCents, 0);

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase() });
  await seedDemoBillingDetails(t.database.db);
  ({ katrin, health, finance, regionFinance, secondmentId } = await billedSecondment(t, startedDaysAgo));
  // The agreement waives personnel costs (the walk agrees on reimbursement); Wunstorf charges VAT under § 2b UStG.
  await t.database.db.execute(sql`update secondments set settlement_model = 'waiver' where id = ${secondmentId}`);
  const lender = (await get(finance, "/api/v1/me")).json().organization.id as string;
  await t.database.db.execute(
    sql`update billing_details set vat = 'section_2b', vat_id = 'DE123456788', tax_number = '23/456/78901' where organization_id = ${lender}`,
  );
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

describe("a waiver secondment's expenses across the 35 € line, with § 2b VAT", () => {
  let original: View;

  it("40 € of expenses are billed in full, with 19 % VAT", async () => {
    await recordAndConfirm(days[0], 4000);
    original = await bill();
    expect(original).toMatchObject({ netCents: 4000, vat: { category: "S", percent: 19, amountCents: 760 }, grossCents: 4760 });
  });

  it("corrected down to 30 €, the case is no longer above 35 €: the Nachtrag gives back all 40 € — a Gutschrift with negative VAT whose PDF, CSV and XRechnung carry the API's totals", async () => {
    const [confirmed] = (await expensesOf()).filter((e) => e.state === "confirmed");
    const corrected = await post(katrin, `/api/v1/secondments/${secondmentId}/expenses/${confirmed.id}/correct`, {
      amountCents: 3000,
      reason: "Nur eine Fahrt.",
    });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const correction = (await expensesOf()).find((e) => e.state === "recorded")!;
    expect((await post(health, `/api/v1/secondments/${secondmentId}/expenses/${correction.id}/confirm`)).statusCode).toBe(200);

    const credit = await bill(original.id);
    expect(credit).toMatchObject({ isCredit: true, netCents: -4000, vat: { category: "S", amountCents: -760 }, grossCents: -4760 });
    expect(await billedNet()).toBe(0);

    const pdf = await get(finance, `/api/v1/statements/${credit.id}.pdf`);
    const text = execFileSync("pdftotext", ["-layout", tmp("c.pdf", pdf.rawPayload), "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(text).toContain("Nettobetrag −40,00 €");
    expect(text).toContain("Umsatzsteuer 19 % −7,60 €");
    expect(text).toContain("Gesamtbetrag (Gutschrift) −47,60 €");

    const csv = (await get(finance, `/api/v1/statements/${credit.id}.csv`)).body;
    expect(csv).toContain(`;Summe;;Nettobetrag;;;${germanEuros(-4000)}\r\n`);
    expect(csv).toContain(`;Summe;;Bruttobetrag;;;${germanEuros(-4760)}\r\n`);

    const xml = await get(regionFinance, `/api/v1/statements/${credit.id}.xml`);
    expect(xml.statusCode, xml.body).toBe(200);
    const file = tmp("c.xml", xml.body);
    execFileSync("xmllint", ["--noout", file]);
    const x = (p: string) => execFileSync("xmllint", ["--xpath", `string(${p})`, file], { encoding: "utf8" }).trim();
    expect(x("/*/*[local-name()='TaxTotal']/*[local-name()='TaxAmount']")).toBe(decimalEuros(-760));
    expect(x("//*[local-name()='LegalMonetaryTotal']/*[local-name()='TaxExclusiveAmount']")).toBe(decimalEuros(-4000));
    expect(x("//*[local-name()='LegalMonetaryTotal']/*[local-name()='TaxInclusiveAmount']")).toBe(decimalEuros(-4760));
    expect(x("//*[local-name()='LegalMonetaryTotal']/*[local-name()='PayableAmount']")).toBe(decimalEuros(-4760));
    expect(x("/*/*[local-name()='InvoiceTypeCode']")).toBe("384");
  });

  it("one more 10 € expense lifts the case to 40 € again: the next Nachtrag takes in the 30 € left out and the 10 €", async () => {
    await recordAndConfirm(days[1], 1000);
    const supplement = await bill(original.id);
    expect(supplement).toMatchObject({ isCredit: false, netCents: 4000, vat: { amountCents: 760 }, grossCents: 4760 });
    // All statements of the month together bill what is in force: 40 € above the line, billed whole.
    expect(await billedNet()).toBe(4000);
    // Nothing is left for another Nachtrag.
    const none = await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month, supplements: original.id });
    expect(none.statusCode).toBe(422);
  });
});
