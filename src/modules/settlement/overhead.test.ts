/**
 * The overhead surcharge of a secondment's agreement (issue #16): the lending HR office states it
 * until the borrower confirms the agreement, both sides read it on the secondment and in the
 * agreement PDF, and statements price every day with it and say which one applied. On PostgreSQL
 * a change and the confirmation race; what the borrower confirmed is what stays.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { runningSecondment, walkersOf } from "../../../test/active-secondment";
import { post, qualificationIds, requestBody, signInCast, step } from "../../../test/support-cast";
import { fireTogether } from "../../../test/parallel";
import { createTestDatabase } from "../../../test/db";
import { seedDemoBillingDetails } from "../../db/seed/demo-billing";
import { auditEvents } from "../audit/audit.tables";
import { CONSENT_VERSION } from "../pool/consent";
import { addDays, today, weekdayOf } from "../../kernel/dates";
import { hoursAmountCents } from "../../domain/settlement/money";

let t: TestApp;
let c: Record<"health" | "regionHr" | "wunstorfHr" | "bauamt" | "katrin" | "council" | "garbsenHr" | "coordination", Client>;
let finance: Client;
let qualificationId: string;
const day = (n: number) => addDays(today(), n);

const view = async (client: Client, id: string) => (await client.request({ method: "GET", url: `/api/v1/secondments/${id}` })).json();
const putOverhead = (client: Client, id: string, payload: unknown, lang = "de") =>
  client.request({
    method: "PUT",
    url: `/api/v1/secondments/${id}/overhead`,
    payload: payload as Record<string, unknown>,
    headers: { "accept-language": lang },
  });

function pdfText(body: Buffer) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "overhead-")), "a.pdf");
  fs.writeFileSync(file, body);
  return execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
}

/** A Wunstorf pool member (without an account: the HR office accepts for her) offered to a new request of the Gesundheitsamt. */
async function offered(name: string) {
  const member = await post(c.wunstorfHr, "/api/v1/pool-members", {
    hasConsent: true,
    consentVersion: CONSENT_VERSION,
    name,
    workEmail: `${name.split(" ")[0].toLowerCase()}.${name.split(" ")[1].toLowerCase()}@wunstorf.de`,
    jobTitle: "Verwaltungsfachangestellte",
    employmentStatus: "employee",
    payGroup: "E 8",
    departmentId: null,
    travelRadiusKm: 60,
    qualifications: [{ qualificationId }],
    availability: [{ startsOn: day(-10), endsOn: day(400), hoursPerWeek: 39 }],
  });
  expect(member.statusCode, member.body).toBe(201);
  const departmentId = (await c.health.request({ method: "GET", url: "/api/v1/me" })).json().department.id as string;
  const req = await post(
    c.health,
    "/api/v1/support-requests",
    requestBody({
      title: `Unterstützung ${name}`,
      departmentId,
      requiredQualificationIds: [qualificationId],
      startsOn: day(20),
      endsOn: day(50),
    }),
  );
  expect(req.statusCode, req.body).toBe(201);
  const res = await post(c.wunstorfHr, `/api/v1/support-requests/${req.json().id}/offers`, { memberId: member.json().id });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Walks an offered secondment to `accepted`: the borrower's confirmation is next. */
async function toAccepted(id: string) {
  for (const [client, action] of [
    [c.wunstorfHr, "release"],
    [c.wunstorfHr, "approve"],
    [c.wunstorfHr, "accept"],
  ] as const) {
    const res = await step(client, id, action);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }
  if ((await view(c.wunstorfHr, id)).state === "staff_council") expect((await step(c.council, id, "council_consent")).statusCode).toBe(200);
  expect((await view(c.wunstorfHr, id)).state).toBe("accepted");
}

beforeAll(async () => {
  t = await buildTestApp({ database: await createTestDatabase({ poolSize: 12 }) });
  await seedDemoBillingDetails(t.database.db);
  c = await signInCast(t, ["health", "regionHr", "wunstorfHr", "bauamt", "katrin", "council", "garbsenHr", "coordination"]);
  finance = await t.signIn("kaemmerei@wunstorf.demo");
  qualificationId = (await qualificationIds(c.health))("kontaktnachverfolgung");
}, 120_000);
afterAll(async () => {
  await t?.close();
  await t?.database.close();
});

describe("the agreement's overhead on the secondment", () => {
  let id: string;

  it("is the framework agreement's office rate until the lending HR office states another; only it may, the borrower reads it", async () => {
    id = await offered("Nora Brandt");
    const lender = await view(c.wunstorfHr, id);
    expect(lender.overhead).toEqual({
      kind: "office",
      percent: 20,
      words: { de: "20 % (Büroarbeitsplatz, Rahmenvereinbarung)", en: "20 % (office workplace, framework agreement)" },
    });
    expect(lender.abilities.editOverhead).toBe(true);
    expect((await view(c.regionHr, id)).abilities.editOverhead).toBe(false);

    expect((await putOverhead(c.regionHr, id, { kind: "none" })).statusCode).toBe(403);
    expect((await putOverhead(c.garbsenHr, id, { kind: "none" })).statusCode).toBe(404);
    expect((await putOverhead(c.bauamt, id, { kind: "none" })).statusCode).toBe(403);

    const saved = await putOverhead(c.wunstorfHr, id, { kind: "agreed", percent: 12.5 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().overhead).toEqual({
      kind: "agreed",
      percent: 12.5,
      words: { de: "12,5 % (abweichend vereinbart)", en: "12.5 % (agreed in deviation)" },
    });
    expect((await view(c.regionHr, id)).overhead.words.de).toBe("12,5 % (abweichend vereinbart)");
    const other = await putOverhead(c.wunstorfHr, id, { kind: "other" });
    expect(other.json().overhead).toMatchObject({ kind: "other", percent: 15 });
    const none = await putOverhead(c.wunstorfHr, id, { kind: "none" });
    expect(none.json().overhead.words.de).toBe("0 % (Arbeitsplatz stellt die aufnehmende Verwaltung)");

    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.entity, "secondment_overhead")));
    expect(audit.map((a) => (a.after as { overhead: string }).overhead)).toEqual(["agreed", "other", "none"]);
  });

  it("refuses a percentage outside 0–100 or with more than two decimals, in plain German and English, never a 5xx", async () => {
    for (const payload of [
      { kind: "agreed", percent: 100.5 },
      { kind: "agreed", percent: -1 },
      { kind: "agreed", percent: 12.345 },
      { kind: "agreed", percent: "zwölf" },
      { kind: "agreed" },
      { kind: "office", percent: 12 },
      { kind: "desk" },
      {},
    ]) {
      const res = await putOverhead(c.wunstorfHr, id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const de = await putOverhead(c.wunstorfHr, id, { kind: "agreed", percent: 12.345 });
    expect(de.json().errors[0]).toMatchObject({ field: "percent" });
    expect(de.json().errors[0].message.de).toContain("höchstens zwei Nachkommastellen");
    expect((await putOverhead(c.wunstorfHr, id, { kind: "agreed", percent: 0 })).statusCode).toBe(200);
    expect((await putOverhead(c.wunstorfHr, id, { kind: "agreed", percent: 100 })).statusCode).toBe(200);
    expect((await putOverhead(c.wunstorfHr, id, { kind: "agreed", percent: 7.25 })).json().overhead.percent).toBe(7.25);
  });

  it("is printed in the agreement and fixed once the borrower confirmed it", async () => {
    await toAccepted(id);
    const pdf = await c.regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}/agreement.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdfText(pdf.rawPayload)).toContain("Verwaltungskostenzuschlag 7,25 % (abweichend vereinbart)");
    expect((await step(c.regionHr, id, "confirm")).statusCode).toBe(200);
    expect((await view(c.wunstorfHr, id)).abilities.editOverhead).toBe(false);
    const late = await putOverhead(c.wunstorfHr, id, { kind: "office" });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain("Die Vereinbarung ist abgeschlossen");
    expect((await putOverhead(c.wunstorfHr, id, { kind: "office" }, "en")).json().detail).toContain("has been concluded");
    expect((await view(c.regionHr, id)).overhead.percent).toBe(7.25);
  });

  it("a change racing the confirmation: what the borrower confirmed is what stays", async () => {
    const ids: string[] = [];
    for (const name of ["Ole Anders", "Pia Berg", "Rolf Claas", "Sina Dorn", "Timo Eck", "Ute Fink"]) {
      const sid = await offered(name);
      await toAccepted(sid);
      ids.push(sid);
    }
    const answers = await fireTogether(
      ids.flatMap((sid) => [
        {
          client: c.wunstorfHr,
          request: { method: "PUT" as const, url: `/api/v1/secondments/${sid}/overhead`, payload: { kind: "agreed", percent: 9 } },
        },
        {
          client: c.regionHr,
          request: { method: "POST" as const, url: `/api/v1/secondments/${sid}/transitions`, payload: { action: "confirm" } },
        },
      ]),
    );
    for (const [i, sid] of ids.entries()) {
      const [change, confirm] = [answers[2 * i], answers[2 * i + 1]];
      expect(confirm.statusCode, confirm.body).toBe(200);
      expect([200, 409]).toContain(change.statusCode);
      const after = await view(c.regionHr, sid);
      expect(after.state).toBe("agreed");
      expect(after.overhead.kind).toBe(change.statusCode === 200 ? "agreed" : "office");
      // The confirmation records the terms it read under the row lock: they are the ones that stay.
      const [confirmed] = await t.database.db
        .select({ after: auditEvents.after })
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, sid), sql`${auditEvents.after}->>'action' = 'confirm'`));
      expect((confirmed.after as { overhead: string }).overhead).toBe(after.overhead.kind);
    }
  }, 120_000);
});

describe("statements price the hours with the agreed overhead", () => {
  it("12,5 % agreed: the line's rate is the rate without overhead plus 12,5 %, and the line, CSV and PDF say which overhead applied", async () => {
    const { id } = await runningSecondment(walkersOf(c), 21, { kind: "agreed", percent: 12.5 });
    const now = today();
    const monday = addDays(now, -((weekdayOf(now) + 6) % 7) - 7);
    const week = [0, 1, 2, 3, 4].map((i) => addDays(monday, i));
    const recorded = await post(c.katrin, `/api/v1/secondments/${id}/timesheets`, { days: week.map((d) => ({ day: d, minutes: 465 })) });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const entryIds = (recorded.json().entries as Array<{ id: string; day: string }>).filter((e) => week.includes(e.day)).map((e) => e.id);
    expect((await post(c.health, `/api/v1/secondments/${id}/timesheets/confirmations`, { entryIds })).statusCode).toBe(200);
    const s = await view(c.wunstorfHr, id);
    const month = week[0].slice(0, 7);
    const created = await post(finance, "/api/v1/statements", { borrowerOrganizationId: s.borrower.id, month });
    expect(created.statusCode, created.body).toBe(201);
    const lines = created.json().lines as Array<{ minutes: number; rateCentsPerHour: number; amountCents: number; rateLabel: string }>;
    const mine = lines.filter((l) => l.rateLabel?.includes("E 11"));
    expect(mine.length).toBeGreaterThan(0);
    for (const line of mine) {
      expect(line.rateLabel).toContain("Verwaltungskostenzuschlag 12,5 % (abweichend vereinbart)");
      // By hand: the E 11 rate of the day without overhead, plus 12,5 % of it rounded half up once.
      const lastDay = week.filter((d) => d.slice(0, 7) === month).at(-1)!;
      const rates = (await c.wunstorfHr.request({ method: "GET", url: `/api/v1/cost-rates?on=${lastDay}&overhead=none` })).json()
        .items as Array<{
        payGroup: string;
        rate: { centsPerHour: number } | null;
      }>;
      const base = rates.find((r) => r.payGroup === "E 11")!.rate!.centsPerHour;
      expect(line.rateCentsPerHour).toBe(base + Math.floor((base * 1250 + 5000) / 10000));
      expect(line.amountCents).toBe(hoursAmountCents(line.minutes, line.rateCentsPerHour));
    }
    const sid = created.json().id as string;
    const csv = await finance.request({ method: "GET", url: `/api/v1/statements/${sid}.csv` });
    expect(csv.body).toContain("Verwaltungskostenzuschlag 12,5 % (abweichend vereinbart)");
    const pdf = await finance.request({ method: "GET", url: `/api/v1/statements/${sid}.pdf` });
    expect(pdfText(pdf.rawPayload)).toContain("12,5 % (abweichend vereinbart)");
    expect((await post(finance, `/api/v1/statements/${sid}/issue`, {})).statusCode).toBe(200);
    const xml = await finance.request({ method: "GET", url: `/api/v1/statements/${sid}.xml` });
    expect(xml.statusCode, xml.body).toBe(200);
    expect(xml.body).toContain("Verwaltungskostenzuschlag 12,5 % (abweichend vereinbart)");
    const agreement = await c.regionHr.request({ method: "GET", url: `/api/v1/secondments/${id}/agreement.pdf` });
    expect(pdfText(agreement.rawPayload)).toContain("Verwaltungskostenzuschlag 12,5 % (abweichend vereinbart)");
  }, 120_000);
});
