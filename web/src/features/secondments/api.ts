import type { RequestBodyOf, ResponseOf } from "../../api/types";

/** The caller's secondments (lender, borrower, person, department). */
export type Secondments = ResponseOf<"/api/v1/secondments">;
/** One secondment with the steps the caller may take, what they need, timeline and checklist. */
export type Secondment = ResponseOf<"/api/v1/secondments/{id}">;
/** A step of the secondment workflow. */
export type SecondmentAction = Secondment["actions"][number];
/** A step as the page sends it (Verbund's own steps are never sent). */
export type Transition = RequestBodyOf<"/api/v1/secondments/{id}/transitions", "post">;
/** The agreement's overhead surcharge as the lending HR office sets it. */
export type OverheadChange = RequestBodyOf<"/api/v1/secondments/{id}/overhead", "put">;
/** An item of the onboarding checklist. */
export type OnboardingItem = Secondment["onboarding"][number];
/** A proposed extension. */
export type Extension = RequestBodyOf<"/api/v1/secondments/{id}/extensions", "post">;

/** The caller's calendar subscriptions and whether it may have one of its department. */
export type CalendarFeeds = ResponseOf<"/api/v1/calendar-feeds">;

/** The lending rules of the caller's administration: staff council and caps. */
export type SecondmentSettings = ResponseOf<"/api/v1/secondment-settings">;
/** The rules as the form sends them. */
export type SecondmentSettingsChange = RequestBodyOf<"/api/v1/secondment-settings", "put">;
/** Deputyships the caller sees, and whom it may name. */
export type Deputies = ResponseOf<"/api/v1/deputies">;
/** A deputyship as the form sends it. */
export type NewDeputy = RequestBodyOf<"/api/v1/deputies", "post">;

/** The versions of the region's framework agreement. */
export type FrameworkAgreements = ResponseOf<"/api/v1/framework-agreements">;
/** A new version, as the coordination's form sends it. */
export type NewFrameworkVersion = RequestBodyOf<"/api/v1/framework-agreements", "post">;
/** The first day as the receiving HR office tells the person. */
export type FirstDay = RequestBodyOf<"/api/v1/secondments/{id}/first-day", "put">;
/** What one of the caller's steps waits for. */
export type Waiting = Secondment["waitingFor"][number];
