import type { SecondmentState, WorkflowRole } from "../../domain/secondment/workflow";
import type { OnboardingKey } from "./secondments.tables";

// Rules of the secondment that several use cases share.

/** The legal basis of a secondment by employment status. */
export const legalBasisOf = (status: "employee" | "civil_servant") =>
  status === "civil_servant" ? "§ 27 NBG (Abordnung von Beamtinnen und Beamten)" : "§ 4 Abs. 1 TVöD (Abordnung)";

/** From the agreement to the end of the deployment: onboarding items are ticked and extensions proposed. */
export const AGREED_OR_RUNNING: readonly SecondmentState[] = ["agreed", "onboarding", "active"];

/** The receiving side tells the person about the first day from the acceptance to the end of the deployment. */
export const FIRST_DAY_STATES: readonly SecondmentState[] = ["accepted", ...AGREED_OR_RUNNING];

/** Who sets the first day, and when: the receiving HR office, in {@link FIRST_DAY_STATES}. */
export function firstDayRefusal(roles: ReadonlySet<WorkflowRole>, state: SecondmentState): "not_receiving_hr" | "not_now" | null {
  if (!roles.has("borrower_org_admin")) return "not_receiving_hr";
  return FIRST_DAY_STATES.includes(state) ? null : "not_now";
}

/** The default onboarding checklist: responsible side and whether the secondment may start without it. */
export const ONBOARDING_TEMPLATE: Array<{ key: OnboardingKey; side: "lender" | "borrower"; isRequired: boolean }> = [
  { key: "it_account", side: "borrower", isRequired: true },
  { key: "device", side: "lender", isRequired: true },
  { key: "workplace", side: "borrower", isRequired: true },
  { key: "badge", side: "borrower", isRequired: false },
  { key: "briefing", side: "borrower", isRequired: true },
];
