import { randomInt } from "node:crypto";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, departments, organizations } from "../schema";
import { writeAccountRoles } from "../../modules/identity/account-roles";
import { hashPassword } from "../../modules/identity/passwords";
import type { Role } from "../../kernel/roles";

/** One demo account: login, display name, roles, administration (AGS) and department key. */
export interface DemoAccount {
  login: string;
  displayName: string;
  roles: Role[];
  ags: string;
  department?: string;
}

const REGION = "03241";
const WUNSTORF = "03241021";
const GARBSEN = "03241005";

/** The demo accounts of the Region Hannover (issue: Foundation › demo mode). */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { login: "koordination@region-hannover.demo", displayName: "Koordinierungsstelle Region", roles: ["region_admin"], ags: REGION },
  {
    login: "personal@region-hannover.demo",
    displayName: "Personalamt Region Hannover",
    roles: ["org_admin"],
    ags: REGION,
    department: "personal",
  },
  {
    login: "gesundheitsamt@region-hannover.demo",
    displayName: "Dr. Miriam Okafor",
    roles: ["department_head"],
    ags: REGION,
    department: "gesundheitsamt",
  },
  {
    login: "bauaufsicht@region-hannover.demo",
    displayName: "Jörg Brandes",
    roles: ["department_head"],
    ags: REGION,
    department: "bauordnung",
  },
  { login: "kaemmerei@region-hannover.demo", displayName: "Ulrike Brandt", roles: ["finance"], ags: REGION, department: "finanzen" },
  { login: "personal@wunstorf.demo", displayName: "Sabine Köhler", roles: ["org_admin"], ags: WUNSTORF, department: "personal" },
  { login: "bauamt@wunstorf.demo", displayName: "Thomas Meyer", roles: ["department_head"], ags: WUNSTORF, department: "bauordnung" },
  { login: "sachbearbeitung@wunstorf.demo", displayName: "Aylin Demir", roles: ["clerk"], ags: WUNSTORF, department: "bauordnung" },
  { login: "mitarbeiterin@wunstorf.demo", displayName: "Katrin Schulze", roles: ["employee"], ags: WUNSTORF, department: "bauordnung" },
  { login: "personalrat@wunstorf.demo", displayName: "Personalrat Wunstorf", roles: ["staff_council"], ags: WUNSTORF },
  { login: "kaemmerei@wunstorf.demo", displayName: "Frank Wöltje", roles: ["finance"], ags: WUNSTORF, department: "finanzen" },
  { login: "controlling@wunstorf.demo", displayName: "Lena Hartmann", roles: ["reporter"], ags: WUNSTORF, department: "finanzen" },
  { login: "klimaschutz@wunstorf.demo", displayName: "Jonas Behrens", roles: ["climate_manager"], ags: WUNSTORF },
  { login: "beteiligung@wunstorf.demo", displayName: "Nele Grote", roles: ["moderator"], ags: WUNSTORF, department: "buergerservice" },
  { login: "buergermeister@wunstorf.demo", displayName: "Bürgermeister Wunstorf", roles: ["management"], ags: WUNSTORF },
  { login: "personal@garbsen.demo", displayName: "Markus Lange", roles: ["org_admin"], ags: GARBSEN, department: "personal" },
  { login: "mitarbeiter@garbsen.demo", displayName: "Piotr Nowak", roles: ["employee"], ags: GARBSEN, department: "it" },
  // Bills the Region for Jana Bode's hours (the demo's statements and Nachträge from Garbsen).
  { login: "kaemmerei@garbsen.demo", displayName: "Heike Reuter", roles: ["finance"], ags: GARBSEN, department: "finanzen" },
  // Seconded to the Gesundheitsamt in the demo (running secondment with hours): records and corrects hours.
  { login: "abgeordnete@garbsen.demo", displayName: "Jana Bode", roles: ["employee"], ags: GARBSEN, department: "ordnung" },
];

/**
 * A random demo password: 18 characters from an alphabet without look-alikes, each drawn evenly
 * (`randomInt`; a byte modulo 55 drew the first 36 letters more often).
 */
export function randomDemoPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return Array.from({ length: 18 }, () => alphabet[randomInt(alphabet.length)]).join("");
}

/**
 * Creates (or resets) the demo accounts with `password`. Only `npm start` (demo mode) and the
 * tests call this; `verbund serve` never does, so outside demo mode no known password exists.
 */
export async function seedDemoAccounts(db: Db, password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  const orgs = await db.select().from(organizations);
  const orgByAgs = new Map(orgs.map((o) => [o.ags, o]));
  return db.transaction(async (tx) => {
    for (const demo of DEMO_ACCOUNTS) {
      const org = orgByAgs.get(demo.ags);
      if (!org) throw new Error(`Demo seed: administration ${demo.ags} missing; seed reference data first`);
      let departmentId: string | null = null;
      if (demo.department) {
        const [dep] = await tx
          .select({ id: departments.id })
          .from(departments)
          .where(and(eq(departments.organizationId, org.id), eq(departments.key, demo.department)));
        if (!dep) throw new Error(`Demo seed: department ${demo.department} missing in ${org.name}`);
        departmentId = dep.id;
      }
      const values = {
        regionId: org.regionId,
        organizationId: org.id,
        departmentId,
        login: demo.login,
        displayName: demo.displayName,
        passwordHash,
        isActive: true,
      };
      const [account] = await tx
        .insert(accounts)
        .values(values)
        .onConflictDoUpdate({ target: accounts.login, set: { ...values, updatedAt: new Date() } })
        .returning();
      // The same rules as every role write (separation of duties): a non-compliant demo fails loudly.
      await writeAccountRoles(tx, account, demo.roles, { actor: null, name: "demo" });
    }
    return DEMO_ACCOUNTS.length;
  });
}

/**
 * Outside demo mode no account with a known password may exist: removes the password of every
 * demo account (they can no longer sign in) and returns how many there were.
 */
export async function disableDemoAccounts(db: Db): Promise<number> {
  const rows = await db
    .update(accounts)
    .set({ passwordHash: null, updatedAt: new Date() })
    .where(
      and(
        inArray(
          accounts.login,
          DEMO_ACCOUNTS.map((a) => a.login),
        ),
        isNotNull(accounts.passwordHash),
      ),
    )
    .returning({ id: accounts.id });
  return rows.length;
}

/** Ids of the demo accounts, by login (tests and browser tests use this). */
export async function demoAccountIds(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: accounts.id, login: accounts.login })
    .from(accounts)
    .where(
      inArray(
        accounts.login,
        DEMO_ACCOUNTS.map((a) => a.login),
      ),
    );
  return new Map(rows.map((r) => [r.login, r.id]));
}
