import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { CONSENT_VERSION } from "../pool/consent";
import { qualificationIds, requestBody, signInCast } from "../../../test/support-cast";

// The staff council decides independently of the employer: nobody decides a council step of a
// secondment in which they took a step for the employer, or which concerns themselves.
let t: TestApp;
let health: Client;
let wunstorfHr: Client;
let bauamt: Client;
let council: Client;
let qualificationId: string;
let bauordnungId: string;
let requestId: string;
const PASSWORD = "ein-langes-startpasswort-2026";

async function call(client: Client, method: "POST" | "PATCH" | "GET", url: string, payload?: Record<string, unknown>, status = 200) {
  const res = await client.request({ method, url, payload });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}
const step = (client: Client, id: string, action: string, status = 200) =>
  call(client, "POST", `/api/v1/secondments/${id}/transitions`, { action }, status);

async function newAccount(login: string, roles: string[]) {
  const created = await call(
    wunstorfHr,
    "POST",
    "/api/v1/accounts",
    { login, displayName: login.split("@")[0], roles, initialPassword: PASSWORD, departmentId: bauordnungId },
    201,
  );
  return { id: created.id as string, client: await t.signIn(login, PASSWORD) };
}

async function newMember(name: string) {
  const member = await call(
    wunstorfHr,
    "POST",
    "/api/v1/pool-members",
    {
      hasConsent: true,
      consentVersion: CONSENT_VERSION,
      name,
      workEmail: `${name.split(" ")[0].toLowerCase()}@wunstorf.demo`,
      jobTitle: "Bauingenieur",
      employmentStatus: "employee",
      payGroup: "E 11",
      departmentId: bauordnungId,
      travelRadiusKm: 80,
      qualifications: [{ qualificationId }],
      availability: [{ startsOn: "2026-12-01", endsOn: "2027-12-31", hoursPerWeek: 39 }],
    },
    201,
  );
  return member.id as string;
}

beforeAll(async () => {
  t = await buildTestApp();
  ({ health, wunstorfHr, bauamt, council } = await signInCast(t, ["health", "wunstorfHr", "bauamt", "council"]));
  qualificationId = (await qualificationIds(health))("bauantragspruefung");
  [{ id: bauordnungId }] = (
    await t.database.db.execute(
      sql`SELECT d.id FROM departments d JOIN organizations o ON o.id = d.organization_id WHERE o.name = 'Wunstorf' AND d.key = 'bauordnung'`,
    )
  ).rows as Array<{ id: string }>;
  requestId = (
    await call(
      health,
      "POST",
      "/api/v1/support-requests",
      requestBody({
        title: "Bauanträge Impfzentren",
        tasks: "Bauanträge für Impfzentren und Testzentren prüfen.",
        headcount: 5,
        startsOn: "2027-01-04",
        endsOn: "2027-02-26",
        requiredQualificationIds: [qualificationId],
      }),
      201,
    )
  ).id;
});
afterAll(async () => t?.close());

describe("the staff council decides without the employer's side", () => {
  it("someone who approved for the HR office and now sits on the staff council does not decide that secondment", async () => {
    const formerHr = await newAccount("wechsel@wunstorf.demo", ["org_admin"]);
    const offered = await call(
      wunstorfHr,
      "POST",
      `/api/v1/support-requests/${requestId}/offers`,
      { memberId: await newMember("Hanna Hofmann") },
      201,
    );
    await step(bauamt, offered.id, "release");
    await step(formerHr.client, offered.id, "approve");
    await step(wunstorfHr, offered.id, "accept"); // the written declaration of a member without an account
    // The HR officer moves to the staff council.
    await call(wunstorfHr, "PATCH", `/api/v1/accounts/${formerHr.id}`, { roles: ["staff_council"] });
    const seen = await call(formerHr.client, "GET", `/api/v1/secondments/${offered.id}`);
    expect(seen.state).toBe("staff_council");
    expect(seen.actions).not.toContain("council_consent");
    const refused = await step(formerHr.client, offered.id, "council_consent", 403);
    expect(refused.errors[0].rule).toBe("council_independence");
    expect(refused.errors[0].message.de).toContain("Der Personalrat entscheidet ohne Sie");
    // Another member of the council decides.
    expect((await call(council, "GET", `/api/v1/secondments/${offered.id}`)).actions).toContain("council_consent");
    expect((await step(council, offered.id, "council_consent")).state).toBe("accepted");
  });

  it("a council member does not decide their own secondment", async () => {
    const member = await newAccount("ratsmitglied@wunstorf.demo", ["employee", "staff_council"]);
    const joined = await call(
      member.client,
      "POST",
      "/api/v1/me/pool-membership",
      {
        hasConsent: true,
        consentVersion: CONSENT_VERSION,
        jobTitle: "Bauingenieurin",
        employmentStatus: "employee",
        payGroup: "E 11",
        departmentId: bauordnungId,
        travelRadiusKm: 80,
        qualifications: [{ qualificationId }],
        availability: [{ startsOn: "2026-12-01", endsOn: "2027-12-31", hoursPerWeek: 39 }],
      },
      201,
    );
    await call(wunstorfHr, "PATCH", `/api/v1/pool-members/${joined.id}`, { qualifications: [{ qualificationId }] });
    const offered = await call(wunstorfHr, "POST", `/api/v1/support-requests/${requestId}/offers`, { memberId: joined.id }, 201);
    await step(bauamt, offered.id, "release");
    await step(wunstorfHr, offered.id, "approve");
    expect((await step(member.client, offered.id, "accept")).state).toBe("staff_council");
    expect((await step(member.client, offered.id, "council_consent", 403)).errors[0].rule).toBe("council_independence");
    expect((await step(council, offered.id, "council_consent")).state).toBe("accepted");
  });
});
