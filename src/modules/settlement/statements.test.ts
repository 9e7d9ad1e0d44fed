/**
 * Statements between administrations through the API, as finance offices use them: Katrin
 * Schulze (Wunstorf, seconded to the Region's Gesundheitsamt under reimbursement) records a week,
 * the Gesundheitsamt's head confirms it; Wunstorf's finance creates, issues and later records
 * payment; the Region's finance acknowledges. The PDF, CSV and XRechnung carry the API's totals;
 * other administrations see nothing; numbers are gapless under parallel issuing.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { addDays, today, weekdayOf } from "../../kernel/dates";
import { decimalEuros, germanEuros, hoursAmountCents } from "../../domain/settlement/money";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { runningSecondment, sender } from "../../../test/active-secondment";
import { CAST } from "../../../test/support-cast";
import { fireTogether, statusCounts } from "../../../test/parallel";
import { createTestDatabase, testDatabaseKind } from "../../../test/db";
import { seedDemoBillingDetails } from "../../db/seed/demo-billing";

let t: TestApp;
let katrin: Client;
let health: Client;
let finance: Client;
let regionFinance: Client;
let regionHr: Client;
let wunstorfHr: Client;
let garbsenHr: Client;
let council: Client;
let secondmentId: string;
let regionId: string;

const lastWeek = () => {
  const now = today();
  const monday = addDays(now, -((weekdayOf(now) + 6) % 7) - 7);
  return [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
};
const week = lastWeek();
const month = week[0].slice(0, 7);

const get = (client: Client, url: string) => client.request({ method: "GET", url });
const post = (client: Client, url: string, payload?: unknown) =>
  client.request({ method: "POST", url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

function tmp(name: string, body: Buffer | string) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "statement-")), name);
  fs.writeFileSync(file, body);
  return file;
}

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 12 }) });
  await seedDemoBillingDetails(t.database.db);
  [katrin, health, finance, regionFinance, regionHr, wunstorfHr, garbsenHr, council] = await Promise.all(
    [
      CAST.katrin,
      CAST.health,
      "kaemmerei@wunstorf.demo",
      "kaemmerei@region-hannover.demo",
      CAST.regionHr,
      CAST.wunstorfHr,
      CAST.garbsenHr,
      CAST.council,
    ].map((login) => t.signIn(login)),
  );
  const bauamt = await t.signIn(CAST.bauamt);
  const coordination = await t.signIn(CAST.coordination);
  ({ id: secondmentId } = await runningSecondment({
    health: sender(health),
    regionHr: sender(regionHr),
    wunstorfHr: sender(wunstorfHr),
    bauamt: sender(bauamt),
    person: sender(katrin),
    council: sender(council),
    coordination: sender(coordination),
  }));
  const recorded = await post(katrin, `/api/v1/secondments/${secondmentId}/timesheets`, {
    days: week.map((day, i) => ({ day, minutes: i === 4 ? 390 : 465 })),
  });
  expect(recorded.statusCode, recorded.body).toBe(201);
  const entryIds = (recorded.json().entries as Array<{ id: string; day: string }>).filter((e) => week.includes(e.day)).map((e) => e.id);
  const confirmed = await post(health, `/api/v1/secondments/${secondmentId}/timesheets/confirmations`, { entryIds });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
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

describe("a statement from confirmed hours to payment", () => {
  let id: string;
  let statement: {
    netCents: number;
    grossCents: number;
    lines: Array<{ kind: string; minutes: number; rateCentsPerHour: number; amountCents: number; rateLabel: string }>;
  };

  it("Wunstorf's finance creates the draft: one line for the week, priced at the pay group's rate of the day with office overhead", async () => {
    const task = (await get(finance, "/api/v1/me/tasks")).json().items as Array<{ kind: string; step: { de: string } }>;
    if (month < today().slice(0, 7))
      expect(task.map((x) => x.step.de)).toContainEqual(expect.stringContaining("an Region Hannover erstellen"));
    const res = await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month });
    expect(res.statusCode, res.body).toBe(201);
    statement = res.json();
    id = res.json().id;
    expect(res.json()).toMatchObject({ state: "draft", number: null, side: "lender", abilities: { issue: true, recompute: true } });
    // A month that has not ended yet may be billed; the answer says so (the page: what is confirmed later needs a Nachtrag).
    expect(res.json().monthRunning).toBe(month === today().slice(0, 7));
    expect(statement.lines).toHaveLength(1);
    const line = statement.lines[0];
    expect(line.minutes).toBe(4 * 465 + 390);
    // The rate is the Kostensätze page's rate of the pay group on those days (office overhead).
    const rates = (await get(finance, `/api/v1/cost-rates?on=${week[0]}&overhead=office`)).json().items as Array<{
      payGroup: string;
      rate: { centsPerHour: number } | null;
    }>;
    const group = rates.find((r) => line.rateLabel.includes(` ${r.payGroup},`));
    expect(group?.rate?.centsPerHour).toBe(line.rateCentsPerHour);
    expect(statement.netCents).toBe(hoursAmountCents(line.minutes, line.rateCentsPerHour));
    expect(statement.grossCents).toBe(statement.netCents);
  });

  it("a second draft for the same pair and month is a 409; the borrower does not see a draft; other administrations get 404", async () => {
    const twice = await post(finance, "/api/v1/statements", { borrowerOrganizationId: regionId, month });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toBeTruthy();
    expect((await get(regionFinance, `/api/v1/statements/${id}`)).statusCode).toBe(404);
    expect((await get(garbsenHr, `/api/v1/statements/${id}`)).statusCode).toBe(404);
    expect((await get(garbsenHr, `/api/v1/statements/${id}.pdf`)).statusCode).toBe(404);
    expect((await get(garbsenHr, "/api/v1/statements")).json().items).toEqual([]);
    // The staff council and the head of department have no part in statements.
    expect((await get(council, "/api/v1/statements")).statusCode).toBe(403);
    expect((await get(council, `/api/v1/statements/${id}`)).statusCode).not.toBe(200);
    expect((await get(health, "/api/v1/statements")).statusCode).toBe(403);
  });

  it("issuing gives the lender's next number; issuing again is a 409 in German and English", async () => {
    const issued = await post(finance, `/api/v1/statements/${id}/issue`);
    expect(issued.statusCode, issued.body).toBe(200);
    expect(issued.json()).toMatchObject({
      state: "issued",
      number: `VB-${month}-0001`,
      abilities: { issue: false, recompute: false, pay: false },
    });
    const again = await finance.request({ method: "POST", url: `/api/v1/statements/${id}/issue`, headers: { "accept-language": "de" } });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Die Abrechnung ist gestellt");
    const en = await finance.request({ method: "POST", url: `/api/v1/statements/${id}/issue`, headers: { "accept-language": "en" } });
    expect(en.body).toContain("The statement is issued");
  });

  it("the PDF, the CSV and the XRechnung carry the API's totals", async () => {
    const gross = statement.grossCents;
    const pdf = await get(finance, `/api/v1/statements/${id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const text = execFileSync("pdftotext", ["-layout", tmp("a.pdf", pdf.rawPayload), "-"], { encoding: "utf8" });
    const euros = `${germanEuros(gross).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} €`;
    expect(text).toMatch(new RegExp(`Gesamtbetrag\\s+${euros.replace(/\./g, "\\.")}`));
    expect(text).toContain(`VB-${month}-0001`);
    expect(text).toContain("nicht steuerbar");
    expect(text).toContain("Kostensätze");

    const csv = await get(finance, `/api/v1/statements/${id}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`;Summe;;Bruttobetrag;;;${germanEuros(gross)}\r\n`);

    const xml = await get(regionFinance, `/api/v1/statements/${id}.xml`);
    expect(xml.statusCode, xml.body).toBe(200);
    const file = tmp("a.xml", xml.body);
    const payable = execFileSync("xmllint", ["--xpath", "string(//*[local-name()='PayableAmount'])", file], { encoding: "utf8" }).trim();
    expect(payable).toBe(decimalEuros(gross));
    const buyerReference = execFileSync("xmllint", ["--xpath", "string(/*/*[local-name()='BuyerReference'])", file], {
      encoding: "utf8",
    }).trim();
    expect(buyerReference).toMatch(/^03241-0001-\d\d$|^03241000-0001-\d\d$/);

    // Each line names its secondment by the short reference both administrations see on the secondment's page (no person's name).
    const reference = (await get(regionFinance, `/api/v1/secondments/${secondmentId}`)).json().reference as string;
    expect(reference).toMatch(/^A-[0-9A-F]{8}$/);
    expect((await get(wunstorfHr, `/api/v1/secondments/${secondmentId}`)).json().reference).toBe(reference);
    const label = (await get(finance, `/api/v1/statements/${id}`)).json().lines[0].caseLabel as string;
    expect(label).toMatch(new RegExp(`^Abordnung ${reference}, \\d\\d\\.\\d\\d\\.\\d{4}–`));
    expect(text.replace(/\s+/g, " ")).toContain(`Abordnung ${reference},`);
    expect(csv.body).toContain(`;Abordnung ${reference},`);
    const lineName = execFileSync(
      "xmllint",
      ["--xpath", "string(//*[local-name()='InvoiceLine']/*[local-name()='Item']/*[local-name()='Name'])", file],
      {
        encoding: "utf8",
      },
    ).trim();
    expect(lineName).toContain(`Abordnung ${reference},`);
  });

  it("without the borrower's Leitweg-ID and the lender's IBAN the XRechnung is a 422 naming both fields", async () => {
    const mine = (await get(regionFinance, "/api/v1/billing-details")).json();
    const { organization: _o, isDemo: _d, updatedAt: _u, missing: _m, abilities: _a, ...values } = mine;
    const saved = await regionFinance.request({ method: "PUT", url: "/api/v1/billing-details", payload: { ...values, leitwegId: "" } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().missing.map((m: { field: string }) => m.field)).toContain("leitwegId");
    const lender = (await get(finance, "/api/v1/billing-details")).json();
    const { organization: _o2, isDemo: _d2, updatedAt: _u2, missing: _m2, abilities: _a2, ...lenderValues } = lender;
    expect(
      (await finance.request({ method: "PUT", url: "/api/v1/billing-details", payload: { ...lenderValues, iban: "" } })).statusCode,
    ).toBe(200);
    const refused = await get(finance, `/api/v1/statements/${id}.xml`);
    expect(refused.statusCode).toBe(422);
    const fields = (refused.json().errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["buyer.leitwegId", "seller.iban"]));
    // A broken IBAN is refused at its field.
    const broken = await finance.request({
      method: "PUT",
      url: "/api/v1/billing-details",
      payload: { ...lenderValues, iban: "DE00 1234" },
    });
    expect(broken.statusCode).toBe(400);
    await regionFinance.request({ method: "PUT", url: "/api/v1/billing-details", payload: values });
    await finance.request({ method: "PUT", url: "/api/v1/billing-details", payload: lenderValues });
  });

  it("the Region's finance acknowledges, it cannot record payment; Wunstorf's finance records payment; every step is audited", async () => {
    const listed = (await get(regionFinance, `/api/v1/statements?state=issued&month=${month}`)).json();
    expect(listed.items.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(listed.items[0]).toMatchObject({ side: "borrower", abilities: { acknowledge: true, pay: false } });
    const tasks = (await get(regionFinance, "/api/v1/me/tasks")).json().items as Array<{ kind: string; link: string }>;
    expect(tasks.find((x) => x.kind === "statement_acknowledge")?.link).toBe(`/abrechnungen/${id}`);
    expect((await post(finance, `/api/v1/statements/${id}/acknowledge`)).statusCode).toBe(409);
    expect((await post(regionFinance, `/api/v1/statements/${id}/acknowledge`)).json()).toMatchObject({ state: "acknowledged" });
    expect((await post(regionFinance, `/api/v1/statements/${id}/payment`)).statusCode).toBe(409);
    expect((await post(finance, `/api/v1/statements/${id}/payment`)).json()).toMatchObject({ state: "paid", abilities: { pay: false } });
    const { rows } = await t.database.db.execute(
      sql`select action, after->>'statementState' as state from audit_events where entity = 'statement' and entity_id = ${id} order by id`,
    );
    expect((rows as Array<{ state: string }>).map((r) => r.state)).toEqual(["draft", "issued", "acknowledged", "paid"]);
  });
});

describe("statement numbers", () => {
  /** Wunstorf (lender) and its region. */
  async function lenderOfFinance() {
    const { rows } = await t.database.db.execute(
      sql`select organization_id as lender, region_id as region from accounts where login = 'kaemmerei@wunstorf.demo'`,
    );
    return rows[0] as { lender: string; region: string };
  }

  /** A one-line draft of Wunstorf to `borrower` for `draftMonth`, written straight to the table. */
  async function insertDraft(borrower: string, draftMonth: string): Promise<string> {
    const { lender, region } = await lenderOfFinance();
    const body = {
      lenderOrganizationId: lender,
      borrowerOrganizationId: "x",
      month: draftMonth,
      periodStart: `${draftMonth}-01`,
      periodEnd: `${draftMonth}-28`,
      lines: [{ kind: "hours", secondmentId: "s", caseLabel: "c", minutes: 60, rateCentsPerHour: 100, rateLabel: "r", amountCents: 100 }],
      excluded: [],
      personnelCents: 100,
      expensesCents: 0,
      netCents: 100,
      vat: { category: "O", percent: 0, amountCents: 0 },
      grossCents: 100,
    };
    const { rows } = await t.database.db.execute(
      sql`insert into statements (region_id, organization_id, borrower_organization_id, month, body, net_cents, vat_cents, gross_cents)
          values (${region}, ${lender}, ${borrower}, ${draftMonth}, ${JSON.stringify(body)}::jsonb, 100, 0, 100) returning id`,
    );
    return (rows[0] as { id: string }).id;
  }

  const otherMunicipalities = async (n: number) =>
    (
      await t.database.db.execute(
        sql`select id from organizations where id not in (select organization_id from accounts where login = 'kaemmerei@wunstorf.demo') and kind = 'municipality' order by ags limit ${n}`,
      )
    ).rows as Array<{ id: string }>;

  it(`drafts issued at the same moment get numbers without gaps or duplicates (${testDatabaseKind})`, async () => {
    const ids: string[] = [];
    for (const o of await otherMunicipalities(8)) ids.push(await insertDraft(o.id, "2026-01"));
    const answers = await fireTogether(
      ids.map((sid) => ({ client: finance, request: { method: "POST", url: `/api/v1/statements/${sid}/issue` } })),
    );
    expect(statusCounts(answers)).toEqual({ 200: ids.length });
    const numbers = answers.map((a) => a.json().number as string).sort();
    expect(numbers).toEqual(ids.map((_, i) => `VB-2026-01-${String(i + 1).padStart(4, "0")}`));
  });

  it(`one draft issued three times at the same moment is issued once, with one number (${testDatabaseKind})`, async () => {
    const [borrower] = await otherMunicipalities(1);
    const sid = await insertDraft(borrower.id, "2026-02");
    const answers = await fireTogether(
      [1, 2, 3].map(() => ({ client: finance, request: { method: "POST" as const, url: `/api/v1/statements/${sid}/issue` } })),
    );
    expect(statusCounts(answers)).toEqual({ 200: 1, 409: 2 });
    expect((await get(finance, `/api/v1/statements/${sid}`)).json().number).toBe("VB-2026-02-0001");
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as n from audit_events where entity = 'statement' and entity_id = ${sid} and after->>'statementState' = 'issued'`,
    );
    expect(rows).toEqual([{ n: 1 }]);
  });
});

describe("billing details saved at the same moment", () => {
  it(`the first save creates them, the others update them; the audit says so (${testDatabaseKind})`, async () => {
    const mine = (await get(garbsenHr, "/api/v1/billing-details")).json();
    const { organization, isDemo: _d, updatedAt: _u, missing: _m, abilities: _a, ...values } = mine;
    await t.database.db.execute(sql`delete from billing_details where organization_id = ${organization.id}`);
    const { rows: marks } = await t.database.db.execute(sql`select coalesce(max(id), 0)::text as last from audit_events`);
    const last = (marks[0] as { last: string }).last;
    const answers = await fireTogether(
      ["Garbsen 1", "Garbsen 2", "Garbsen 3", "Garbsen 4"].map((city) => ({
        client: garbsenHr,
        request: { method: "PUT" as const, url: "/api/v1/billing-details", payload: { ...values, city } },
      })),
    );
    expect(statusCounts(answers)).toEqual({ 200: 4 });
    const { rows } = await t.database.db.execute(sql`select id::text from billing_details where organization_id = ${organization.id}`);
    expect(rows).toHaveLength(1);
    const { rows: audits } = await t.database.db.execute(
      sql`select action, entity_id from audit_events where entity = 'billing_details' and id > ${last}::bigint`,
    );
    expect(audits.map((a) => (a as { action: string }).action).sort()).toEqual(["create", "update", "update", "update"]);
    for (const a of audits) expect((a as { entity_id: string }).entity_id).toBe((rows[0] as { id: string }).id);
  });
});

describe("one draft created at the same moment", () => {
  it(`three creations of the same pair and month give one draft; the others get a 409 (${testDatabaseKind})`, async () => {
    // The pair with confirmed hours is the one the first part billed; its statement makes way.
    const { rows: lenders } = await t.database.db.execute(
      sql`select organization_id as lender from accounts where login = 'kaemmerei@wunstorf.demo'`,
    );
    const lender = (lenders[0] as { lender: string }).lender;
    await t.database.db.execute(
      sql`delete from statements where organization_id = ${lender} and borrower_organization_id = ${regionId} and month = ${month}`,
    );
    const answers = await fireTogether(
      [1, 2, 3].map(() => ({
        client: finance,
        request: { method: "POST" as const, url: "/api/v1/statements", payload: { borrowerOrganizationId: regionId, month } },
      })),
    );
    expect(statusCounts(answers)).toEqual({ 201: 1, 409: 2 });
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect(a.json().detail).toMatch(/bereits eine Abrechnung|a statement for this administration and month already/);
    const id = answers.find((a) => a.statusCode === 201)!.json().id as string;
    const { rows } = await t.database.db.execute(
      sql`select count(*)::int as n from statements where organization_id = ${lender} and borrower_organization_id = ${regionId} and month = ${month}`,
    );
    expect(rows).toEqual([{ n: 1 }]);
    const { rows: audits } = await t.database.db.execute(
      sql`select count(*)::int as n from audit_events where entity = 'statement' and action = 'create' and entity_id = ${id}`,
    );
    expect(audits).toEqual([{ n: 1 }]);
  });
});
