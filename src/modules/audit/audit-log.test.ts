import { sql } from "drizzle-orm";
/**
 * The readable audit log (#15): entries as sentences with German names and values, links only to
 * objects the reader may open, filters by person, object type and period (with paging), tenant
 * isolation through every filter, and the CSV export.
 */
import { germanDate } from "../../kernel/dates";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { confirmQualifications, joinPool, post, qualificationIds, requestBody, signInCast, step } from "../../../test/support-cast";
import { today, addDays } from "../../kernel/dates";
import { OBJECT_TYPE_NAMES } from "./audit-words";
import { recordAudit, recordAudits } from "./record-audit";

interface Entry {
  id: number;
  action: string;
  entity: string;
  entityId: string | null;
  actorLogin: string | null;
  actor: { name: { de: string } | null; organization: string | null; label: { de: string; en: string } };
  sentence: { de: string; en: string };
  object: { type: string; typeName: { de: string; en: string }; id: string | null; title: string | null; link: string | null };
  changes: Array<{ de: string; en: string }>;
}

let t: TestApp;
let wunstorfHr: Client;
let bauamt: Client;
let katrin: Client;
let health: Client;
let coordination: Client;
let garbsenHr: Client;
let secondmentId: string;
let requestId: string;
let withdrawnId: string;

async function log(client: Client, query = ""): Promise<Entry[]> {
  const res = await client.request({ method: "GET", url: `/api/v1/audit-events?limit=200${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

const request = (over: Record<string, unknown>) =>
  requestBody({
    title: "Bauanträge Gesundheitsamt",
    tasks: "Bauanträge prüfen",
    urgency: "normal",
    settlementModel: "reciprocity",
    ...over,
  });

beforeAll(async () => {
  t = await buildTestApp();
  ({ wunstorfHr, bauamt, katrin, health, coordination, garbsenHr } = await signInCast(t, [
    "wunstorfHr",
    "bauamt",
    "katrin",
    "health",
    "coordination",
    "garbsenHr",
  ]));
  const qualification = (await qualificationIds(health))("bauantragspruefung");
  const memberId = await joinPool(katrin, [{ qualificationId: qualification }]);
  await confirmQualifications(wunstorfHr, memberId, [{ qualificationId: qualification }]);
  const created = await post(health, "/api/v1/support-requests", request({ requiredQualificationIds: [qualification] }));
  expect(created.statusCode, created.body).toBe(201);
  requestId = created.json().id;
  const offered = await post(wunstorfHr, `/api/v1/support-requests/${requestId}/offers`, { memberId });
  expect(offered.statusCode, offered.body).toBe(201);
  secondmentId = offered.json().id;
  expect((await step(bauamt, secondmentId, "release")).json().state).toBe("released");
  expect((await step(wunstorfHr, secondmentId, "approve")).json().state).toBe("approved");
  expect((await step(katrin, secondmentId, "accept")).json().state).toBe("staff_council");
  // Wunstorf publishes a request and withdraws it: the region's log names it, but nobody outside
  // Wunstorf can open a withdrawn request.
  const withdrawn = await post(
    wunstorfHr,
    "/api/v1/support-requests",
    request({ title: "Zurückgezogene Anfrage Wunstorf", contactEmail: "personal@wunstorf.demo", contactName: "Sabine Köhler" }),
  );
  expect(withdrawn.statusCode, withdrawn.body).toBe(201);
  withdrawnId = withdrawn.json().id;
  const cancelled = await post(wunstorfHr, `/api/v1/support-requests/${withdrawnId}/status`, { status: "cancelled" });
  expect(cancelled.statusCode, cancelled.body).toBe(200);
}, 120_000);
afterAll(async () => t?.close());

describe("entries read as sentences", () => {
  it("a workflow step names the person, the step and the change of status in German and English, with a link", async () => {
    const entries = await log(wunstorfHr, "&objectType=secondment");
    const accepted = entries.find((e) => e.entityId === secondmentId && e.sentence.de === "hat der Abordnung zugestimmt")!;
    expect(accepted).toBeDefined();
    expect(accepted.actor.label.de).toBe("Katrin Schulze");
    expect(accepted.actor.organization).toBe("Wunstorf");
    expect(accepted.changes.map((c) => c.de)).toEqual(["Status: genehmigt → beim Personalrat"]);
    expect(accepted.changes.map((c) => c.en)).toEqual(["Status: approved → with the staff council"]);
    expect(accepted.sentence.en).toBe("accepted the secondment");
    expect(accepted.object).toMatchObject({ typeName: { de: "Abordnung", en: "Secondment" }, link: `/abordnungen/${secondmentId}` });
    const approved = entries.find((e) => e.entityId === secondmentId && e.sentence.de === "hat die Abordnung genehmigt")!;
    expect(approved.actor.label.de).toBe("Sabine Köhler");
    expect(approved.changes[0].de).toBe("Status: vom Fachbereich freigegeben → genehmigt");
  });

  it("a proposal says what was proposed, its dates written out", async () => {
    const entries = await log(wunstorfHr, "&objectType=secondment");
    const proposed = entries.find((e) => e.entityId === secondmentId && e.action === "create")!;
    expect(proposed.sentence.de).toBe("hat die Abordnung vorgeschlagen");
    expect(proposed.changes.map((c) => c.de)).toEqual(
      expect.arrayContaining(["Beginn: 7. Dezember 2026", "Ende: 31. Januar 2027", "Status: vorgeschlagen"]),
    );
    expect(proposed.changes.map((c) => c.en)).toContain("Start: 7 December 2026");
    // No technical field reaches the reader.
    expect(JSON.stringify(proposed.changes)).not.toMatch(/requestId|amends|undefined|null/);
  });

  it("granting a role reads as such, the account named and linked for its HR office", async () => {
    const created = await post(wunstorfHr, "/api/v1/accounts", {
      login: "rollen@wunstorf.demo",
      displayName: "Rolf Rollenwechsel",
      roles: ["employee"],
      initialPassword: "rollen-test-2026",
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const patched = await wunstorfHr.request({
      method: "PATCH",
      url: `/api/v1/accounts/${id}`,
      payload: { roles: ["employee", "org_admin"] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const [granted] = (await log(wunstorfHr, "&objectType=account")).filter((e) => e.entityId === id && e.action === "update");
    expect(granted.sentence.de).toBe("hat die Rolle „Personalamt“ vergeben");
    expect(granted.sentence.en).toBe("granted the role “HR office”");
    expect(granted.changes.map((c) => c.de)).toContain("Rollen: Beschäftigte/r → Beschäftigte/r und Personalamt");
    expect(granted.object).toMatchObject({ title: "Rolf Rollenwechsel", link: `/konten/${id}` });
  });

  it("links only to objects the reader may open; another administration's person is not named", async () => {
    const entries = await log(coordination, "&objectType=support_request");
    const own = entries.find((e) => e.entityId === requestId && e.action === "create")!;
    expect(own.object.link).toBe(`/anfragen/${requestId}`);
    // Wunstorf's withdrawn request: its change is the region's business, the request itself no longer.
    const withdrawal = entries.find((e) => e.entityId === withdrawnId && e.action === "update")!;
    expect(withdrawal.sentence.de).toBe("hat die Unterstützungsanfrage zurückgezogen");
    expect(withdrawal.object.link).toBeNull();
    expect(withdrawal.actor).toMatchObject({ name: null, organization: "Wunstorf", label: { de: "eine Person aus Wunstorf" } });
    expect(withdrawal.actorLogin).toBeNull();
    expect(JSON.stringify(entries)).not.toContain("personal@wunstorf.demo");
    // Wunstorf's HR office opens its own withdrawn request.
    const mine = (await log(wunstorfHr, "&objectType=support_request")).find((e) => e.entityId === withdrawnId && e.action === "update")!;
    expect(mine.object.link).toBe(`/anfragen/${withdrawnId}`);
    expect(mine.actor.label.de).toBe("Sabine Köhler");
    // A pool member has no page of its own: no link.
    const member = (await log(wunstorfHr, "&objectType=pool_member"))[0];
    expect(member.object).toMatchObject({ typeName: { de: "Poolmitglied" }, link: null });
  });
});

describe("filters", () => {
  it("each filter narrows the log: object type, person, period", async () => {
    const all = await log(wunstorfHr);
    const secondments = await log(wunstorfHr, "&objectType=secondment");
    expect(secondments.length).toBeGreaterThan(0);
    expect(secondments.length).toBeLessThan(all.length);
    expect(secondments.every((e) => e.entity === "secondment")).toBe(true);

    const katrins = await log(wunstorfHr, `&person=${encodeURIComponent("schulze")}`);
    expect(katrins.length).toBeGreaterThan(0);
    expect(katrins.every((e) => e.actor.label.de === "Katrin Schulze")).toBe(true);
    expect(katrins.some((e) => e.action === "login")).toBe(true);
    expect(all.filter((e) => e.actor.label.de === "Katrin Schulze").length).toBe(katrins.length);
    expect(await log(wunstorfHr, "&person=niemand-heisst-so")).toEqual([]);

    const day = today();
    expect((await log(wunstorfHr, `&from=${day}&to=${day}`)).length).toBe(all.length);
    expect(await log(wunstorfHr, `&from=${addDays(day, 1)}`)).toEqual([]);
    expect(await log(wunstorfHr, `&to=${addDays(day, -1)}`)).toEqual([]);
    const combined = await log(wunstorfHr, `&person=schulze&objectType=secondment&from=${day}`);
    expect(combined.map((e) => e.sentence.de)).toEqual(["hat der Abordnung zugestimmt"]);
  });

  it("a filter pages like the whole log", async () => {
    const whole = await log(wunstorfHr, "&objectType=secondment");
    const walked: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await wunstorfHr.request({
        method: "GET",
        url: `/api/v1/audit-events?limit=1&objectType=secondment${cursor ? `&cursor=${cursor}` : ""}`,
      });
      walked.push(...(res.json().items as Entry[]).map((e) => e.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    expect(walked).toEqual(whole.map((e) => e.id));
  });

  it("refuses a period that ends before it starts, and unknown values, in plain words", async () => {
    const res = await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events?from=2026-12-10&to=2026-12-01" });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        field: "to",
        message: {
          de: "Das Datum „Bis“ liegt vor dem Datum „Von“. Wählen Sie ein „Bis“ am selben Tag oder danach.",
          en: "The “To” date is before the “From” date. Choose a “To” date on or after it.",
        },
      }),
    ]);
    const type = await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events?objectType=passwords" });
    expect(type.statusCode).toBe(400);
    expect(type.json().errors[0]).toMatchObject({ field: "objectType", message: { de: "Wählen Sie einen der angebotenen Werte aus." } });
    const date = await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events.csv?from=1.12.2026" });
    expect(date.statusCode).toBe(400);
    expect(date.json().errors[0]).toMatchObject({ field: "from", message: { de: "Geben Sie das Datum im Format 31.12.2026 ein." } });
  });

  it("offers every object type with its German name", async () => {
    const res = await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events?limit=1" });
    const types = res.json().objectTypes as Array<{ type: string; name: { de: string } }>;
    expect(types.map((o) => o.type).sort()).toEqual([...OBJECT_TYPE_NAMES].sort());
    expect(types.find((o) => o.type === "support_request")!.name.de).toBe("Unterstützungsanfrage");
  });

  it("no filter combination shows an org_admin another administration's entries", async () => {
    const wunstorfIds = new Set((await log(wunstorfHr)).map((e) => e.id));
    const people = ["schulze", "Köhler", "wunstorf", "personal", "a", "%", "_", "Meyer", "garbsen"];
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            person: fc.constantFrom(...people),
            objectType: fc.constantFrom(...OBJECT_TYPE_NAMES),
            from: fc.constantFrom(addDays(today(), -3), today()),
            to: fc.constantFrom(today(), addDays(today(), 2)),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom("json", "csv"),
        async (filter, format) => {
          const query = new URLSearchParams(filter as Record<string, string>).toString();
          const url = format === "csv" ? `/api/v1/audit-events.csv?${query}` : `/api/v1/audit-events?limit=200&${query}`;
          const res = await garbsenHr.request({ method: "GET", url });
          expect(res.statusCode, res.body).toBe(200);
          // (The filter itself is echoed in Garbsen's own export entries: names only whole, as Wunstorf's data has them.)
          expect(res.body).not.toMatch(/@wunstorf\.demo|Katrin Schulze|Sabine Köhler|Rollenwechsel|;Wunstorf;|"Wunstorf"/);
          if (format === "json") expect((res.json().items as Entry[]).filter((e) => wunstorfIds.has(e.id))).toEqual([]);
        },
      ),
      { numRuns: 40, seed: 15 },
    );
    // The same filters do find Wunstorf's entries for Wunstorf (the property can fail).
    expect((await log(wunstorfHr, "&person=schulze")).length).toBeGreaterThan(0);
  });
});

describe("CSV export", () => {
  it("is a German Excel file: BOM, semicolons, German headers and dates, the filter applied", async () => {
    const res = await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events.csv?objectType=secondment" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="protokoll-\d{4}-\d\d-\d\d\.csv"$/);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = res.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Zeitpunkt;Person;Verwaltung;Was geschah;Objektart;Objekt;Änderungen");
    const accepted = lines.find((l) => l.includes("hat der Abordnung zugestimmt"))!;
    expect(accepted).toMatch(
      /^\d\d\.\d\d\.\d{4} \d\d:\d\d:\d\d;Katrin Schulze;Wunstorf;hat der Abordnung zugestimmt;Abordnung;Wunstorf → Region Hannover, \d\d\.\d\d\.\d{4}–\d\d\.\d\d\.\d{4};Status: genehmigt → beim Personalrat$/,
    );
    // The object names who lends to whom and when, as the page does (no person: the name has its own rule).
    const s = (await wunstorfHr.request({ method: "GET", url: `/api/v1/secondments/${secondmentId}` })).json();
    const period = `${germanDate(s.startsOn)}–${germanDate(s.endsOn)}`;
    expect(accepted).toContain(`;Wunstorf → Region Hannover, ${period};`);
    const own = await log(wunstorfHr, "&objectType=secondment");
    expect(own.find((e) => e.object.id === secondmentId)?.object.title).toBe(`Wunstorf → Region Hannover, ${period}`);
    // A pool member's entries name the person for the HR office of the person's administration.
    const pool = (await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events.csv?objectType=pool_member" })).body;
    expect(pool).toMatch(/;Poolmitglied;Katrin Schulze;/);
    expect(lines.slice(1, -1).every((l) => l.includes(";Abordnung;"))).toBe(true);
    expect(lines.at(-1)).toBe("");
  });

  it("neutralises formulas and quotes separators", async () => {
    const created = await post(wunstorfHr, "/api/v1/accounts", {
      login: "formel@wunstorf.demo",
      displayName: '=HYPERLINK("http://x.example";"Klick")',
      roles: ["employee"],
      initialPassword: "formel-test-2026",
    });
    expect(created.statusCode, created.body).toBe(201);
    const csv = (await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events.csv?objectType=account" })).body;
    const line = csv.split("\r\n").find((l) => l.includes("HYPERLINK"))!;
    // The object cell and the change cell each start with an apostrophe or are quoted text, never a bare formula.
    expect(line).toContain(`;"'=HYPERLINK(""http://x.example"";""Klick"")";`);
    expect(line).toContain(`; Name: =HYPERLINK(""http://x.example"";""Klick"")`);
    for (const cell of line.split(/;(?=(?:[^"]*"[^"]*")*[^"]*$)/)) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("is recorded in the log: who exported which filter", async () => {
    await wunstorfHr.request({ method: "GET", url: `/api/v1/audit-events.csv?objectType=secondment&from=2026-01-01` });
    const [exported] = await log(wunstorfHr, "&objectType=audit_log");
    expect(exported.sentence.de).toBe("hat das Protokoll als CSV heruntergeladen");
    expect(exported.actor.label.de).toBe("Sabine Köhler");
    expect(exported.changes.map((c) => c.de)).toEqual(["Objektart: Abordnung", "Von: 1. Januar 2026"]);
  });

  it("shows what the administration's own people did to another's objects only where it is a party", async () => {
    // The coordination office (a Region account) acts on a secondment between two towns — say while
    // committing an allocation run — and on the Region's own borrowed secondment.
    const regionHr = await t.signIn("personal@region-hannover.demo");
    const region = (await coordination.request({ method: "GET", url: "/api/v1/me" })).json();
    const wunstorf = (await wunstorfHr.request({ method: "GET", url: "/api/v1/me" })).json();
    const notOurs = "00000000-0000-4000-8000-00000000a0a0";
    const actor = {
      accountId: region.id,
      regionId: region.organization.regionId ?? null,
      organizationId: region.organization.id,
      departmentId: null,
      login: region.login,
      displayName: region.displayName,
      roles: ["region_admin"],
      sessionId: "test",
      csrfToken: "test",
    } as never;
    await t.database.db.transaction(async (tx) => {
      for (const entityId of [notOurs, secondmentId]) {
        await recordAudit(tx, actor, {
          action: "create",
          entity: "secondment",
          entityId,
          organizationId: wunstorf.organization.id,
          visibility: "party",
          after: { state: "proposed", action: "propose" },
        });
      }
    });
    const seen = (await log(regionHr, "&objectType=secondment")).map((e) => e.entityId);
    expect(seen).toContain(secondmentId);
    expect(seen).not.toContain(notOurs);
  });

  it("names no login of another administration's person, also on an entry kept under the viewer's administration", async () => {
    // A step of the borrowing side (the Region's HR office confirming) is kept under the lending
    // administration, as the secondment's own entries are.
    const regionHr = await t.signIn("personal@region-hannover.demo");
    const region = (await regionHr.request({ method: "GET", url: "/api/v1/me" })).json();
    const wunstorf = (await wunstorfHr.request({ method: "GET", url: "/api/v1/me" })).json();
    await t.database.db.transaction((tx) =>
      recordAudit(
        tx,
        {
          accountId: region.id,
          regionId: wunstorf.organization.regionId ?? null,
          organizationId: region.organization.id,
          departmentId: null,
          login: region.login,
          displayName: region.displayName,
          roles: ["org_admin"],
          sessionId: "test",
          csrfToken: "test",
        } as never,
        {
          action: "update",
          entity: "secondment",
          entityId: secondmentId,
          organizationId: wunstorf.organization.id,
          visibility: "party",
          before: { state: "agreed" },
          after: { state: "onboarding" },
        },
      ),
    );
    const entries = await log(wunstorfHr, "&objectType=secondment");
    const confirmed = entries.find((e) => e.entityId === secondmentId && e.actor.organization === "Region Hannover");
    expect(confirmed).toBeDefined();
    expect(confirmed!.actor.name).toBeNull();
    expect(confirmed!.actorLogin).toBeNull();
    expect(JSON.stringify(entries)).not.toContain("personal@region-hannover.demo");
    const csv = (await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events.csv?objectType=secondment" })).body;
    expect(csv).not.toContain("personal@region-hannover.demo");
  });

  it("entries written together are the same rows as entries written one by one (an API key named by its prefix, empty before/after kept empty)", async () => {
    const me = (await wunstorfHr.request({ method: "GET", url: "/api/v1/me" })).json();
    const key = {
      kind: "api_key",
      keyId: "k",
      prefix: "vbk_AbCdEfGh",
      regionId: me.organization.regionId,
      organizationId: me.organization.id,
    } as never;
    const entries = (tag: string) =>
      [0, 1, 2].map((i) => ({
        action: "create" as const,
        entity: "submission",
        entityId: `${tag}-${i}`,
        visibility: "region" as const,
        after: i === 1 ? undefined : { period: "2026-Q3", value: 91.5 + i, text: 'Anführung "zitiert" \\ ü' },
      }));
    await t.database.db.transaction(async (tx) => {
      for (const e of entries("single")) await recordAudit(tx, key, e);
      await recordAudits(tx, key, entries("together"));
    });
    const { rows } = await t.database.db.execute(sql`
      SELECT entity_id, region_id, organization_id, actor_account_id, actor_organization_id, actor_login, action, entity, visibility,
        before, after, ip, on_behalf_of FROM audit_events WHERE entity_id LIKE 'single-%' OR entity_id LIKE 'together-%' ORDER BY entity_id`);
    const single = rows.filter((r) => String(r.entity_id).startsWith("single"));
    const together = rows.filter((r) => String(r.entity_id).startsWith("together"));
    expect(together).toHaveLength(3);
    expect(together.map((r) => ({ ...r, entity_id: null }))).toEqual(single.map((r) => ({ ...r, entity_id: null })));
    expect(together[0]).toMatchObject({ actor_login: "api-key vbk_AbCdEfGh", organization_id: me.organization.id, before: null });
    expect(together[1].after).toBeNull();
    expect(together[2].after).toEqual({ period: "2026-Q3", value: 93.5, text: 'Anführung "zitiert" \\ ü' });
  });

  it("writes a log longer than one batch completely, newest first", async () => {
    const me = (await wunstorfHr.request({ method: "GET", url: "/api/v1/me" })).json();
    await t.database.db.transaction(async (tx) => {
      for (let i = 0; i < 1100; i++) {
        await recordAudit(tx, null, {
          action: "update",
          entity: "framework_agreement",
          entityId: `massen-${i}`,
          organizationId: me.organization.id,
          regionId: null,
          visibility: "tenant",
          after: { version: i },
        });
      }
    });
    const csv = (await wunstorfHr.request({ method: "GET", url: "/api/v1/audit-events.csv?objectType=framework_agreement" })).body;
    const rows = csv.split("\r\n").filter((l) => l.includes("Fassung: "));
    expect(rows).toHaveLength(1100);
    expect(rows[0]).toContain("Fassung: 1.099");
    expect(rows.at(-1)).toContain("Fassung: 0");
  });
});
