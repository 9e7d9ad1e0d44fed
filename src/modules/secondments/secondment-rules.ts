import type { SecondmentState } from "../../domain/secondment/workflow";
import type { OnboardingKey } from "./secondments.tables";

// Rules of the secondment that several use cases share.

/** The legal basis of a secondment by employment status. */
export const legalBasisOf = (status: "employee" | "civil_servant") =>
  status === "civil_servant" ? "§ 27 NBG (Abordnung von Beamtinnen und Beamten)" : "§ 4 Abs. 1 TVöD (Abordnung)";

/** From the agreement to the end of the deployment: onboarding items are ticked and extensions proposed. */
export const AGREED_OR_RUNNING: readonly SecondmentState[] = ["agreed", "onboarding", "active"];

/** The default onboarding checklist: responsible side and whether the secondment may start without it. */
export const ONBOARDING_TEMPLATE: Array<{ key: OnboardingKey; side: "lender" | "borrower"; isRequired: boolean }> = [
  { key: "it_account", side: "borrower", isRequired: true },
  { key: "device", side: "lender", isRequired: true },
  { key: "workplace", side: "borrower", isRequired: true },
  { key: "badge", side: "borrower", isRequired: false },
  { key: "briefing", side: "borrower", isRequired: true },
];
