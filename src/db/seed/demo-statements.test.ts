/** The demo's statements: what Wunstorf's and the Region's finance find after `npm start`. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/app";
import { seedDemoBillingDetails } from "./demo-billing";
import { seedDemoPool } from "./demo-pool";
import { seedDemoSecondments } from "./demo-secondments";
import { seedDemoBalances } from "./demo-balances";
import { seedDemoStatements, seedDemoSupplement } from "./demo-statements";
import { seedDemoTimesheets } from "./demo-timesheets";

let t: TestApp;
let made: number;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoPool(t.database.db);
  await seedDemoSecondments(t.database.db);
  await seedDemoTimesheets(t.database.db);
  expect(await seedDemoBillingDetails(t.database.db)).toBe(22);
  made = await seedDemoStatements(t.database.db);
  await seedDemoBalances(t.database.db);
});
afterAll(async () => t?.close());

describe("demo statements", () => {
  it("the Region's finance finds an issued statement from the demo hours to acknowledge, and can download its XRechnung", async () => {
    expect(made).toBeGreaterThanOrEqual(1);
    expect(await seedDemoStatements(t.database.db)).toBe(0);
    const region = await t.signIn("kaemmerei@region-hannover.demo");
    const mine = (await region.request({ method: "GET", url: "/api/v1/statements" })).json().items as Array<{
      id: string;
      state: string;
      number: string | null;
      grossCents: number;
      borrower: { name: string };
    }>;
    const issued = mine.find((s) => s.state === "issued")!;
    expect(issued).toMatchObject({ borrower: { name: "Region Hannover" }, number: expect.stringMatching(/^VB-\d{4}-\d\d-0001$/) });
    expect(issued.grossCents).toBeGreaterThan(0);
    // A draft is the lender's: the Region sees only the issued one.
    expect(mine.every((s) => s.state !== "draft")).toBe(true);
    const tasks = (await region.request({ method: "GET", url: "/api/v1/me/tasks" })).json().items as Array<{ kind: string; link: string }>;
    expect(tasks.find((x) => x.kind === "statement_acknowledge")?.link).toBe(`/abrechnungen/${issued.id}`);
    // The demo's XRechnung can be written: every administration has demo billing details.
    const xml = await region.request({ method: "GET", url: `/api/v1/statements/${issued.id}.xml` });
    expect(xml.statusCode, xml.body).toBe(200);
    const details = (await region.request({ method: "GET", url: "/api/v1/billing-details" })).json();
    expect(details).toMatchObject({ isDemo: true, missing: [], leitwegId: expect.stringMatching(/^03241000-0001-\d\d$/) });
  });

  it("Garbsen's finance, the lender of Jana Bode's hours, signs in and finds its issued statement to the Region: a newcomer can bill what she records and corrects", async () => {
    const garbsen = await t.signIn("kaemmerei@garbsen.demo");
    const mine = (await garbsen.request({ method: "GET", url: "/api/v1/statements" })).json() as {
      items: Array<{ state: string; side: string; lender: { name: string }; borrower: { name: string } }>;
      abilities: { create: boolean };
    };
    expect(mine.abilities.create).toBe(true);
    expect(mine.items.find((s) => s.state === "issued")).toMatchObject({
      side: "lender",
      lender: { name: "Garbsen" },
      borrower: { name: "Region Hannover" },
    });
  });

  it("Wunstorf's finance finds a Nachtrag possible for a month four months back: a billed day was corrected after the statement", async () => {
    expect(await seedDemoSupplement(t.database.db)).toBe(1);
    expect(await seedDemoSupplement(t.database.db)).toBe(0);
    const finance = await t.signIn("kaemmerei@wunstorf.demo");
    const tasks = (await finance.request({ method: "GET", url: "/api/v1/me/tasks" })).json().items as Array<{
      kind: string;
      step: { de: string };
      link: string;
    }>;
    const task = tasks.find((x) => x.kind === "statement_supplement");
    expect(task?.step.de).toMatch(/^Nachtrag für Region Hannover, \S+ \d{4} möglich: 1 Korrektur$/);
    const original = (await finance.request({ method: "GET", url: task!.link.replace("/abrechnungen/", "/api/v1/statements/") })).json();
    expect(original).toMatchObject({
      state: "issued",
      number: expect.stringMatching(/-0001$/),
      abilities: { createSupplement: original.id },
    });
    // The Nachtrag is a credit: the correction reduced a billed day.
    const created = await finance.request({
      method: "POST",
      url: "/api/v1/statements",
      payload: { borrowerOrganizationId: original.borrower.id, month: original.month, supplements: original.id },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ isCredit: true, lines: [{ minutes: -465 }, { minutes: 390 }] });
  });
});
