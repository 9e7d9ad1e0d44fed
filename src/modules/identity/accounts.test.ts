import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { buildTestApp, type Client, type TestApp } from "../../../test/app";
import { createAdministrator } from "../../cli/create-admin";
import { ROLES } from "../../kernel/roles";

let t: TestApp;
let wunstorf: Client;
let garbsen: Client;
beforeAll(async () => {
  t = await buildTestApp();
  wunstorf = await t.signIn("personal@wunstorf.demo");
  garbsen = await t.signIn("personal@garbsen.demo");
});
afterAll(async () => t?.close());

const newAccount = {
  login: "Neue.Kollegin@wunstorf.demo",
  displayName: "Jana Österreich",
  roles: ["employee", "clerk"],
  initialPassword: "ein-startpasswort-2026",
};

describe("accounts of an administration", () => {
  it("org_admin lists only its own administration's accounts, sorted by name", async () => {
    const res = await wunstorf.request({ method: "GET", url: "/api/v1/accounts" });
    expect(res.statusCode).toBe(200);
    const logins = res.json().items.map((a: { login: string }) => a.login);
    expect(logins).toContain("mitarbeiterin@wunstorf.demo");
    expect(logins.every((l: string) => l.endsWith("@wunstorf.demo"))).toBe(true);
    expect(logins).toHaveLength(10);
    const names = res.json().items.map((a: { displayName: string }) => a.displayName);
    expect(names).toEqual([...names].sort(new Intl.Collator("de").compare));
  });

  it("creates an account with roles and department; the new person can sign in", async () => {
    const org = await wunstorf.request({ method: "GET", url: "/api/v1/me" });
    const detail = await wunstorf.request({ method: "GET", url: `/api/v1/organizations/${org.json().organization.id}` });
    const bau = detail.json().departments.find((d: { key: string }) => d.key === "bauordnung");
    const res = await wunstorf.request({ method: "POST", url: "/api/v1/accounts", payload: { ...newAccount, departmentId: bau.id } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      login: "neue.kollegin@wunstorf.demo",
      roles: ["clerk", "employee"],
      department: { key: "bauordnung" },
    });
    const signedIn = await t.signIn("neue.kollegin@wunstorf.demo", newAccount.initialPassword);
    const me = await signedIn.request({ method: "GET", url: "/api/v1/me" });
    expect(me.json().organization.name).toBe("Wunstorf");
  });

  it("refuses a duplicate login with 409 naming the field", async () => {
    const res = await wunstorf.request({ method: "POST", url: "/api/v1/accounts", payload: newAccount });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0]).toMatchObject({ field: "login", rule: "unique" });
  });

  it("names every invalid field (400) and stores nothing", async () => {
    const res = await wunstorf.request({
      method: "POST",
      url: "/api/v1/accounts",
      payload: { login: "keine-adresse", displayName: "X", roles: [], initialPassword: "kurz", extra: 1 },
    });
    expect(res.statusCode).toBe(400);
    const rules = Object.fromEntries(res.json().errors.map((e: { field: string; rule: string }) => [e.field, e.rule]));
    expect(rules).toMatchObject({ login: "invalid_format", displayName: "too_small", roles: "too_small", initialPassword: "too_small" });
    const { rows } = await t.database.db.execute(sql`SELECT count(*)::int AS n FROM accounts WHERE login = 'keine-adresse'`);
    expect((rows[0] as { n: number }).n).toBe(0);
  });

  it("refuses a department of another administration", async () => {
    const orgs = (await garbsen.request({ method: "GET", url: "/api/v1/me" })).json();
    const detail = await garbsen.request({ method: "GET", url: `/api/v1/organizations/${orgs.organization.id}` });
    const garbsenIt = detail.json().departments.find((d: { key: string }) => d.key === "it");
    const res = await wunstorf.request({
      method: "POST",
      url: "/api/v1/accounts",
      payload: { ...newAccount, login: "fremd@wunstorf.demo", departmentId: garbsenIt.id },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "departmentId", rule: "unknown_department" });
  });

  it("a municipality's HR office cannot grant region_admin", async () => {
    const res = await wunstorf.request({
      method: "POST",
      url: "/api/v1/accounts",
      payload: { ...newAccount, login: "chef@wunstorf.demo", roles: ["region_admin"] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].rule).toBe("not_grantable");
  });

  it("names the roles the caller may grant, and grants exactly those (the role checkboxes come from here)", async () => {
    const list = (await wunstorf.request({ method: "GET", url: "/api/v1/accounts" })).json();
    const municipal = ROLES.filter((r) => r !== "region_admin");
    expect(list.grantableRoles).toEqual(municipal);
    expect(
      list.items.every((a: { abilities: { grantableRoles: string[] } }) => a.abilities.grantableRoles.join() === municipal.join()),
    ).toBe(true);
    for (const role of ROLES) {
      const res = await wunstorf.request({
        method: "POST",
        url: "/api/v1/accounts",
        payload: { ...newAccount, login: `rolle-${role}@wunstorf.demo`, roles: [role] },
      });
      expect(res.statusCode, role).toBe(list.grantableRoles.includes(role) ? 201 : 400);
    }

    // The region's HR office offers region_admin only when it is the region's coordination too.
    const regionHr = await t.signIn("personal@region-hannover.demo");
    expect((await regionHr.request({ method: "GET", url: "/api/v1/accounts" })).json().grantableRoles).toEqual(municipal);
    await createAdministrator(t.database.db, {
      ags: "03241",
      login: "koordination-personal@region-hannover.test",
      password: "koordination-test-2026",
      roles: ["org_admin", "region_admin"],
    });
    const coordinator = await t.signIn("koordination-personal@region-hannover.test", "koordination-test-2026");
    const regional = (await coordinator.request({ method: "GET", url: "/api/v1/accounts" })).json();
    expect(regional.grantableRoles).toEqual(ROLES);
    expect(regional.items[0].abilities.grantableRoles).toEqual(ROLES);
    const granted = await coordinator.request({
      method: "POST",
      url: "/api/v1/accounts",
      payload: { ...newAccount, login: "zweite-koordination@region-hannover.test", roles: ["region_admin"] },
    });
    expect(granted.statusCode).toBe(201);
  });

  it("changes roles and deactivates an account, which ends its sessions; all of it audited", async () => {
    const person = await t.signIn("beteiligung@wunstorf.demo");
    const list = (await wunstorf.request({ method: "GET", url: "/api/v1/accounts" })).json().items;
    const id = list.find((a: { login: string }) => a.login === "beteiligung@wunstorf.demo").id;
    const changed = await wunstorf.request({
      method: "PATCH",
      url: `/api/v1/accounts/${id}`,
      payload: { roles: ["moderator", "employee"] },
    });
    expect(changed.json().roles).toEqual(["employee", "moderator"]);
    const off = await wunstorf.request({ method: "PATCH", url: `/api/v1/accounts/${id}`, payload: { isActive: false } });
    expect(off.json().isActive).toBe(false);
    expect((await person.request({ method: "GET", url: "/api/v1/me" })).statusCode).toBe(401);
    await expect(t.signIn("beteiligung@wunstorf.demo")).rejects.toThrow(/401/);
    const log = (await wunstorf.request({ method: "GET", url: "/api/v1/audit-events" })).json().items;
    const entries = log.filter((e: { entityId: string; action: string }) => e.entityId === id && e.action === "update");
    expect(entries[0].before.isActive).toBe(true);
    expect(entries[0].after.isActive).toBe(false);
    expect(entries[1].after.roles).toEqual(["employee", "moderator"]);
    expect(JSON.stringify(log)).not.toContain("argon2");
  });

  it("an org_admin cannot lock itself out: neither its own roles nor deactivating itself", async () => {
    const me = (await wunstorf.request({ method: "GET", url: "/api/v1/me" })).json();
    const res = await wunstorf.request({ method: "PATCH", url: `/api/v1/accounts/${me.id}`, payload: { roles: ["employee"] } });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0]).toMatchObject({ field: "roles", rule: "own_roles" });
    const off = await wunstorf.request({ method: "PATCH", url: `/api/v1/accounts/${me.id}`, payload: { isActive: false } });
    expect(off.statusCode).toBe(400);
    expect(off.json().errors[0]).toMatchObject({ field: "isActive", rule: "self_lockout" });
  });

  it("offers no link to a provider while the administration has none in force", async () => {
    const list = (await wunstorf.request({ method: "GET", url: "/api/v1/accounts" })).json().items;
    const katrin = list.find((a: { login: string }) => a.login === "mitarbeiterin@wunstorf.demo");
    expect(katrin).toMatchObject({
      identity: null,
      lastSignedInAt: null,
      abilities: { update: true, changeRoles: true, linkIdentity: false, linkIdentityRefusal: "no_provider" },
    });
    // Why not, as the link would be refused: the own account and the staff council's come before the provider.
    const me = (await wunstorf.request({ method: "GET", url: "/api/v1/me" })).json();
    expect(list.find((a: { id: string }) => a.id === me.id).abilities.linkIdentityRefusal).toBe("own_account");
    expect(list.find((a: { login: string }) => a.login === "personalrat@wunstorf.demo").abilities.linkIdentityRefusal).toBe("holder_only");
    const res = await wunstorf.request({ method: "PUT", url: `/api/v1/accounts/${katrin.id}/identity`, payload: { subject: "k-123" } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: "subject", rule: "no_provider" });
  });

  it("another administration's account is not found (404), neither read nor changed", async () => {
    const list = (await wunstorf.request({ method: "GET", url: "/api/v1/accounts" })).json().items;
    const id = list.find((a: { login: string }) => a.login === "mitarbeiterin@wunstorf.demo").id;
    expect((await garbsen.request({ method: "GET", url: `/api/v1/accounts/${id}` })).statusCode).toBe(404);
    const patch = await garbsen.request({ method: "PATCH", url: `/api/v1/accounts/${id}`, payload: { displayName: "Übernommen" } });
    expect(patch.statusCode).toBe(404);
    const after = await wunstorf.request({ method: "GET", url: `/api/v1/accounts/${id}` });
    expect(after.json().displayName).toBe("Katrin Schulze");
  });

  it("roles without account management get 403 on the list and 404 on a single account", async () => {
    const employee = await t.signIn("mitarbeiterin@wunstorf.demo");
    expect((await employee.request({ method: "GET", url: "/api/v1/accounts" })).statusCode).toBe(403);
    const me = (await employee.request({ method: "GET", url: "/api/v1/me" })).json();
    expect(me.abilities.manageAccounts).toBe(false);
    expect((await employee.request({ method: "GET", url: `/api/v1/accounts/${me.id}` })).statusCode).toBe(404);
    expect((await t.anonymous().request({ method: "GET", url: "/api/v1/accounts" })).statusCode).toBe(401);
  });
});
