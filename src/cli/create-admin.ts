import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { recordAudit } from "../modules/audit/record-audit";
import { writeAccountRoles } from "../modules/identity/account-roles";
import { unscopedAccountByLogin } from "../modules/identity/account-scope";
import { accounts } from "../modules/identity/identity.tables";
import { roleSetProblem } from "../modules/identity/role-rules";
import { hashPassword, passwordProblem } from "../modules/identity/passwords";
import { ROLES, type Role } from "../kernel/roles";
import { organizations } from "../modules/organizations/organizations.tables";
import { OperatorError } from "../operator-error";

/** Input of {@link createAdministrator}. */
export interface CreateAdministratorInput {
  /** AGS of the administration, e.g. `03241` for the Region or `03241021` for Wunstorf. */
  ags: string;
  login: string;
  displayName?: string;
  password: string;
  /** Roles to grant; default org_admin, plus region_admin for the regional administration. */
  roles?: Role[];
}

/**
 * Creates the first administrator of an administration from the command line (no demo data
 * needed). Refuses a weak password, an unknown administration or a login that exists.
 */
export async function createAdministrator(db: Db, input: CreateAdministratorInput) {
  const problem = passwordProblem(input.password);
  if (problem) {
    throw new OperatorError("Das Passwort muss 12 bis 256 Zeichen lang sein.", "The password must be 12 to 256 characters long.");
  }
  const login = input.login.trim().toLowerCase();
  if (!/^[^@\s]+@[^@\s]+$/.test(login)) {
    throw new OperatorError(`„${input.login}“ ist keine E-Mail-Adresse.`, `"${input.login}" is not an e-mail address.`);
  }
  const unknownRole = input.roles?.find((r) => !(ROLES as readonly string[]).includes(r));
  if (unknownRole) throw new OperatorError(`Unbekannte Rolle: ${unknownRole}`, `Unknown role: ${unknownRole}`);
  const [org] = await db.select().from(organizations).where(eq(organizations.ags, input.ags));
  if (!org) throw new OperatorError(`Keine Verwaltung mit dem Schlüssel ${input.ags}.`, `No administration with the key ${input.ags}.`);
  const roles: Role[] = input.roles?.length ? input.roles : org.kind === "region" ? ["org_admin", "region_admin"] : ["org_admin"];
  const conflict = roleSetProblem(roles);
  if (conflict) throw new OperatorError(conflict.message.de, conflict.message.en);
  if (roles.includes("region_admin") && org.kind !== "region") {
    throw new OperatorError(
      "Die Rolle region_admin gibt es nur in der Regionsverwaltung.",
      "The role region_admin exists only in the regional administration.",
    );
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const existing = await unscopedAccountByLogin(tx, login);
    if (existing) throw new OperatorError(`Das Konto ${login} gibt es bereits.`, `The account ${login} already exists.`);
    const [account] = await tx
      .insert(accounts)
      .values({ regionId: org.regionId, organizationId: org.id, login, displayName: input.displayName ?? login, passwordHash })
      .returning();
    await writeAccountRoles(tx, account, roles, { actor: null, name: "verbund admin create" });
    await recordAudit(tx, null, {
      action: "create",
      entity: "account",
      entityId: account.id,
      regionId: org.regionId,
      organizationId: org.id,
      visibility: "tenant",
      actorLogin: "verbund admin create",
      after: { login, displayName: account.displayName, roles },
    });
    return { id: account.id, login, organization: org.name, roles };
  });
}
