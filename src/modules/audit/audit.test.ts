import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type TestApp } from "../../../test/app";
import { recordAudit } from "./record-audit";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe("audit log", () => {
  it("is append-only: the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    await t.signIn("personal@wunstorf.demo");
    const refusal = (statement: ReturnType<typeof sql>) =>
      t.database.db.execute(statement).then(
        () => "accepted",
        (err: Error & { cause?: Error }) => String(err.cause?.message ?? err.message),
      );
    expect(await refusal(sql`UPDATE audit_events SET action = 'x'`)).toMatch(/append-only/);
    expect(await refusal(sql`DELETE FROM audit_events`)).toMatch(/append-only/);
    expect(await refusal(sql`TRUNCATE audit_events`)).toMatch(/append-only/);
    const { rows } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'login'`);
    expect((rows[0] as { n: number }).n).toBeGreaterThan(0);
  });

  it("org_admin reads its own administration's entries only, newest first and paged", async () => {
    await t.signIn("mitarbeiterin@wunstorf.demo");
    await t.signIn("mitarbeiter@garbsen.demo");
    const hr = await t.signIn("personal@wunstorf.demo");
    const page = await hr.request({ method: "GET", url: "/api/v1/audit-events?limit=2" });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.items).toHaveLength(2);
    expect(body.items[0].id).toBeGreaterThan(body.items[1].id);
    const all = await hr.request({ method: "GET", url: "/api/v1/audit-events?limit=200" });
    const logins = new Set(all.json().items.map((e: { actorLogin: string }) => e.actorLogin));
    expect(logins).toContain("mitarbeiterin@wunstorf.demo");
    expect(logins).not.toContain("mitarbeiter@garbsen.demo");
    const next = await hr.request({ method: "GET", url: `/api/v1/audit-events?limit=2&cursor=${body.nextCursor}` });
    expect(next.json().items[0].id).toBeLessThan(body.items[1].id);
  });

  it("region_admin reads the region's changes to region and public objects, not tenant data", async () => {
    const wunstorfOrg = (await (await t.signIn("personal@wunstorf.demo")).request({ method: "GET", url: "/api/v1/me" })).json()
      .organization;
    const [region] = (await t.database.db.execute(sql`SELECT region_id FROM organizations WHERE id = ${wunstorfOrg.id}`)).rows as Array<{
      region_id: string;
    }>;
    await t.database.db.transaction((tx) =>
      recordAudit(tx, null, {
        action: "update",
        entity: "service_standard",
        entityId: "demo",
        regionId: region.region_id,
        organizationId: wunstorfOrg.id,
        visibility: "region",
        after: { target: 10 },
      }),
    );
    const coordination = await t.signIn("koordination@region-hannover.demo");
    const res = await coordination.request({ method: "GET", url: "/api/v1/audit-events?limit=200" });
    const items = res.json().items as Array<{ entity: string; action: string }>;
    expect(items.some((e) => e.entity === "service_standard")).toBe(true);
    expect(items.some((e) => e.action === "login" && e.entity === "account")).toBe(false);
  });

  it("other roles cannot read the log", async () => {
    const employee = await t.signIn("mitarbeiterin@wunstorf.demo");
    expect((await employee.request({ method: "GET", url: "/api/v1/audit-events" })).statusCode).toBe(403);
  });
});
