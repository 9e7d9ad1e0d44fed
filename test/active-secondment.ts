/**
 * A running secondment of a Wunstorf employee (Katrin Schulze in the API tests) at the
 * Gesundheitsamt of the Region Hannover, walked through the real API by each party in turn: a
 * request that began three weeks ago, the person joining the pool, the offer, release (by the head
 * of Bauordnung), approval, the person's acceptance, the staff council's consent,
 * the agreement, onboarding and the start. Shared by the hours tests and the browser test (which
 * sends through `fetch`), so both start from the same state a real path leads to.
 */
import { CONSENT_VERSION } from "../src/modules/pool/consent";
import { addDays, today } from "../src/kernel/dates";
import type { Client, TestApp } from "./app";
import { CAST } from "./support-cast";

/** One answer as the walk needs it. */
export interface Answer {
  status: number;
  body: string;
}
/** Sends a request as one account. */
export type Send = (method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: unknown) => Promise<Answer>;

/** A test client as a {@link Send}. */
export const sender =
  (client: Client): Send =>
  async (method, url, payload) => {
    const res = await client.request({ method, url, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    return { status: res.statusCode, body: res.body };
  };

/** The accounts the walk acts as. */
export interface Walkers {
  health: Send;
  regionHr: Send;
  wunstorfHr: Send;
  bauamt: Send;
  /** The Wunstorf employee (of Bauordnung) who is seconded. */
  person: Send;
  council: Send;
  coordination: Send;
}

/** The walkers from signed-in test clients (the seconded person is Katrin Schulze's client). */
export const walkersOf = (c: Record<Exclude<keyof Walkers, "person"> | "katrin", Client>): Walkers => ({
  health: sender(c.health),
  regionHr: sender(c.regionHr),
  wunstorfHr: sender(c.wunstorfHr),
  bauamt: sender(c.bauamt),
  person: sender(c.katrin),
  council: sender(c.council),
  coordination: sender(c.coordination),
});

async function ok(answer: Promise<Answer>, what: string): Promise<any> {
  const a = await answer;
  if (a.status >= 300) throw new Error(`${what}: ${a.status} ${a.body}`);
  return a.body ? JSON.parse(a.body) : null;
}

/**
 * Walks the person's secondment to `active`, started `startedDaysAgo` days ago (default 21) and
 * ending `endsInDays` days from today (default 60; under three months in all needs no hearing), and
 * returns its id and period.
 */
export async function runningSecondment(
  w: Walkers,
  startedDaysAgo = 21,
  /** The overhead surcharge the lending HR office states before the agreement (default: the framework's office rate). */
  overhead?: { kind: string; percent?: number },
  endsInDays = 60,
): Promise<{ id: string; startsOn: string; endsOn: string }> {
  const now = today();
  const startsOn = addDays(now, -startedDaysAgo);
  const endsOn = addDays(now, endsInDays);
  const catalogue = (await ok(w.health("GET", "/api/v1/qualifications?limit=200"), "qualifications")).items as Array<{
    id: string;
    key: string;
  }>;
  const tracing = catalogue.find((c) => c.key === "kontaktnachverfolgung")!.id;
  const frameworks = await ok(w.coordination("GET", "/api/v1/framework-agreements"), "framework agreements");
  if ((frameworks.items ?? frameworks).length === 0)
    await ok(
      w.coordination("POST", "/api/v1/framework-agreements", {
        title: "Rahmenvereinbarung Personalunterstützung Region Hannover",
        body: "Personalkostensätze nach KGSt, Haftung nach § 3 TVöD, Unfallversicherung über den GUV Hannover.",
        validFrom: `${startsOn.slice(0, 4)}-01-01`,
      }),
      "framework agreement",
    );
  // The request is the Gesundheitsamt's: its head confirms the hours.
  const me = await ok(w.health("GET", "/api/v1/me"), "the head's account");
  const request = await ok(
    w.health("POST", "/api/v1/support-requests", {
      departmentId: me.department.id,
      title: "Kontaktnachverfolgung Winter",
      tasks: "Kontaktpersonen anrufen, Quarantäne anordnen, SORMAS pflegen.",
      headcount: 1,
      startsOn,
      endsOn,
      hoursPerWeek: 39,
      urgency: "urgent",
      settlementModel: "reimbursement",
      contactName: "Dr. Miriam Okafor",
      contactEmail: "gesundheitsamt@region-hannover.demo",
      requiredQualificationIds: [tracing],
      status: "open",
    }),
    "request",
  );
  const member = await ok(
    w.person("POST", "/api/v1/me/pool-membership", {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      jobTitle: "Bauingenieurin",
      employmentStatus: "employee",
      payGroup: "E 11",
      travelRadiusKm: 50,
      qualifications: [{ qualificationId: tracing }],
      availability: [{ startsOn: addDays(startsOn, -7), endsOn: addDays(endsOn, 30), hoursPerWeek: 39 }],
    }),
    "join the pool",
  );
  await ok(
    w.wunstorfHr("PATCH", `/api/v1/pool-members/${member.id}`, { qualifications: [{ qualificationId: tracing }] }),
    "confirm qualification",
  );
  const offer = await ok(w.wunstorfHr("POST", `/api/v1/support-requests/${request.id}/offers`, { memberId: member.id }), "offer");
  const id = offer.id as string;
  const step = (who: Send, action: string) => ok(who("POST", `/api/v1/secondments/${id}/transitions`, { action }), action);
  await step(w.bauamt, "release");
  await step(w.wunstorfHr, "approve");
  if (overhead) await ok(w.wunstorfHr("PUT", `/api/v1/secondments/${id}/overhead`, overhead), "overhead");
  await step(w.person, "accept");
  await step(w.council, "council_consent");
  await step(w.regionHr, "confirm");
  await step(w.regionHr, "begin_onboarding");
  await ok(
    w.wunstorfHr("PATCH", `/api/v1/secondments/${id}/onboarding`, { items: [{ key: "device", status: "done" }] }),
    "lender's onboarding",
  );
  await ok(
    w.regionHr("PATCH", `/api/v1/secondments/${id}/onboarding`, {
      items: ["it_account", "workplace", "briefing"].map((key) => ({ key, status: "done" })),
    }),
    "borrower's onboarding",
  );
  await step(w.regionHr, "activate");
  return { id, startsOn, endsOn };
}

/** Who acts on a billed secondment: the person, the borrowing head, and both finance offices. */
export interface BillingCast {
  katrin: Client;
  health: Client;
  /** Wunstorf's Kämmerei (the lender's finance office). */
  finance: Client;
  /** The Region's Kämmerei (the borrower's finance office). */
  regionFinance: Client;
  secondmentId: string;
}

/**
 * Signs in whoever walks Katrin Schulze's secondment and both finance offices, and walks it to
 * running: started `startedDaysAgo` days ago, ending in `endsInDays` days.
 */
export async function billedSecondment(t: TestApp, startedDaysAgo: number, endsInDays = 14): Promise<BillingCast> {
  const [katrin, health, finance, regionFinance, regionHr, wunstorfHr, council, bauamt, coordination] = await Promise.all(
    [
      CAST.katrin,
      CAST.health,
      "kaemmerei@wunstorf.demo",
      "kaemmerei@region-hannover.demo",
      CAST.regionHr,
      CAST.wunstorfHr,
      CAST.council,
      CAST.bauamt,
      CAST.coordination,
    ].map((login) => t.signIn(login)),
  );
  const walkers = walkersOf({ health, regionHr, wunstorfHr, bauamt, katrin, council, coordination });
  const { id } = await runningSecondment(walkers, startedDaysAgo, undefined, endsInDays);
  return { katrin, health, finance, regionFinance, secondmentId: id };
}
