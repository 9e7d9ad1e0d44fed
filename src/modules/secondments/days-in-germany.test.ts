/**
 * Days as the administrations count them: "today" is the date in Germany, not in UTC, and a
 * staff council's deadline counts the working days of the lending administration's state. The
 * server's clock is set (only `Date`; timers run as usual) to the hour after midnight in Berlin,
 * which is still the day before in UTC.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { buildTestApp, type TestApp } from "../../../test/app";
import { addDays } from "../../kernel/dates";
import { organizations } from "../organizations/organizations.tables";
import { confirmQualifications, joinPool, post, qualificationIds, requestBody, signInCast, step } from "../../../test/support-cast";

let t: TestApp;

/** Sets the server's clock; sign in after it, so that sessions are as old as the clock says. */
const setClock = (instant: string) => vi.useFakeTimers({ toFake: ["Date"], now: new Date(instant) });

beforeAll(async () => {
  t = await buildTestApp();
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => t?.close());

describe("today is the date in Germany", () => {
  it("at 00:30 on 1 January in Hanover (23:30 UTC) the framework agreement valid from 1 January is in force", async () => {
    setClock("2026-12-31T23:30:00Z");
    const coordination = await t.signIn("koordination@region-hannover.demo");
    for (const [title, validFrom] of [
      ["Rahmenvereinbarung 2026", "2026-01-01"],
      ["Rahmenvereinbarung 2027", "2027-01-01"],
    ]) {
      const created = await post(coordination, "/api/v1/framework-agreements", {
        title,
        body: "Personalkostensätze nach KGSt.",
        validFrom,
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const list = await coordination.request({ method: "GET", url: "/api/v1/framework-agreements" });
    expect(list.statusCode).toBe(200);
    const inForce = list.json().items.filter((a: { isInForce: boolean }) => a.isInForce);
    expect(inForce.map((a: { title: string }) => a.title)).toEqual(["Rahmenvereinbarung 2027"]);
  });

  it("the staff council's deadline counts ten working days of Lower Saxony from the day in Germany", async () => {
    // Tuesday 5 January 2027, 23:30 UTC: Wednesday 6 January in Hanover (a working day in Lower
    // Saxony, unlike Bavaria). Ten working days after it: 7., 8., 11.–15., 18.–20. January.
    setClock("2027-01-05T23:30:00Z");
    expect(await councilDeadlineOfAcceptance(t)).toBe("2027-01-20");
  });
});

describe("working days are those of the lending administration's state", () => {
  it("a Bavarian lender's staff council does not count Heilige Drei Könige (6 January), a Lower Saxon one does", async () => {
    // Monday 4 January 2027, noon. Lower Saxony: 5.–8., 11.–15., 18. → 18 January; Bavaria: the
    // 6th is a holiday there → 19 January. (The hand-written Lower Saxony calendar said 18th for both.)
    const bavarian = await buildTestApp();
    try {
      // Wunstorf moves to Bavaria for this test: its AGS key now starts with 09.
      await bavarian.database.db.update(organizations).set({ ags: "09162000" }).where(eq(organizations.name, "Wunstorf"));
      setClock("2027-01-04T12:00:00Z");
      expect(await councilDeadlineOfAcceptance(bavarian)).toBe("2027-01-19");
    } finally {
      await bavarian.close();
    }
    setClock("2027-01-04T12:00:00Z");
    expect(await councilDeadlineOfAcceptance(t, "2027-04-01")).toBe("2027-01-18");
  });
});

/**
 * Katrin Schulze of Wunstorf joins the pool, is offered to the Region's health office for a
 * request starting `startsOn`, and accepts once released and approved: the secondment goes to the
 * staff council. Returns the council's deadline. Sign-ins follow the clock already set.
 */
async function councilDeadlineOfAcceptance(app: TestApp, startsOn = "2027-02-01"): Promise<string> {
  const { health, wunstorfHr, bauamt, katrin } = await signInCast(app, ["health", "wunstorfHr", "bauamt", "katrin"]);
  const qualificationId = (await qualificationIds(health))("bauantragspruefung");
  const existing = (await katrin.request({ method: "GET", url: "/api/v1/me/pool-membership" })).json().member as { id: string } | null;
  let memberId: string;
  if (existing) {
    memberId = existing.id;
  } else {
    memberId = await joinPool(katrin, [{ qualificationId }], {
      availability: [{ startsOn: "2027-01-01", endsOn: "2027-12-31", hoursPerWeek: 39 }],
    });
    await confirmQualifications(wunstorfHr, memberId, [{ qualificationId }]);
  }
  const request = await post(
    health,
    "/api/v1/support-requests",
    requestBody({
      title: "Bauanträge nach dem Hochwasser",
      tasks: "Bauanträge prüfen.",
      startsOn,
      endsOn: addDays(startsOn, 50),
      requiredQualificationIds: [qualificationId],
    }),
  );
  expect(request.statusCode, request.body).toBe(201);
  const offered = await post(wunstorfHr, `/api/v1/support-requests/${request.json().id}/offers`, { memberId });
  expect(offered.statusCode, offered.body).toBe(201);
  const id = offered.json().id as string;
  expect((await step(bauamt, id, "release")).json().state).toBe("released");
  expect((await step(wunstorfHr, id, "approve")).json().state).toBe("approved");
  const accepted = (await step(katrin, id, "accept")).json();
  expect(accepted.state, JSON.stringify(accepted)).toBe("staff_council");
  return accepted.councilDeadline;
}
