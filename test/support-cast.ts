/**
 * The demo cast of the support and secondment tests, and the setup they share: the people signed
 * in, the qualification catalogue, the health office's request, Katrin Schulze joining the pool
 * and her HR office confirming her qualification, the declared crisis and the framework
 * agreement. Each test file passes what its assertions depend on (dates, titles, headcount).
 */
import { expect } from "vitest";
import { CONSENT_VERSION } from "../src/modules/pool/consent";
import type { Client, TestApp } from "./app";

/** The demo accounts the support tests act as. */
export const CAST = {
  health: "gesundheitsamt@region-hannover.demo",
  regionHr: "personal@region-hannover.demo",
  wunstorfHr: "personal@wunstorf.demo",
  bauamt: "bauamt@wunstorf.demo",
  katrin: "mitarbeiterin@wunstorf.demo",
  council: "personalrat@wunstorf.demo",
  garbsenHr: "personal@garbsen.demo",
  coordination: "koordination@region-hannover.demo",
} as const;
export type CastMember = keyof typeof CAST;

/** Signs in the named members of the cast, in the order given (a sign-in is an audit entry). */
export async function signInCast<K extends CastMember>(t: TestApp, who: readonly K[]): Promise<Record<K, Client>> {
  const clients = {} as Record<K, Client>;
  for (const member of who) clients[member] = await t.signIn(CAST[member]);
  return clients;
}

export const post = (client: Client, url: string, payload: unknown) =>
  client.request({ method: "POST", url, payload: payload as Record<string, unknown> });

/** A step of a secondment's workflow (with a reason where the step asks for one). */
export const step = (client: Client, id: string, action: string, reason?: string) =>
  post(client, `/api/v1/secondments/${id}/transitions`, reason ? { action, reason } : { action });

/** The qualification catalogue as a lookup: key → id. */
export async function qualificationIds(client: Client): Promise<(key: string) => string> {
  const res = await client.request({ method: "GET", url: "/api/v1/qualifications?limit=200" });
  expect(res.statusCode, res.body).toBe(200);
  const catalogue = res.json().items as Array<{ id: string; key: string }>;
  return (key) => {
    const found = catalogue.find((c) => c.key === key);
    if (!found) throw new Error(`no qualification with key ${key}`);
    return found.id;
  };
}

/** The health office's open request for contact tracing; `over` sets what a test depends on. */
export const requestBody = (over: Record<string, unknown> = {}) => ({
  title: "Kontaktnachverfolgung Gesundheitsamt",
  tasks: "Kontaktpersonen anrufen, Quarantäne anordnen, SORMAS pflegen.",
  headcount: 1,
  startsOn: "2026-12-07",
  endsOn: "2027-01-31",
  hoursPerWeek: 20,
  urgency: "urgent",
  settlementModel: "reimbursement",
  contactName: "Dr. Miriam Okafor",
  contactEmail: "gesundheitsamt@region-hannover.demo",
  status: "open",
  ...over,
});

type Qualifications = Array<{ qualificationId: string; validUntil?: string }>;

/**
 * Katrin Schulze (Wunstorf, Bauordnung) joins the pool with consent. Returns her member id.
 * Default availability: December 2026 through 2027, full time; default travel radius: 50 km.
 */
export async function joinPool(
  katrin: Client,
  qualifications: Qualifications,
  {
    availability = [{ startsOn: "2026-12-01", endsOn: "2027-12-31", hoursPerWeek: 39 }],
    travelRadiusKm = 50,
  }: { availability?: Array<{ startsOn: string; endsOn: string; hoursPerWeek: number }>; travelRadiusKm?: number } = {},
): Promise<string> {
  const joined = await post(katrin, "/api/v1/me/pool-membership", {
    hasConsent: true,
    consentVersion: CONSENT_VERSION,
    jobTitle: "Bauingenieurin",
    employmentStatus: "employee",
    payGroup: "E 11",
    travelRadiusKm,
    qualifications,
    availability,
  });
  expect(joined.statusCode, joined.body).toBe(201);
  return joined.json().id as string;
}

/** The member's HR office confirms the member's qualifications. */
export async function confirmQualifications(hr: Client, memberId: string, qualifications: Qualifications) {
  const confirmed = await hr.request({ method: "PATCH", url: `/api/v1/pool-members/${memberId}`, payload: { qualifications } });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
}

/** The Region's coordination declares the winter crisis. Returns its id. */
export async function declareCrisis(coordination: Client): Promise<string> {
  const crisis = await post(coordination, "/api/v1/crises", {
    name: "Infektionswelle Winter 2026/27",
    description: "Das Gesundheitsamt braucht Verstärkung.",
    startsOn: "2026-11-20",
  });
  expect(crisis.statusCode, crisis.body).toBe(201);
  return crisis.json().id as string;
}

/** The Region's coordination publishes the framework agreement in force since 1 January 2026. */
export async function publishFrameworkAgreement(
  coordination: Client,
  body = "Personalkostensätze nach KGSt, Haftung nach § 3 TVöD, Unfallversicherung über den GUV Hannover.",
) {
  const framework = await post(coordination, "/api/v1/framework-agreements", {
    title: "Rahmenvereinbarung Personalunterstützung Region Hannover",
    body,
    validFrom: "2026-01-01",
  });
  expect(framework.statusCode, framework.body).toBe(201);
}
