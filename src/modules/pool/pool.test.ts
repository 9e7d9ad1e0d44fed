import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { CONSENT_VERSION } from "./consent";
import { PAY_GROUP } from "./pool.schemas";
import { purgeFormerPoolMembers } from "./pool-overview";

let t: TestApp;
let katrin: Client;
let wunstorfHr: Client;
let garbsenHr: Client;
let catalogue: Array<{ id: string; key: string; name: string }>;
const q = (key: string) => catalogue.find((c) => c.key === key)!.id;

const joinBody = () => ({
  hasConsent: true,
  consentVersion: CONSENT_VERSION,
  jobTitle: "Sachbearbeiterin Bauantragsprüfung",
  employmentStatus: "employee",
  payGroup: "E 9b",
  phone: "05031 101-234",
  languages: ["Deutsch", "Englisch"],
  travelRadiusKm: 30,
  canWorkRemotely: true,
  qualifications: [{ qualificationId: q("bauantragspruefung") }, { qualificationId: q("baurecht_nbauo"), validUntil: "2027-12-31" }],
  availability: [{ startsOn: "2026-12-01", endsOn: "2027-03-31", hoursPerWeek: 20 }],
});

beforeAll(async () => {
  t = await buildTestApp();
  katrin = await t.signIn("mitarbeiterin@wunstorf.demo");
  wunstorfHr = await t.signIn("personal@wunstorf.demo");
  garbsenHr = await t.signIn("personal@garbsen.demo");
  catalogue = (await katrin.request({ method: "GET", url: "/api/v1/qualifications" })).json().items;
});
afterAll(async () => t?.close());

describe("qualification catalogue", () => {
  it("everyone in the region reads it, in categories; the coordination office extends it", async () => {
    expect(catalogue.map((c) => c.name)).toEqual(
      expect.arrayContaining(["Kontaktnachverfolgung", "SORMAS", "Bauantragsprüfung", "Netzwerkadministration", "Dolmetschen Arabisch"]),
    );
    const coordination = await t.signIn("koordination@region-hannover.demo");
    const created = await coordination.request({
      method: "POST",
      url: "/api/v1/qualifications",
      payload: { key: "hochwasserschutz", name: "Hochwasserschutz", category: "Ordnung" },
    });
    expect(created.statusCode).toBe(201);
    const again = await coordination.request({
      method: "POST",
      url: "/api/v1/qualifications",
      payload: { key: "hochwasserschutz", name: "Hochwasserschutz II", category: "Ordnung" },
    });
    expect(again.statusCode).toBe(409);
    // The form offers the categories the server names; each of them is accepted, nothing else.
    const { categories } = (await coordination.request({ method: "GET", url: "/api/v1/qualifications" })).json();
    expect(categories).toEqual(["Verwaltung", "Gesundheit", "Bauordnung", "IT", "Soziales", "Ordnung", "Sprachen"]);
    for (const category of [...categories, "Unbekannt"]) {
      const res = await coordination.request({
        method: "POST",
        url: "/api/v1/qualifications",
        payload: { key: `kategorie_${categories.indexOf(category) + 1}`, name: `Kategorie ${category}`, category },
      });
      expect(res.statusCode, category).toBe(categories.includes(category) ? 201 : 400);
      if (res.statusCode === 400) expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(["category"]);
    }
    expect(
      (await wunstorfHr.request({ method: "POST", url: "/api/v1/qualifications", payload: { key: "x_y", name: "XY", category: "IT" } }))
        .statusCode,
    ).toBe(403);
  });
});

describe("joining the pool", () => {
  it("needs consent to the current text and names invalid fields", async () => {
    const noConsent = await katrin.request({
      method: "POST",
      url: "/api/v1/me/pool-membership",
      payload: { ...joinBody(), hasConsent: false },
    });
    expect(noConsent.statusCode).toBe(400);
    expect(noConsent.json().errors[0].field).toBe("hasConsent");
    const outdated = await katrin.request({
      method: "POST",
      url: "/api/v1/me/pool-membership",
      payload: { ...joinBody(), consentVersion: "2020-01-01" },
    });
    expect(outdated.json().errors[0]).toMatchObject({ field: "consentVersion", rule: "outdated" });
    const bad = await katrin.request({
      method: "POST",
      url: "/api/v1/me/pool-membership",
      payload: {
        ...joinBody(),
        payGroup: "E 9 Stufe 3",
        availability: [{ startsOn: "2027-01-10", endsOn: "2027-01-01", hoursPerWeek: 10 }],
      },
    });
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["payGroup", "availability.0.endsOn"]));
    expect((await katrin.request({ method: "GET", url: "/api/v1/me/pool-membership" })).json().member).toBeNull();
  });

  it("an employee joins with consent; own qualifications wait for the home administration's confirmation", async () => {
    const membership = await katrin.request({ method: "GET", url: "/api/v1/me/pool-membership" });
    expect(membership.json().consent.version).toBe(CONSENT_VERSION);
    expect(membership.json().consent.text.de).toContain("widerrufen");
    const res = await katrin.request({ method: "POST", url: "/api/v1/me/pool-membership", payload: joinBody() });
    expect(res.statusCode, res.body).toBe(201);
    const member = res.json();
    expect(member).toMatchObject({
      name: "Katrin Schulze",
      workEmail: "mitarbeiterin@wunstorf.demo",
      payGroup: "E 9b",
      consentVersion: CONSENT_VERSION,
      isActive: true,
    });
    expect(member.department.name).toBe("Bauordnung");
    expect(member.qualifications.every((h: { counts: boolean }) => !h.counts)).toBe(true);
    expect(member.availability).toEqual([expect.objectContaining({ startsOn: "2026-12-01", endsOn: "2027-03-31", hoursPerWeek: 20 })]);
    expect((await katrin.request({ method: "POST", url: "/api/v1/me/pool-membership", payload: joinBody() })).statusCode).toBe(409);
  });

  it("the HR office sees and confirms; expired qualifications no longer count", async () => {
    const list = (await wunstorfHr.request({ method: "GET", url: "/api/v1/pool-members" })).json().items;
    const member = list.find((m: { name: string }) => m.name === "Katrin Schulze");
    const res = await wunstorfHr.request({
      method: "PATCH",
      url: `/api/v1/pool-members/${member.id}`,
      payload: {
        qualifications: [{ qualificationId: q("bauantragspruefung") }, { qualificationId: q("baurecht_nbauo"), validUntil: "2025-06-30" }],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const held = Object.fromEntries(
      res.json().qualifications.map((h: { name: string; counts: boolean; isConfirmed: boolean }) => [h.name, h]),
    );
    expect(held["Bauantragsprüfung"]).toMatchObject({ isConfirmed: true, counts: true });
    expect(held["Bauordnungsrecht (NBauO)"]).toMatchObject({ isConfirmed: true, counts: false });
  });

  it("a change names only what changes: availability, radius and languages stay", async () => {
    const list = (await wunstorfHr.request({ method: "GET", url: "/api/v1/pool-members" })).json().items;
    const member = list.find((m: { name: string }) => m.name === "Katrin Schulze");
    const res = await wunstorfHr.request({
      method: "PATCH",
      url: `/api/v1/pool-members/${member.id}`,
      payload: { jobTitle: "Sachbearbeiterin Bauordnung" },
    });
    expect(res.json()).toMatchObject({
      jobTitle: "Sachbearbeiterin Bauordnung",
      travelRadiusKm: 30,
      canWorkRemotely: true,
      languages: ["Deutsch", "Englisch"],
    });
    expect(res.json().availability).toHaveLength(1);
    expect(res.json().qualifications).toHaveLength(2);
  });

  it("the employee sees who read the data and when, and exports everything as JSON", async () => {
    const readersNow = async () =>
      (await katrin.request({ method: "GET", url: "/api/v1/me/pool-membership/readers?limit=100" })).json().items;
    const before = (await readersNow()).length;
    // The HR office reads a page of the list that shows Katrin among others: one entry for the page,
    // which she finds among her readers; her own reads of her entry are not listed.
    const added = await wunstorfHr.request({
      method: "POST",
      url: "/api/v1/pool-members",
      payload: {
        name: "Jonas Brandt",
        workEmail: "j.brandt@wunstorf.demo",
        jobTitle: "Sachbearbeiter",
        employmentStatus: "employee",
        payGroup: "E 8",
        hasConsent: true,
        consentVersion: CONSENT_VERSION,
      },
    });
    expect(added.statusCode).toBe(201);
    const page = (await wunstorfHr.request({ method: "GET", url: "/api/v1/pool-members" })).json().items;
    expect(page.length).toBeGreaterThan(1);
    await katrin.request({ method: "GET", url: "/api/v1/me/pool-membership" });
    const readers = await readersNow();
    expect(readers.length).toBe(before + 1);
    const log = (await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events?objectType=pool_member" })).json().items;
    expect(log[0].sentence.de).toBe(`hat die Daten von ${page.length} Poolmitgliedern eingesehen (eine Seite der Liste)`);
    expect(readers[0].reader).toBe("personal@wunstorf.demo");
    const exported = await katrin.request({ method: "GET", url: "/api/v1/me/export" });
    expect(exported.headers["content-disposition"]).toContain("verbund-meine-daten.json");
    const data = exported.json();
    expect(data.account.login).toBe("mitarbeiterin@wunstorf.demo");
    expect(data.poolMembership.payGroup).toBe("E 9b");
    expect(data.readsOfMyPoolData.length).toBe(readers.length);
  });
});

describe("visibility", () => {
  it("another administration's HR office never sees the member's name, e-mail or phone", async () => {
    const own = (await wunstorfHr.request({ method: "GET", url: "/api/v1/pool-members" })).json().items[0];
    const direct = await garbsenHr.request({ method: "GET", url: `/api/v1/pool-members/${own.id}` });
    expect(direct.statusCode).toBe(404);
    const patch = await garbsenHr.request({ method: "PATCH", url: `/api/v1/pool-members/${own.id}`, payload: { name: "Übernommen" } });
    expect(patch.statusCode).toBe(404);
    for (const url of ["/api/v1/pool-members", "/api/v1/pool-members?includeFormer=true", "/api/v1/pool-overview"]) {
      const body = (await garbsenHr.request({ method: "GET", url })).body;
      expect(body).not.toContain("Katrin");
      expect(body).not.toContain("mitarbeiterin@wunstorf.demo");
      expect(body).not.toContain("05031 101-234");
    }
  });

  it("the region sees counts per administration and qualification, small counts withheld", async () => {
    const coordination = await t.signIn("koordination@region-hannover.demo");
    const res = await coordination.request({ method: "GET", url: "/api/v1/pool-overview" });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("Katrin");
    const wunstorf = res.json().organizations.find((o: { name: string }) => o.name === "Wunstorf");
    expect(wunstorf.members).toBeNull(); // 1 member: "< 3"
    expect(res.json().organizations).toHaveLength(22);
    expect((await coordination.request({ method: "GET", url: "/api/v1/pool-members" })).statusCode).toBe(403);
  });
});

describe("leaving", () => {
  it("leaving removes the person from the pool at once; personal data goes after the retention period", async () => {
    expect((await katrin.request({ method: "DELETE", url: "/api/v1/me/pool-membership" })).statusCode).toBe(204);
    const active = (await wunstorfHr.request({ method: "GET", url: "/api/v1/pool-members" })).json().items;
    expect(active.find((m: { name: string }) => m.name === "Katrin Schulze")).toBeUndefined();
    expect(await purgeFormerPoolMembers(t.database.db, 90)).toBe(0);
    await t.database.db.execute(
      sql`UPDATE pool_members SET left_at = now() - interval '91 days' WHERE work_email = 'mitarbeiterin@wunstorf.demo'`,
    );
    expect(await purgeFormerPoolMembers(t.database.db, 90)).toBe(1);
    const former = (await wunstorfHr.request({ method: "GET", url: "/api/v1/pool-members?includeFormer=true" })).json().items;
    const purged = former.find((m: { name: string }) => m.name === "(ausgeschieden)");
    expect(purged).toMatchObject({ workEmail: "", phone: null, payGroup: "E 9b", qualifications: [], availability: [] });
    expect(JSON.stringify(former)).not.toContain("Katrin");
  });

  it("a person who left can join again", async () => {
    const res = await katrin.request({ method: "POST", url: "/api/v1/me/pool-membership", payload: joinBody() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().name).toBe("Katrin Schulze");
  });
});

describe("pay groups", () => {
  it("property: accepts exactly the group (TVöD E/S, grades A/B) and never a step or amount", () => {
    for (const ok of ["E 1", "E 9a", "E 9b", "E 15Ü", "S 11b", "A 9", "A 16", "B 3"]) expect(PAY_GROUP.test(ok)).toBe(true);
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        if (PAY_GROUP.test(s)) expect(s).toMatch(/^[ESAB] \d{1,2}(Ü|[abc])?$/);
      }),
    );
    for (const bad of ["E 9b Stufe 3", "E 16", "3.779,84", "A 17", "e 9b", ""]) expect(PAY_GROUP.test(bad)).toBe(false);
  });
});
