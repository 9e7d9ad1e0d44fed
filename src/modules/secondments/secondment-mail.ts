import { eq } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { germanDate } from "../../kernel/dates";
import { type SecondmentState } from "../../domain/secondment/workflow";
import { unscopedActiveHolders } from "../identity";
import type { Role } from "../../kernel/roles";
import { enqueueMail } from "../notifications";
import { organizations } from "../organizations";
import { mayShowPersonName, type MemberRow, type SecondmentRow } from "./secondment-scope";

/** German names of the states, for e-mails and documents (the UI has its own, in both languages). */
export const STATE_NAMES_DE: Record<SecondmentState, string> = {
  proposed: "vorgeschlagen",
  released: "vom Fachbereich freigegeben",
  approved: "vom Personalamt genehmigt",
  staff_council: "beim Personalrat",
  accepted: "zugestimmt, Bestätigung der aufnehmenden Verwaltung ausstehend",
  agreed: "vereinbart",
  onboarding: "in Einarbeitung",
  active: "im Einsatz",
  completed: "beendet",
  ended_early: "vorzeitig beendet",
  cancelled: "abgebrochen",
  declined: "von der/dem Beschäftigten abgelehnt",
  refused: "vom Personalrat abgelehnt",
  withdrawn: "zurückgezogen",
};

/** The active holders of `role` in an administration (of a department, when given): who is written to. */
const accountsWithRole = (tx: Tx, organizationId: string, role: Role, departmentId?: string | null) =>
  unscopedActiveHolders(tx, role, { organizationId, departmentId });

/** E-mails whoever acts next after a step (in the step's transaction, through the outbox). */
export async function notifyNext(tx: Tx, s: SecondmentRow, member: MemberRow, baseUrl: string) {
  const link = `${baseUrl.replace(/\/$/, "")}/abordnungen/${s.id}`;
  const lenderHr = () => accountsWithRole(tx, s.organizationId, "org_admin");
  const borrowerHr = () => accountsWithRole(tx, s.borrowerOrganizationId, "org_admin");
  const employee = [{ login: member.workEmail, displayName: member.name, organizationId: member.organizationId }];
  const next: Record<SecondmentState, () => Promise<Array<{ login: string; displayName: string; organizationId: string }>>> = {
    proposed: async () =>
      member.departmentId ? accountsWithRole(tx, s.organizationId, "department_head", member.departmentId) : lenderHr(),
    released: lenderHr,
    approved: async () => employee,
    staff_council: () => accountsWithRole(tx, s.organizationId, "staff_council"),
    accepted: borrowerHr,
    agreed: async () => [...(await borrowerHr()), ...(await lenderHr()), ...employee],
    onboarding: async () => employee,
    active: async () => [...(await lenderHr()), ...employee],
    completed: async () => [...(await lenderHr()), ...(await borrowerHr())],
    ended_early: async () => [...(await lenderHr()), ...(await borrowerHr()), ...employee],
    cancelled: async () => [...(await lenderHr()), ...(await borrowerHr())],
    declined: async () => lenderHr(),
    refused: async () => [...(await lenderHr()), ...(await borrowerHr()), ...employee],
    withdrawn: async () => lenderHr(),
  };
  const recipients = new Map((await next[s.state]()).map((r) => [r.login.toLowerCase(), r]));
  const [borrower] = await tx
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, s.borrowerOrganizationId));
  const [lender] = await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, s.organizationId));
  for (const r of recipients.values()) {
    // The borrower learns the name only once the person has accepted.
    const hideName = !mayShowPersonName({ organizationId: r.organizationId, accountId: null }, s, member);
    const who = hideName ? "einer Person aus dem Unterstützungspool" : member.name;
    await enqueueMail(tx, {
      regionId: s.regionId,
      // The recipient's administration: its Postausgang shows the mail.
      organizationId: r.organizationId,
      to: r.login,
      subject: `Abordnung ${lender?.name} → ${borrower?.name}: ${STATE_NAMES_DE[s.state]}`,
      text:
        `Guten Tag ${r.displayName},\n\n` +
        `die Abordnung von ${who} (${lender?.name}) an ${borrower?.name} vom ${germanDate(s.startsOn)} bis ${germanDate(s.endsOn)} ` +
        `ist jetzt: ${STATE_NAMES_DE[s.state]}.\n\n` +
        (FINAL_HINT[s.state] ?? "Bitte prüfen Sie, ob ein Schritt bei Ihnen liegt:") +
        `\n${link}\n\nDiese Nachricht wurde von Verbund verschickt.`,
    });
  }
}

const FINAL_HINT: Partial<Record<SecondmentState, string>> = {
  completed: "Die Abordnung ist abgeschlossen. Die Einzelheiten finden Sie hier:",
  ended_early: "Die Abordnung wurde vorzeitig beendet. Den Grund finden Sie hier:",
  cancelled: "Der Vorgang wurde abgebrochen. Den Grund finden Sie hier:",
  refused: "Der Personalrat hat nicht zugestimmt. Die Begründung finden Sie hier:",
  declined: "Die Person hat den Vorschlag abgelehnt. Einzelheiten:",
  withdrawn: "Der Vorschlag wurde zurückgezogen, weil die Person eine andere Abordnung im selben Zeitraum angenommen hat:",
};
