/**
 * Issue #13, part 3: separation of duties (DESIGN.md › Users) on a real database — nobody changes
 * their own roles; the staff council is never held with an employer role, whichever path writes
 * the roles; its members are told who joins and leaves; only a region_admin deactivates one; a
 * department's calendar feed ends with the holder's role.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createAdministrator } from "../../cli/create-admin";
import { DEMO_ACCOUNTS } from "../../db/seed/demo";
import { problemFromDatabaseError } from "../../server/database-errors";
import { ROLE_SIDE, roleSetProblem } from "./role-rules";
import { ROLES } from "../../kernel/roles";

let t: TestApp;
let wunstorf: Client;
const ids = new Map<string, string>();

const id = (login: string) => ids.get(login)!;
const patch = (client: Client, login: string, payload: Record<string, unknown>) =>
  client.request({ method: "PATCH", url: `/api/v1/accounts/${id(login)}`, payload });

async function mailsTo(address: string) {
  const { rows } = await t.database.db.execute(
    sql`SELECT subject, text_body FROM outbox_messages WHERE to_address = ${address} ORDER BY created_at, id`,
  );
  return rows as Array<{ subject: string; text_body: string }>;
}

beforeAll(async () => {
  t = await buildTestApp();
  wunstorf = await t.signIn("personal@wunstorf.demo");
  const { rows } = await t.database.db.execute(sql`SELECT id, login FROM accounts`);
  for (const r of rows as Array<{ id: string; login: string }>) ids.set(r.login, r.id);
});
afterAll(async () => t?.close());

describe("nobody changes their own roles", () => {
  it("an HR officer can neither add nor drop an own role (403 naming roles), but saves the own name with the roles unchanged", async () => {
    const add = await patch(wunstorf, "personal@wunstorf.demo", { roles: ["org_admin", "finance"] });
    expect(add.statusCode).toBe(403);
    expect(add.json().errors[0]).toMatchObject({ field: "roles", rule: "own_roles" });
    const drop = await patch(wunstorf, "personal@wunstorf.demo", { roles: ["employee"] });
    expect(drop.statusCode).toBe(403);
    const same = await patch(wunstorf, "personal@wunstorf.demo", { roles: ["org_admin"], displayName: "Sabine Köhler-Neu" });
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ displayName: "Sabine Köhler-Neu", roles: ["org_admin"], abilities: { changeRoles: false } });
    const other = (await wunstorf.request({ method: "GET", url: `/api/v1/accounts/${id("bauamt@wunstorf.demo")}` })).json();
    expect(other.abilities.changeRoles).toBe(true);
  });
});

describe("the staff council is independent of the employer", () => {
  it("refuses staff_council together with org_admin, department_head (create and update) and region_admin", async () => {
    for (const roles of [
      ["staff_council", "org_admin"],
      ["staff_council", "department_head"],
    ]) {
      const created = await wunstorf.request({
        method: "POST",
        url: "/api/v1/accounts",
        payload: { login: `doppelt-${roles[1]}@wunstorf.demo`, displayName: "Doppelrolle", roles, initialPassword: "doppelrolle-2026" },
      });
      expect(created.statusCode, roles.join()).toBe(400);
      expect(created.json().errors[0]).toMatchObject({ field: "roles", rule: "staff_council_independent" });
    }
    const council = await patch(wunstorf, "personalrat@wunstorf.demo", { roles: ["staff_council", "department_head"] });
    expect(council.statusCode).toBe(400);
    expect(council.json().errors[0].message.de).toContain("Personalrat ist unabhängig");
    const head = await patch(wunstorf, "bauamt@wunstorf.demo", { roles: ["department_head", "staff_council"] });
    expect(head.statusCode).toBe(400);
    await createAdministrator(t.database.db, {
      ags: "03241",
      login: "leitung@region-hannover.test",
      password: "leitung-test-2026",
      roles: ["org_admin", "region_admin"],
    });
    const leitung = await t.signIn("leitung@region-hannover.test", "leitung-test-2026");
    const both = await leitung.request({
      method: "POST",
      url: "/api/v1/accounts",
      payload: {
        login: "rat@region-hannover.test",
        displayName: "Rat",
        roles: ["region_admin", "staff_council"],
        initialPassword: "regionsrat-2026",
      },
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].rule).toBe("staff_council_independent");
    const { rows } = await t.database.db.execute(
      sql`SELECT count(*)::int AS n FROM accounts WHERE display_name = 'Doppelrolle' OR login = 'rat@region-hannover.test'`,
    );
    expect((rows[0] as { n: number }).n).toBe(0);
  });

  it("the operator's command line refuses the pair too", async () => {
    await expect(
      createAdministrator(t.database.db, {
        ags: "03241021",
        login: "pr@wunstorf.test",
        password: "wunstorf-test-2026",
        roles: ["org_admin", "staff_council"],
      }),
    ).rejects.toThrow(/Personalrat ist unabhängig|staff council is independent/);
  });

  it("the database refuses the pair from any path (constraint trigger), exactly for the employer roles, as a clear problem", async () => {
    const { rows } = await t.database.db.execute(
      sql`INSERT INTO accounts (region_id, organization_id, login, display_name) SELECT region_id, id, 'sql@wunstorf.test', 'Per SQL' FROM organizations WHERE ags = '03241021' RETURNING id, region_id, organization_id`,
    );
    const account = rows[0] as { id: string; region_id: string; organization_id: string };
    const insert = (role: string) =>
      t.database.db.execute(
        sql`INSERT INTO account_roles (account_id, region_id, organization_id, role) VALUES (${account.id}, ${account.region_id}, ${account.organization_id}, ${role})`,
      );
    await insert("staff_council");
    for (const role of ROLES.filter((r) => r !== "staff_council")) {
      const outcome = await insert(role).then(
        () => "stored",
        (err: unknown) => err,
      );
      if (ROLE_SIDE[role] === "employer") {
        const problem = problemFromDatabaseError(outcome);
        expect(problem?.status, role).toBe(400);
        expect(problem?.fields?.[0]).toMatchObject({ field: "roles", rule: "staff_council_independent" });
      } else {
        expect(outcome, role).toBe("stored");
      }
    }
    // And the other way round: an employer role first, then staff_council.
    await t.database.db.execute(sql`DELETE FROM account_roles WHERE account_id = ${account.id}`);
    await insert("department_head");
    await expect(insert("staff_council")).rejects.toThrow();
  });

  it("the demo accounts comply", () => {
    expect(DEMO_ACCOUNTS.filter((a) => roleSetProblem(a.roles))).toEqual([]);
  });

  it("a staff council member is not made deputy of a department head, nor made council while deputising", async () => {
    const bauamt = await t.signIn("bauamt@wunstorf.demo");
    const named = await bauamt.request({
      method: "POST",
      url: "/api/v1/deputies",
      payload: { deputyAccountId: id("personalrat@wunstorf.demo"), startsOn: "2026-01-01", endsOn: "2099-12-31" },
    });
    expect(named.statusCode).toBe(400);
    expect(named.json().errors[0]).toMatchObject({ field: "deputyAccountId", rule: "staff_council_deputy" });
    const clerk = await bauamt.request({
      method: "POST",
      url: "/api/v1/deputies",
      payload: { deputyAccountId: id("sachbearbeitung@wunstorf.demo"), startsOn: "2026-01-01", endsOn: "2099-12-31" },
    });
    expect(clerk.statusCode, clerk.body).toBe(201);
    const toCouncil = await patch(wunstorf, "sachbearbeitung@wunstorf.demo", { roles: ["clerk", "staff_council"] });
    expect(toCouncil.statusCode).toBe(400);
    expect(toCouncil.json().errors[0]).toMatchObject({ field: "roles", rule: "staff_council_deputy" });
    await bauamt.request({ method: "DELETE", url: `/api/v1/deputies/${clerk.json().id}` });
  });
});

describe("the staff council learns who acts for it", () => {
  it("granting, revoking and deactivating an account with staff_council e-mail the council's other members and are audited", async () => {
    const before = (await mailsTo("personalrat@wunstorf.demo")).length;
    const granted = await patch(wunstorf, "klimaschutz@wunstorf.demo", { roles: ["climate_manager", "staff_council"] });
    expect(granted.statusCode, granted.body).toBe(200);
    let mails = await mailsTo("personalrat@wunstorf.demo");
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)!.text_body).toContain("Jonas Behrens (klimaschutz@wunstorf.demo) hat die Rolle „Personalrat“ erhalten");
    expect(mails.at(-1)!.text_body).toContain("Geändert von: Sabine Köhler");

    const off = await patch(wunstorf, "klimaschutz@wunstorf.demo", { isActive: false });
    expect(off.statusCode).toBe(200);
    mails = await mailsTo("personalrat@wunstorf.demo");
    expect(mails.at(-1)!.text_body).toContain("wurde gesperrt");
    // The deactivated member is not told about itself; when the council changes back, the others are.
    await patch(wunstorf, "klimaschutz@wunstorf.demo", { isActive: true });
    const revoked = await patch(wunstorf, "klimaschutz@wunstorf.demo", { roles: ["climate_manager"] });
    expect(revoked.statusCode).toBe(200);
    mails = await mailsTo("personalrat@wunstorf.demo");
    expect(mails.at(-1)!.text_body).toContain("hat die Rolle „Personalrat“ nicht mehr");
    expect(mails.length).toBe(before + 4);

    const log = (await wunstorf.request({ method: "GET", url: "/api/v1/audit-events?limit=50" })).json().items;
    const changes = log
      .filter(
        (e: { entity: string; after: { login: string } }) => e.entity === "staff_council" && e.after.login === "klimaschutz@wunstorf.demo",
      )
      .map((e: { after: { change: string } }) => e.after.change)
      .reverse();
    expect(changes).toEqual(["granted", "deactivated", "reactivated", "revoked"]);
  });
});

describe("the region's coordination", () => {
  it("only a region_admin deactivates a region_admin; the Region's HR office cannot", async () => {
    const regionHr = await t.signIn("personal@region-hannover.demo");
    const res = await patch(regionHr, "koordination@region-hannover.demo", { isActive: false });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0]).toMatchObject({ field: "isActive", rule: "region_admin_only" });
    const leitung = await t.signIn("leitung@region-hannover.test", "leitung-test-2026");
    const byCoordinator = await patch(leitung, "koordination@region-hannover.demo", { isActive: false });
    expect(byCoordinator.statusCode, byCoordinator.body).toBe(200);
  });
});

describe("calendar feeds follow the holder's roles", () => {
  it("a department feed stops answering when its holder no longer heads the department; a person feed when the account is deactivated", async () => {
    const bauamt = await t.signIn("bauamt@wunstorf.demo");
    const department = await bauamt.request({ method: "POST", url: "/api/v1/calendar-feeds", payload: { scope: "department" } });
    const person = await bauamt.request({ method: "POST", url: "/api/v1/calendar-feeds", payload: { scope: "person" } });
    const path = (url: string) => new URL(url).pathname;
    expect((await t.app.inject({ method: "GET", url: path(department.json().url) })).statusCode).toBe(200);
    expect((await patch(wunstorf, "bauamt@wunstorf.demo", { roles: ["employee"] })).statusCode).toBe(200);
    const gone = await t.app.inject({ method: "GET", url: path(department.json().url) });
    expect(gone.statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: path(person.json().url) })).statusCode).toBe(200);
    // Deputising today for the department's new head, the holder reads the feed again.
    expect((await patch(wunstorf, "sachbearbeitung@wunstorf.demo", { roles: ["department_head"] })).statusCode).toBe(200);
    const newHead = await t.signIn("sachbearbeitung@wunstorf.demo");
    const deputy = await newHead.request({
      method: "POST",
      url: "/api/v1/deputies",
      payload: { deputyAccountId: id("bauamt@wunstorf.demo"), startsOn: "2026-01-01", endsOn: "2099-12-31" },
    });
    expect(deputy.statusCode, deputy.body).toBe(201);
    expect((await t.app.inject({ method: "GET", url: path(department.json().url) })).statusCode).toBe(200);
    await newHead.request({ method: "DELETE", url: `/api/v1/deputies/${deputy.json().id}` });
    expect((await t.app.inject({ method: "GET", url: path(department.json().url) })).statusCode).toBe(404);
    // Head again: the same feed answers again (nothing was revoked, the check runs at each read).
    expect((await patch(wunstorf, "bauamt@wunstorf.demo", { roles: ["department_head"] })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: path(department.json().url) })).statusCode).toBe(200);
    // Moved to another department: the old department's feed ends.
    const org = (await wunstorf.request({ method: "GET", url: "/api/v1/me" })).json().organization.id;
    const deps = (await wunstorf.request({ method: "GET", url: `/api/v1/organizations/${org}` })).json().departments;
    const finance = deps.find((d: { key: string }) => d.key === "finanzen").id;
    expect((await patch(wunstorf, "bauamt@wunstorf.demo", { departmentId: finance })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: path(department.json().url) })).statusCode).toBe(404);
    expect((await patch(wunstorf, "bauamt@wunstorf.demo", { isActive: false })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: path(person.json().url) })).statusCode).toBe(404);
  });
});
